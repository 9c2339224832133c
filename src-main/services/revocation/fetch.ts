/**
 * Opt-in online revocation evidence for a path (leaf first, anchor last): for each certificate
 * but the anchor, its AIA OCSP responder (POST, GET on a method refusal per RFC 6960 A.1), and when
 * that gives no usable answer, its CRL distribution points. http only, 5 s per fetch, 1 MiB per
 * OCSP response, 10 MiB per CRL, 8 fetches per call, only to addresses the fetch scope allows;
 * usable answers and failed or refused fetches are cached for the session (a dead URL is not asked
 * again). Every failure is a reason in the evidence — this never throws.
 */
import { readVerifyCert, type VerifyCert } from '../../../src-core/verify/cert';
import { readCrl } from '../../../src-core/verify/crl';
import { buildOcspRequest, checkOcspResponse } from '../../../src-core/verify/ocsp';
import type { CertificateRevocationEvidence, RevocationEvidence } from '../../../src-core/verify/revocation';
import { httpFetch, HttpFetchError } from '../http/fetch';
import { policyFor, type AddressPolicy } from '../http/address-policy';
import type { ProxySettings } from '../probe/proxy';
import type { FetchScope } from '../../../src-core/api/contract';
import { sha256Hex } from '../../../src-core/crypto/sha256-hex';

export const revocationLimits = {
  timeoutMs: 5000,
  maxOcspBytes: 1024 * 1024,
  maxCrlBytes: 10 * 1024 * 1024,
  maxFetches: 8,
  /** RFC 6960 A.1: GET only for requests whose encoding stays under 255 bytes. */
  maxGetLength: 255,
};
type Limits = typeof revocationLimits;

/** HTTP statuses that say "not like that" (method, media type) rather than "not at all". */
const getFallbackStatuses = new Set([400, 405, 415, 501]);

interface CachedOcsp {
  response: Uint8Array;
  nonce: Uint8Array;
}
const ocspCache = new Map<string, CachedOcsp>();
const crlCache = new Map<string, Uint8Array>();
/** Fetches that failed or were refused, by URL and policy: the reason, said again without asking. */
const failedFetches = new Map<string, string>();

/** Forgets the session's answers (tests, or a user asking to check again from scratch). */
export function clearRevocationCache(): void {
  ocspCache.clear();
  crlCache.clear();
  failedFetches.clear();
}

/** Fetches are counted per call; the limit is reserved before each request is sent. */
class Budget {
  used = 0;
  constructor(private readonly max: number) {}
  take(): boolean {
    if (this.used >= this.max) return false;
    this.used++;
    return true;
  }
  get exhausted(): string {
    return `not asked: the limit of ${this.max} fetches per inspection was reached`;
  }
}

export async function fetchRevocation(
  chain: Uint8Array[],
  options: {
    limits?: Partial<Limits>;
    now?: Date;
    proxy?: ProxySettings;
    scope?: FetchScope | null;
    /** Replaces the scope's address policy (tests). */
    policy?: AddressPolicy;
  } = {},
): Promise<RevocationEvidence> {
  const limits = { ...revocationLimits, ...options.limits };
  const policy = options.policy ?? policyFor(options.scope);
  const budget = new Budget(limits.maxFetches);
  const now = options.now ?? new Date();
  const parsed = await Promise.all(chain.map((der) => readVerifyCert(der).catch(() => undefined)));
  const certificates = await Promise.all(
    chain.slice(0, -1).map(async (der, index): Promise<CertificateRevocationEvidence> => {
      const cert = parsed[index];
      const issuer = parsed[index + 1];
      if (!cert || !issuer)
        return { sha256: await sha256Hex(der), crls: [], notChecked: 'it or its issuer could not be read' };
      try {
        return await evidenceFor(cert, issuer, {
          limits,
          budget,
          now,
          policy,
          ...(options.proxy ? { proxy: options.proxy } : {}),
        });
      } catch (error) {
        return { sha256: cert.sha256, crls: [], notChecked: `the check failed: ${describe(error)}` };
      }
    }),
  );
  return { certificates, fetches: budget.used };
}

interface Context {
  limits: Limits;
  budget: Budget;
  now: Date;
  policy: AddressPolicy;
  proxy?: ProxySettings;
}

const failureKey = (url: string, { policy, proxy }: Context) =>
  [url, policy.allowPrivate, proxy?.url ?? '', proxy?.username ?? '', proxy?.password ?? ''].join('\n');
const remembered = (problem: string) => `${problem} (remembered from earlier this session)`;

/** An http fetch whose failure (or refusal) is remembered for the session. */
async function fetchRemembering(
  url: string,
  context: Context,
  options: Omit<Parameters<typeof httpFetch>[1], 'policy' | 'proxy' | 'timeoutMs'>,
): Promise<Uint8Array> {
  try {
    return await httpFetch(url, {
      ...options,
      timeoutMs: context.limits.timeoutMs,
      policy: context.policy,
      ...(context.proxy ? { proxy: context.proxy } : {}),
    });
  } catch (error) {
    // A method refusal is not a dead URL: the GET fallback may still answer.
    const methodRefused = error instanceof HttpFetchError && getFallbackStatuses.has(error.status ?? 0);
    if (!methodRefused) failedFetches.set(failureKey(url, context), describe(error));
    throw error;
  }
}

