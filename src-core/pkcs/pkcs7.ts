/** PKCS#7 / CMS SignedData "certs-only" bundles (.p7b, .p7c): the certificates and CRLs inside. */
import { childrenOf, DerError, expectTag, readOid, readTlv, universalTags, type Tlv } from '../asn1/der';

export const oidSignedData = '1.2.840.113549.1.7.2';

/** ContentInfo { contentType signedData, ... } at the top? (a cheap look, no full parse) */
export function looksLikePkcs7(der: Uint8Array, top: Tlv): boolean {
  try {
    const first = readTlv(der, top.contentStart, top.contentEnd);
    return first.tag === universalTags.oid && readOid(der, first) === oidSignedData;
  } catch {
    return false;
  }
}

export function readPkcs7(der: Uint8Array, top: Tlv): { certificates: Uint8Array[]; crls: Uint8Array[] } {
  const [, explicit] = childrenOf(der, top);
  if (!explicit || explicit.tag !== 0xa0) throw new DerError('PKCS#7 without content', top.start);
  const signedData = expectTag(
    readTlv(der, explicit.contentStart, explicit.contentEnd),
    universalTags.sequence,
    'SignedData',
    explicit.contentStart,
  );
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  for (const field of childrenOf(der, signedData)) {
    // certificates [0] IMPLICIT SET OF CertificateChoices; crls [1] IMPLICIT SET OF CRL.
    const target = field.tag === 0xa0 ? certificates : field.tag === 0xa1 ? crls : undefined;
    if (!target) continue;
    for (const item of childrenOf(der, field)) {
      // Only plain certificates (SEQUENCE); attribute and other certificate formats are skipped.
      if (item.tag === universalTags.sequence) target.push(der.slice(item.start, item.end));
    }
  }
  return { certificates, crls };
}
