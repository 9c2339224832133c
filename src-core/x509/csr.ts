/** PKCS#10 certification requests: subject, key, requested extensions, and whether the signature holds. */
import { childrenOf, DerError, expectTag, readOid, readSmallInteger, universalTags } from '../asn1/der';
import { readPublicKeyInfo } from './algorithms';
import { readExtensionsIn } from './certificate';
import type { ByteRange, PublicKeySummary, RawExtension, SignatureAlgorithm } from './model';
import { displayName, nameProblems, readName, toRfc4514, type NameAttribute } from './name';
import { readSignedEnvelope } from './signed';

export interface DecodedCsr {
  kind: 'csr';
  der: Uint8Array;
  subject: string;
  subjectAttributes: NameAttribute[];
  subjectDisplayName: string;
  /** What is wrong but didn't stop the reading (an empty RDN, a string invalid in its type). */
  problems?: string[];
  publicKey: PublicKeySummary;
  spki: Uint8Array;
  signatureAlgorithm: SignatureAlgorithm;
  /** Whether the request is signed by its own key (proof the requester holds it): checked above x509, by the caller. */
  signature?: 'valid' | 'invalid' | 'unsupported';
  /** What that check needs: the signed part, the signature value, and the key's bits and parameters (views into `der`). */
  signed: {
    tbs: Uint8Array;
    signatureValue: Uint8Array;
    publicKeyBits: Uint8Array;
    publicKeyParameters?: Uint8Array;
  };
  /** Extensions asked for (the extensionRequest attribute). */
  extensions: RawExtension[];
  /** Other attributes by OID (a challengePassword's value is never kept). */
  attributes: string[];
  ranges: { subject: ByteRange; subjectPublicKeyInfo: ByteRange; attributes?: ByteRange };
}

const extensionRequestOids = new Set(['1.2.840.113549.1.9.14', '1.3.6.1.4.1.311.2.1.14']);

export function readCsr(input: Uint8Array): DecodedCsr {
  const der = input.slice();
  const envelope = readSignedEnvelope(der, 'certificate request');
  const [versionTlv, subjectTlv, spkiTlv, attributesTlv] = childrenOf(der, envelope.tbs);
  const version = readSmallInteger(
    der,
    expectTag(versionTlv, universalTags.integer, 'request version', envelope.tbs.start),
  );
  if (version !== 0)
    throw new DerError(`unknown certificate request version ${version + 1}`, versionTlv.start);
  expectTag(subjectTlv, universalTags.sequence, 'request subject', versionTlv.end);
  expectTag(spkiTlv, universalTags.sequence, 'request public key', subjectTlv.end);
  const problems: string[] = [];
  const subjectAttributes = readName(der, subjectTlv, problems);
  problems.push(...nameProblems(subjectAttributes));
  const key = readPublicKeyInfo(der, spkiTlv);
  const publicKey = key.summary;
  const extensions: RawExtension[] = [];
  const attributes: string[] = [];
  if (attributesTlv) {
    expectTag(attributesTlv, 0xa0, 'request attributes', spkiTlv.end);
    for (const attribute of childrenOf(der, attributesTlv)) {
      const [typeTlv, values] = childrenOf(
        der,
        expectTag(attribute, universalTags.sequence, 'attribute', attribute.start),
      );
      const oid = readOid(der, expectTag(typeTlv, universalTags.oid, 'attribute type', attribute.start));
      if (extensionRequestOids.has(oid) && values)
        extensions.push(...readExtensionsIn(der, values, 'requested extensions'));
      else attributes.push(oid);
    }
  }
  const spki = der.slice(spkiTlv.start, spkiTlv.end);
  return {
    kind: 'csr',
    der,
    subject: toRfc4514(subjectAttributes),
    subjectAttributes,
    subjectDisplayName: displayName(subjectAttributes),
    ...(problems.length ? { problems: problems.map((problem) => `subject: ${problem}`) } : {}),
    publicKey,
    spki,
    signatureAlgorithm: envelope.signatureAlgorithm,
    signed: {
      tbs: der.subarray(envelope.tbs.start, envelope.tbs.end),
      signatureValue: envelope.signature,
      publicKeyBits: key.keyBits,
      ...(key.parameters ? { publicKeyParameters: key.parameters } : {}),
    },
    extensions,
    attributes,
    ranges: {
      subject: { start: subjectTlv.start, end: subjectTlv.end },
      subjectPublicKeyInfo: { start: spkiTlv.start, end: spkiTlv.end },
      ...(attributesTlv ? { attributes: { start: attributesTlv.start, end: attributesTlv.end } } : {}),
    },
  };
}
