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
    if (extension.critical && !['2.5.29.20', '2.5.29.35', '2.5.29.28', '2.5.29.27'].includes(extension.extnID)) {
      problems.push(`the CRL has an unknown critical extension ${extension.extnID}`);
    }
  }
  return {
    sha256: hex(new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(der)))),
    tbs: new Uint8Array(crl.tbsView),
    signatureOid: crl.signatureAlgorithm.algorithmId,
    signatureValue: new Uint8Array(crl.signatureValue.valueBlock.valueHexView),
    issuerKey: normaliseName(crl.issuer),
    thisUpdate: crl.thisUpdate.value,
    ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate.value } : {}),
    revokedSerials: new Set((crl.revokedCertificates ?? []).map((entry) => hex(entry.userCertificate.valueBlock.valueHexView))),
    problems,
  };
}

export type RevocationStatus = { status: 'good' | 'revoked' | 'no-crl' } | { status: 'unknown'; reason: string };

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
  for (const crl of relevant) {
    if (crl.problems.length) {
      reasons.push(...crl.problems);
      continue;
    }
    let signed = false;
    let mayNotSign = false;
    for (const signer of [issuer, ...otherSigners.filter((other) => other.subjectKey === issuer.subjectKey && other !== issuer)]) {
      if ((await verifySignedData(crl, signer)) !== 'valid') continue;
      if (signer.keyUsage && !signer.keyUsage.has('cRLSign')) {
        mayNotSign = true;
        continue;
      }
      signed = true;
      break;
    }
    if (!signed) {
      reasons.push(mayNotSign ? 'the CRL issuer may not sign CRLs (no cRLSign)' : "the CRL's signature does not verify");
      continue;
    }
    if (crl.thisUpdate > at || (crl.nextUpdate && crl.nextUpdate < at)) {
      reasons.push('the CRL is not current at the validation time');
      continue;
    }
    return { status: crl.revokedSerials.has(cert.serialHex) ? 'revoked' : 'good' };
  }
  return { status: 'unknown', reason: reasons.join('; ') };
}
