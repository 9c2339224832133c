/**
 * Is a URL on one of the app's own origins? Parsed, never compared as text: `startsWith` let
 * `http://localhost:5173@evil.example/` (user info) and `app://certscope.evil/` through.
 * `app://` is not a special scheme, so its URL has no `origin`: scheme and host are compared.
 */
export function isOwnOrigin(url: string, origins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  return origins.some((origin) => {
    try {
      const allowed = new URL(origin);
      return parsed.protocol === allowed.protocol && parsed.host === allowed.host && parsed.host !== '';
    } catch {
      return false;
    }
  });
}
