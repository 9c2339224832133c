/**
 * What the CA/B Forum checks share: each certificate's role as the Baseline Requirements profile
 * it (TLS BRs v2.2.6, §7.1.2), its extensions' criticality, the issuance-date proxy, and the OIDs
 * the BRs name. A check reads the verifier's view only; nothing here reads bytes.
 */
import type { VerifyCert } from '../../cert';
import { finding, type Finding, type FindingCode, type Severity } from '../../findings';
import type { PathUnderCheck } from '../types';

/**
 * §7.1.2: the subscriber certificate is the leaf; a root is the self-issued certificate at the
 * top of the path; every other certificate above the leaf (a trusted intermediate or a
 * cross-certificate included) is a subordinate CA.
 */
export type CabfRole = 'subscriber' | 'root' | 'subordinate';

export function roleOf(cert: VerifyCert, index: number, path: PathUnderCheck): CabfRole {
  const top = index === path.last && cert.selfIssued;
  // A self-issued CA examined alone (a dropped root: the path is the anchor itself) is a root.
  if (index === 0) return top && cert.basicConstraints?.ca ? 'root' : 'subscriber';
  return top ? 'root' : 'subordinate';
}

/** The extension's criticality, or undefined when the certificate doesn't carry it. */
export function criticality(cert: VerifyCert, oid: string): boolean | undefined {
  for (const extension of cert.extensionFlags) if (extension.oid === oid) return extension.critical;
  return undefined;
}

/**
 * The issuance-date proxy (docs/clients.md §1): the earliest embedded SCT timestamp, else notBefore
 * (BR §7.1.2.7: within 48 hours of signing). Rules whose text keys a date (§6.3.2) use it.
 */
export function issuanceDate(cert: VerifyCert): Date {
  const sct = cert.sctList && 'earliest' in cert.sctList ? cert.sctList.earliest : undefined;
  return sct && sct < cert.notBefore ? sct : cert.notBefore;
}

/** BR 2.0.0 (ballot SC-062), which brought today's certificate profiles, took effect on this date. */
export const profilesEffective = new Date('2023-09-15T00:00:00Z');

/** A finding about a certificate (as-issued.ts then weighs it by the certificate's issuance date). */
export function cabfFinding(
  code: FindingCode,
  cert: VerifyCert,
  detail: string,
  severity?: Severity,
): Finding {
  return finding(code, cert.sha256, detail, severity);
}

export const cabfOids = {
  // Reserved policy identifiers (§7.1.6.1).
  domainValidated: '2.23.140.1.2.1',
  organizationValidated: '2.23.140.1.2.2',
  individualValidated: '2.23.140.1.2.3',
  extendedValidation: '2.23.140.1.1',
  cps: '1.3.6.1.5.5.7.2.1',
  // Extended key usages the subscriber and TLS sub-CA profiles forbid (§7.1.2.7.10, §7.1.2.10.6).
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  precertificateSigning: '1.3.6.1.4.1.11129.2.4.4',
  // Subject attributes (§7.1.4.2).
  countryName: '2.5.4.6',
  stateOrProvinceName: '2.5.4.8',
  localityName: '2.5.4.7',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  commonName: '2.5.4.3',
  givenName: '2.5.4.42',
  surname: '2.5.4.4',
  accessOcsp: '1.3.6.1.5.5.7.48.1',
  accessCaIssuers: '1.3.6.1.5.5.7.48.2',
} as const;

export const reservedPolicies: readonly string[] = [
  cabfOids.domainValidated,
  cabfOids.organizationValidated,
  cabfOids.individualValidated,
  cabfOids.extendedValidation,
];

/** An http:// URL (the BRs require plain HTTP for AIA and CRL locations: no TLS bootstrapping loop). */
export function isHttpUrl(uri: string): boolean {
  return /^http:\/\/[^/?#\s]+/i.test(uri);
}

/** Days between two instants, counted as §6.3.2 counts a validity period: inclusive, any part of a day a day. */
export function validityDays(cert: VerifyCert): number {
  const seconds = (cert.notAfter.getTime() - cert.notBefore.getTime()) / 1000 + 1;
  return Math.ceil(seconds / 86_400);
}
