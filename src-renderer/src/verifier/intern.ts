/**
 * One array per certificate on the page. Every verdict from the worker carries its own copies of
 * the certificates' bytes (ten clients' verdicts on a chain are ten copies); keyed by the SHA-256
 * the verdict names them by, they become the array the page already holds, so what was read for
 * display once (format/certificates.ts keeps it per array) is not read again on the page's thread,
 * and the copies are let go.
 */
import type { VerifyResult } from '../../../src-core/verify';
import type { ClientVerdicts } from '../../../src-core/clients';

const canonical = new Map<string, WeakRef<Uint8Array>>();
/** An entry goes once nothing on the page holds its array any more. */
const forget = new FinalizationRegistry<string>((sha256) => {
  if (!canonical.get(sha256)?.deref()) canonical.delete(sha256);
});

function intern(sha256: string, der: Uint8Array): Uint8Array {
  const known = canonical.get(sha256)?.deref();
  if (known) return known;
  canonical.set(sha256, new WeakRef(der));
  forget.register(der, sha256);
  return der;
}

/** The page's own arrays first: certificates it gave a job, by the SHA-256 the job found for each. */
export function internGiven(given: Uint8Array[], sha256s: (string | undefined)[] | undefined): void {
  if (!sha256s) return;
  for (let i = 0; i < given.length; i++) {
    const sha256 = sha256s[i];
    if (sha256) intern(sha256, given[i]);
  }
}

/** Replaces each certificate of `result` by the page's array for the same certificate. */
export function internCertificates(result: VerifyResult | undefined): void {
  if (!result) return;
  const certificates = result.certificates;
  for (const sha256 of Object.keys(certificates)) certificates[sha256] = intern(sha256, certificates[sha256]);
}

/** The same for each client's verdict. */
export function internVerdicts(clients: ClientVerdicts | undefined): void {
  for (const verdict of clients?.verdicts ?? []) internCertificates(verdict.result);
}
