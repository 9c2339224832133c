/**
 * Fetches issuer certificates from AIA caIssuers URLs (RFC 5280 §4.2.2.1): plain http only,
 * 1 MiB and 5 s per fetch, only from addresses the fetch scope allows; DER, PEM or PKCS#7 (.p7c).
 * Every answer — the issuers, a failure, a refusal — is cached for the session, so a dead or
 * refused URL is not asked again on every verification. Never rejects: the outcome says what
 * happened.
 */
import { httpFetchFrom, HttpFetchError } from '../http/fetch';
import { policyFor, type AddressPolicy } from '../http/address-policy';
import type { ProxySettings } from '../probe/proxy';
import type { FetchScope } from '../../../src-core/api/contract';
import type { AiaFetchOutcome } from '../../../src-core/verify/aia-fetches';
import { decodeInput } from '../../../src-core/inspect/decode-input';

export const aiaLimits = { maxBytes: 1024 * 1024, timeoutMs: 5000 };

const cache = new Map<string, Promise<AiaFetchOutcome>>();

/** Forgets the session's answers (tests, or a user asking to try again from scratch). */
export function clearAiaCache(): void {
  cache.clear();
}

/**
 * `proxy`: the user's HTTP proxy, when the inspection goes through one. `scope`: where fetches
 * may go (default: public addresses only). `policy` replaces the scope's policy (tests).
 */
export async function fetchIssuers(
  url: string,
  proxy?: ProxySettings,
  scope?: FetchScope | null,
  policy: AddressPolicy = policyFor(scope),
): Promise<AiaFetchOutcome> {
  // The same URL may be allowed under one policy or proxy and not another: all are keys.
  const key = [url, policy.allowPrivate, proxy?.url ?? '', proxy?.username ?? '', proxy?.password ?? ''].join(
    '\n',
  );
  const cached = cache.get(key);
  if (cached) return { ...(await cached), cached: true };
  const pending = download(url, proxy, policy);
  cache.set(key, pending);
  return pending;
}

async function download(
  url: string,
  proxy: ProxySettings | undefined,
  policy: AddressPolicy,
): Promise<AiaFetchOutcome> {
  let answer: { body: Uint8Array; address?: string };
  try {
    answer = await httpFetchFrom(url, {
      ...aiaLimits,
      what: 'AIA issuers',
      policy,
      ...(proxy ? { proxy } : {}),
    });
  } catch (error) {
    const refused = error instanceof HttpFetchError && error.refused;
    return { url, status: refused ? 'refused' : 'failed', certificates: [], detail: describe(error) };
  }
  const address = answer.address ? { address: answer.address } : {};
  const decoded = await decodeInput({ name: 'AIA response', bytes: answer.body }).catch(() => undefined);
  if (!decoded || decoded.items.length === 0)
    return {
      url,
      status: 'failed',
      certificates: [],
      detail: 'the AIA response holds no certificate (expected DER, PEM or PKCS#7)',
      ...address,
    };
  return { url, status: 'fetched', certificates: decoded.items.map((item) => item.der), ...address };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
