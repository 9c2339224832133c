/** CRLs given as input: read once, checked against the issuer in the path (RFC 5280 §6.3, simplified). */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { hex, normaliseName, toArrayBuffer, type VerifyCert } from './cert';
import { verifySignedData } from './signature';

export interface ParsedCrl {
  sha256: string;
  tbs: Uint8Array;
  signatureOid: string;
  signatureValue: Uint8Array;
  issuerKey: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  revokedSerials: Set<string>;
  problems: string[];
  /** RFC 5280 §5.2.5 issuingDistributionPoint scope, when present. */
  scope?: {
    userCertsOnly: boolean;
    caCertsOnly: boolean;
    attributeCertsOnly: boolean;
    reasons?: Set<number>;
  };
}

export async function readCrl(der: Uint8Array): Promise<ParsedCrl | undefined> {
  const asn1 = asn1js.fromBER(toArrayBuffer(der));
  if (asn1.offset === -1) return undefined;
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = new pkijs.CertificateRevocationList({ schema: asn1.result });
  } catch {
    return undefined;
  }
  const problems: string[] = [];
  const number = crl.crlExtensions?.extensions.find((extension) => extension.extnID === '2.5.29.20');
  if (!number) problems.push('the CRL has no CRL number');
  else if (number.critical) problems.push('the CRL number extension is marked critical');
  for (const extension of crl.crlExtensions?.extensions ?? []) {
    if (
      extension.critical &&
      !['2.5.29.20', '2.5.29.35', '2.5.29.28', '2.5.29.27'].includes(extension.extnID)
    ) {
      problems.push(`the CRL has an unknown critical extension ${extension.extnID}`);
    }
  }
  let scope: ParsedCrl['scope'];
  const idp = crl.crlExtensions?.extensions.find((extension) => extension.extnID === '2.5.29.28');
  if (idp) {
    scope = readIssuingDistributionPoint(idp.extnValue.valueBlock.valueHexView);
    if (!scope) problems.push('the CRL issuingDistributionPoint extension is malformed');
  }
  return {
    ...(scope ? { scope } : {}),
    sha256: hex(new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(der)))),
    tbs: new Uint8Array(crl.tbsView),
    signatureOid: crl.signatureAlgorithm.algorithmId,
    signatureValue: new Uint8Array(crl.signatureValue.valueBlock.valueHexView),
    issuerKey: normaliseName(crl.issuer),
    thisUpdate: crl.thisUpdate.value,
    ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate.value } : {}),
    revokedSerials: new Set(
      (crl.revokedCertificates ?? []).map((entry) => hex(entry.userCertificate.valueBlock.valueHexView)),
    ),
    problems,
  };
}

/**
 * IssuingDistributionPoint ::= SEQUENCE { distributionPoint [0], onlyContainsUserCerts [1] BOOLEAN,
 * onlyContainsCACerts [2] BOOLEAN, onlySomeReasons [3] ReasonFlags, indirectCRL [4] BOOLEAN,
 * onlyContainsAttributeCerts [5] BOOLEAN } — read by tag, since only the scope flags matter here.
 */
function readIssuingDistributionPoint(value: Uint8Array): ParsedCrl['scope'] | undefined {
  const parsed = asn1js.fromBER(value.slice().buffer);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return undefined;
  const scope: NonNullable<ParsedCrl['scope']> = {
    userCertsOnly: false,
    caCertsOnly: false,
    attributeCertsOnly: false,
  };
  for (const field of parsed.result.valueBlock.value) {
    const tag = field.idBlock.tagNumber;
    const bytes = (field as asn1js.Primitive).valueBlock?.valueHexView ?? new Uint8Array(0);
    const flag = bytes.length === 1 && bytes[0] !== 0;
    if (tag === 1) scope.userCertsOnly = flag;
    else if (tag === 2) scope.caCertsOnly = flag;
    else if (tag === 5) scope.attributeCertsOnly = flag;
    else if (tag === 3) {
      // ReasonFlags BIT STRING: first byte is the unused-bit count.
      const reasons = new Set<number>();
      for (let bit = 0; bit < (bytes.length - 1) * 8; bit++)
        if (bytes[1 + (bit >> 3)] & (0x80 >> (bit & 7))) reasons.add(bit);
      scope.reasons = reasons;
    }
  }
  return scope;
}

/** ReasonFlags bits 1–8: keyCompromise … aACompromise (0 is unused). */
const allReasons = [1, 2, 3, 4, 5, 6, 7, 8];

export type RevocationStatus =
  { status: 'good' | 'revoked' | 'no-crl' } | { status: 'unknown'; reason: string };

/** The status of `cert` according to the CRLs its issuer signed. */
export async function checkRevocation(
  cert: VerifyCert,
  issuer: VerifyCert,
  crls: ParsedCrl[],
  at: Date,
  /** Other certificates of the same CA (same name, e.g. after a key rollover) that may sign its CRLs. */
  otherSigners: VerifyCert[] = [],
): Promise<RevocationStatus> {
  const relevant = crls.filter((crl) => crl.issuerKey === issuer.subjectKey);
  if (relevant.length === 0) return { status: 'no-crl' };
  const reasons: string[] = [];
  const isCa = Boolean(cert.basicConstraints?.ca);
  const covered = new Set<number>();
  for (const crl of relevant) {
    if (crl.problems.length) {
      reasons.push(...crl.problems);
      continue;
    }
    // A CRL scoped to other kinds of certificates, or to some revocation reasons only, can't
    // vouch for this one on its own (a revocation it lists still counts).
    const scope = crl.scope;
    if (
      scope &&
      (scope.attributeCertsOnly || (scope.userCertsOnly && isCa) || (scope.caCertsOnly && !isCa))
    ) {
      reasons.push('the only CRL given covers other kinds of certificates');
      continue;
    }
    let signed = false;
    let mayNotSign = false;
    for (const signer of [
      issuer,
      ...otherSigners.filter((other) => other.subjectKey === issuer.subjectKey && other !== issuer),
    ]) {
      if ((await verifySignedData(crl, signer)) !== 'valid') continue;
      if (signer.keyUsage && !signer.keyUsage.has('cRLSign')) {
        mayNotSign = true;
        continue;
      }
      signed = true;
      break;
    }
    if (!signed) {
      reasons.push(
        mayNotSign ? 'the CRL issuer may not sign CRLs (no cRLSign)' : "the CRL's signature does not verify",
      );
      continue;
    }
    if (crl.thisUpdate > at || (crl.nextUpdate && crl.nextUpdate < at)) {
      reasons.push('the CRL is not current at the validation time');
      continue;
    }
    if (crl.revokedSerials.has(cert.serialHex)) return { status: 'revoked' };
    // A CRL for some reasons only vouches together with others that cover the rest.
    for (const reason of scope?.reasons ?? allReasons) covered.add(reason);
    if (allReasons.every((reason) => covered.has(reason))) return { status: 'good' };
    reasons.push('the CRLs given cover only some revocation reasons');
  }
  return { status: 'unknown', reason: reasons.join('; ') };
}
