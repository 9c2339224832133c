/**
 * Fetches issuer certificates from AIA caIssuers URLs (RFC 5280 §4.2.2.1): plain http only,
 * 1 MiB and 5 s per fetch; DER, PEM or PKCS#7 (.p7c); cached for the session.
 */
import { get } from 'node:http';
import { decodeInput } from '../../../src-core/decode';

export const aiaLimits = { maxBytes: 1024 * 1024, timeoutMs: 5000 };

export class AiaFetchError extends Error {
  override name = 'AiaFetchError';
}

const cache = new Map<string, Promise<Uint8Array[]>>();

export function fetchIssuers(url: string): Promise<Uint8Array[]> {
  let pending = cache.get(url);
  if (!pending) {
    pending = download(url).then(parseIssuers);
    cache.set(url, pending);
    pending.catch(() => cache.delete(url));
  }
  return pending;
}

function download(url: string): Promise<Uint8Array> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new AiaFetchError(`not a URL: ${url}`));
  }
  if (parsed.protocol !== 'http:')
    return Promise.reject(
      new AiaFetchError(`AIA issuers are fetched over http only, not ${parsed.protocol}`),
    );
  return new Promise((resolve, reject) => {
    const request = get(parsed, { timeout: aiaLimits.timeoutMs }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new AiaFetchError(`${url} answered HTTP ${response.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > aiaLimits.maxBytes) {
          request.destroy(new AiaFetchError(`${url} sent more than ${aiaLimits.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      response.on('error', reject);
    });
    request.on('timeout', () =>
      request.destroy(new AiaFetchError(`${url} did not answer within ${aiaLimits.timeoutMs / 1000} s`)),
    );
    request.on('error', reject);
    setTimeout(
      () => request.destroy(new AiaFetchError(`${url} took longer than ${aiaLimits.timeoutMs / 1000} s`)),
      aiaLimits.timeoutMs,
    ).unref();
  });
}

async function parseIssuers(bytes: Uint8Array): Promise<Uint8Array[]> {
  const decoded = await decodeInput({ name: 'AIA response', bytes });
  if (decoded.items.length === 0)
    throw new AiaFetchError('the AIA response holds no certificate (expected DER, PEM or PKCS#7)');
  return decoded.items.map((item) => item.der);
}
