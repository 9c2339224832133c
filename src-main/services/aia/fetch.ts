/**
 * Fetches issuer certificates from AIA caIssuers URLs (RFC 5280 §4.2.2.1): plain http only,
 * 1 MiB and 5 s per fetch; DER, PEM or PKCS#7 (.p7c); cached for the session.
 */
import { httpFetch } from '../http/fetch';
import type { ProxySettings } from '../probe/proxy';
import { decodeInput } from '../../../src-core/inspect/decode-input';

export const aiaLimits = { maxBytes: 1024 * 1024, timeoutMs: 5000 };

export class AiaFetchError extends Error {
  override name = 'AiaFetchError';
}

const cache = new Map<string, Promise<Uint8Array[]>>();

/** `proxy`: the user's HTTP proxy, when the inspection goes through one. */
export function fetchIssuers(url: string, proxy?: ProxySettings): Promise<Uint8Array[]> {
  let pending = cache.get(url);
  if (!pending) {
    pending = download(url, proxy).then(parseIssuers);
    cache.set(url, pending);
    pending.catch(() => cache.delete(url));
  }
  return pending;
}

function download(url: string, proxy: ProxySettings | undefined): Promise<Uint8Array> {
  return httpFetch(url, { ...aiaLimits, what: 'AIA issuers', ...(proxy ? { proxy } : {}) });
}

async function parseIssuers(bytes: Uint8Array): Promise<Uint8Array[]> {
  const decoded = await decodeInput({ name: 'AIA response', bytes });
  if (decoded.items.length === 0)
    throw new AiaFetchError('the AIA response holds no certificate (expected DER, PEM or PKCS#7)');
  return decoded.items.map((item) => item.der);
}
