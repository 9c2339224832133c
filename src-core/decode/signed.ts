/** The outer shape every signed object shares: `SEQUENCE { tbs, signatureAlgorithm, signature }`. */
import { childrenOf, DerError, expectTag, readBitString, readWhole, universalTags, type Tlv } from './der';
import { readSignatureAlgorithm } from './algorithms';
import type { SignatureAlgorithm } from './model';

export interface SignedEnvelope {
  top: Tlv;
  tbs: Tlv;
  algorithmTlv: Tlv;
  signatureTlv: Tlv;
  signatureAlgorithm: SignatureAlgorithm;
  signature: Uint8Array;
}

export function readSignedEnvelope(der: Uint8Array, what: string): SignedEnvelope {
  const top = expectTag(readWhole(der, what), universalTags.sequence, what, 0);
  const [tbs, algorithmTlv, signatureTlv, extra] = childrenOf(der, top);
  expectTag(tbs, universalTags.sequence, `${what}: signed part`, top.contentStart);
  expectTag(algorithmTlv, universalTags.sequence, `${what}: signature algorithm`, tbs.end);
  expectTag(signatureTlv, universalTags.bitString, `${what}: signature`, algorithmTlv.end);
  if (extra) throw new DerError(`${what}: unexpected field after the signature`, extra.start);
  return {
    top,
    tbs,
    algorithmTlv,
    signatureTlv,
    signatureAlgorithm: readSignatureAlgorithm(der, algorithmTlv),
    signature: readBitString(der, signatureTlv).data.slice(),
  };
}
