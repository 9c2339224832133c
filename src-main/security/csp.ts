/**
 * One Content Security Policy for the app window and for web mode: our own scripts and styles
 * only, no eval, no inline script, no remote anything, no framing.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  // The verification worker (a module script of ours); nothing else may start a worker.
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The same policy for a <meta> tag, which may not carry frame-ancestors. */
export const metaContentSecurityPolicy = contentSecurityPolicy
  .split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
