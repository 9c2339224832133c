/**
 * Opt-in online revocation: what the service fetched for each certificate of a path (OCSP
 * responses from AIA responders, CRLs from distribution points), and the verifier's per-certificate
 * answer — which method decided, from which URL, and why when there was no answer.
 */
import type { VerifyCert } from './cert';
import { checkRevocation, describeRevoked, type CrlCheckOptions, type ParsedCrl } from './crl';
import { checkOcspResponse } from './ocsp';

/** The HTTP exchanges the service made (or found in its cache) for one certificate. */
export interface CertificateRevocationEvidence {
  /** SHA-256 of the certificate. */
  sha256: string;
  /** The OCSP exchange, when the certificate names an http responder. */
  ocsp?: {
    url: string;
    /** The responder's answer (DER), when one came back. */
    response?: Uint8Array;
    /** The nonce the request carried. */
    nonce?: Uint8Array;
    /** Why there is no usable answer (refused, timed out, too large, HTTP error…). */
    problem?: string;
    cached?: boolean;
  };
  /** CRLs fetched from its distribution points, in the order tried. */
  crls: { url: string; der?: Uint8Array; problem?: string; cached?: boolean }[];
  /** Set when nothing could be asked (no http URL, the fetch limit reached…). */
  notChecked?: string;
}

export interface RevocationEvidence {
  /** One entry per certificate asked about: the chain given minus its last (the anchor). */
  certificates: CertificateRevocationEvidence[];
  /** HTTP requests made for this evidence; cached answers don't count. */
  fetches: number;
}

/** How revocation was checked for one certificate of the chosen path, for reports and the CLI. */
export interface RevocationCheck {
  sha256: string;
  method: 'ocsp' | 'crl' | 'none';
  /** The responder or CRL URLs that answered (or were tried, when none did). */
  urls: string[];
  status: 'good' | 'revoked' | 'unknown' | 'not-checked';
  /** Plain words: why unknown or not checked, or where the revocation comes from. */
  detail?: string;
}

/**
 * The status of `cert` from the fetched evidence: a usable OCSP answer decides; otherwise the
 * fetched CRLs (with any given as input) go through the same CRL check as input CRLs.
 */
export async function checkFetchedRevocation(
  cert: VerifyCert,
  issuer: VerifyCert,
  evidence: CertificateRevocationEvidence | undefined,
  crls: ParsedCrl[],
  at: Date,
  crlOptions: CrlCheckOptions,
): Promise<RevocationCheck> {
  const base = { sha256: cert.sha256 };
  if (!evidence)
    return {
      ...base,
      method: 'none',
      urls: [],
      status: 'unknown',
      detail: 'it was not in the chain whose revocation was fetched',
    };
  const problems: string[] = [];
  const ocsp = evidence.ocsp;
  if (ocsp?.response) {
    const verdict = await checkOcspResponse(ocsp.response, cert, issuer, {
      at,
      ...(ocsp.nonce ? { nonce: ocsp.nonce } : {}),
    });
    if (verdict.status === 'good') return { ...base, method: 'ocsp', urls: [ocsp.url], status: 'good' };
    if (verdict.status === 'revoked')
      return {
        ...base,
        method: 'ocsp',
        urls: [ocsp.url],
        status: 'revoked',
        detail: `according to the OCSP responder at ${ocsp.url}${verdict.revokedAt ? ` (since ${verdict.revokedAt.toISOString()})` : ''}`,
      };
    problems.push(`OCSP ${ocsp.url}: ${verdict.problem}`);
  } else if (ocsp) problems.push(`OCSP ${ocsp.url}: ${ocsp.problem ?? 'no answer'}`);

  const crlUrls = evidence.crls.filter((entry) => entry.der).map((entry) => entry.url);
  for (const entry of evidence.crls) if (entry.problem) problems.push(`CRL ${entry.url}: ${entry.problem}`);
  if (crlUrls.length) {
    const status = await checkRevocation(cert, issuer, crls, at, crlOptions);
    if (status.status === 'good') return { ...base, method: 'crl', urls: crlUrls, status: 'good' };
    if (status.status === 'revoked')
      return {
        ...base,
        method: 'crl',
        urls: crlUrls,
        status: 'revoked',
        detail: describeRevoked(status, crlUrls.join(', ')),
      };
    problems.push(
      `CRL ${crlUrls.join(', ')}: ${status.status === 'unknown' ? status.reason : 'none of them covers it (another issuer or distribution point)'}`,
    );
  }
  if (evidence.notChecked) problems.push(evidence.notChecked);
  const tried = [...(ocsp ? [ocsp.url] : []), ...evidence.crls.map((entry) => entry.url)];
  return {
    ...base,
    method: crlUrls.length ? 'crl' : ocsp ? 'ocsp' : 'none',
    urls: tried,
    status: 'unknown',
    detail: problems.join('; ') || 'no answer',
  };
}