async function evidenceFor(
  cert: VerifyCert,
  issuer: VerifyCert,
  context: Context,
): Promise<CertificateRevocationEvidence> {
  const evidence: CertificateRevocationEvidence = { sha256: cert.sha256, crls: [] };
  const ocspUrl = cert.ocspUrls.find(isHttp);
  if (ocspUrl) {
    evidence.ocsp = await askResponder(ocspUrl, cert, issuer, context);
    if (evidence.ocsp.response) {
      const verdict = await checkOcspResponse(evidence.ocsp.response, cert, issuer, {
        at: context.now,
        nonce: evidence.ocsp.nonce,
      });
      if (verdict.status !== 'invalid') return evidence;
      // Kept for the verifier to say what is wrong with it; the CRLs may still answer.
    }
  }
  for (const url of cert.crlUrls.filter(isHttp)) {
    const crl = await fetchCrl(url, context);
    evidence.crls.push(crl);
    if (crl.der) break;
  }
  if (!ocspUrl && evidence.crls.length === 0) {
    const other = [...cert.ocspUrls, ...cert.crlUrls];
    evidence.notChecked = other.length
      ? `its OCSP and CRL locations are not http (${other.join(', ')}), and only http is fetched`
      : 'it names no OCSP responder and no CRL distribution point';
  }
  return evidence;
}

async function askResponder(
  url: string,
  cert: VerifyCert,
  issuer: VerifyCert,
  context: Context,
): Promise<NonNullable<CertificateRevocationEvidence['ocsp']>> {
  const key = `${url} ${cert.sha256} ${issuer.sha256}`;
  const cached = ocspCache.get(key);
  if (cached) {
    const verdict = await checkOcspResponse(cached.response, cert, issuer, {
      at: context.now,
      nonce: cached.nonce,
    });
    if (verdict.status !== 'invalid') return { url, ...cached, cached: true };
    ocspCache.delete(key); // stale by now: ask again
  }
  const failed = failedFetches.get(failureKey(url, context));
  if (failed) return { url, problem: remembered(failed), cached: true };
  const nonce = crypto.getRandomValues(new Uint8Array(16));
  const request = await buildOcspRequest(cert, issuer, nonce);
  const fetchOptions = { maxBytes: context.limits.maxOcspBytes, what: 'OCSP responses' };
  if (!context.budget.take()) return { url, problem: context.budget.exhausted };
  let response: Uint8Array;
  try {
    response = await fetchRemembering(url, context, {
      ...fetchOptions,
      method: 'POST',
      body: request,
      contentType: 'application/ocsp-request',
    });
  } catch (error) {
    const getUrl = `${url.replace(/\/?$/, '/')}${encodeURIComponent(Buffer.from(request).toString('base64'))}`;
    const refused = error instanceof HttpFetchError && getFallbackStatuses.has(error.status ?? 0);
    if (!refused || getUrl.length - url.length > context.limits.maxGetLength)
      return { url, nonce, problem: describe(error) };
    if (!context.budget.take())
      return { url, nonce, problem: `${describe(error)}; GET ${context.budget.exhausted}` };
    try {
      response = await fetchRemembering(getUrl, context, fetchOptions);
    } catch (getError) {
      failedFetches.set(failureKey(url, context), `POST: ${describe(error)}; GET: ${describe(getError)}`);
      return { url, nonce, problem: `POST: ${describe(error)}; GET: ${describe(getError)}` };
    }
  }
  const verdict = await checkOcspResponse(response, cert, issuer, { at: context.now, nonce });
  if (verdict.status !== 'invalid') ocspCache.set(key, { response, nonce });
  return { url, response, nonce };
}

async function fetchCrl(
  url: string,
  context: Context,
): Promise<CertificateRevocationEvidence['crls'][number]> {
  const cached = crlCache.get(url);
  if (cached) {
    const crl = await readCrl(cached);
    if (crl && !(crl.nextUpdate && crl.nextUpdate < context.now)) return { url, der: cached, cached: true };
    crlCache.delete(url);
  }
  const failed = failedFetches.get(failureKey(url, context));
  if (failed) return { url, problem: remembered(failed), cached: true };
  if (!context.budget.take()) return { url, problem: context.budget.exhausted };
  let der: Uint8Array;
  try {
    der = await fetchRemembering(url, context, { maxBytes: context.limits.maxCrlBytes, what: 'CRLs' });
  } catch (error) {
    return { url, problem: describe(error) };
  }
  if (!(await readCrl(der).catch(() => undefined))) return { url, problem: 'the answer is not a DER CRL' };
  crlCache.set(url, der);
  return { url, der };
}

function isHttp(url: string): boolean {
  return /^http:\/\//i.test(url);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
