/** The outer shape every signed object shares: `SEQUENCE { tbs, signatureAlgorithm, signature }`. */
import {
  childrenOf,
  DerError,
  expectTag,
  readBitString,
  readWhole,
  universalTags,
  type Tlv,
} from '../asn1/der';
import { readSignatureAlgorithm } from './algorithms';
import type { SignatureAlgorithm } from './model';

export interface SignedParts {
  top: Tlv;
  tbs: Tlv;
  algorithmTlv: Tlv;
  signatureTlv: Tlv;
}

export interface SignedEnvelope extends SignedParts {
  signatureAlgorithm: SignatureAlgorithm;
  signature: Uint8Array;
}

/** The three parts, checked for shape only (no trailing bytes, nothing after the signature). */
export function readSignedParts(der: Uint8Array, what: string): SignedParts {
  const top = expectTag(readWhole(der, what), universalTags.sequence, what, 0);
  const parts = childrenOf(der, top);
  const tbs = parts[0];
  const algorithmTlv = parts[1];
  const signatureTlv = parts[2];
  const extra = parts[3];
  expectTag(tbs, universalTags.sequence, `${what}: signed part`, top.contentStart);
  expectTag(algorithmTlv, universalTags.sequence, `${what}: signature algorithm`, tbs.end);
  expectTag(signatureTlv, universalTags.bitString, `${what}: signature`, algorithmTlv.end);
  if (extra) throw new DerError(`${what}: unexpected field after the signature`, extra.start);
  return { top, tbs, algorithmTlv, signatureTlv };
}

export function readSignedEnvelope(der: Uint8Array, what: string): SignedEnvelope {
  const parts = readSignedParts(der, what);
  const { algorithmTlv, signatureTlv } = parts;
  return {
    ...parts,
    signatureAlgorithm: readSignatureAlgorithm(der, algorithmTlv),
    signature: readBitString(der, signatureTlv).data.slice(),
  };
}
