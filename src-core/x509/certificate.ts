/**
 * X.509 certificate DER → the plain-data model, with our own DER reader: no pkijs objects are
 * built or kept, so reading the fields a list shows costs microseconds and a few KB per certificate.
 */
import { derViolations } from '../asn1/strict';
import {
  childrenOf,
  DerError,
  expectTag,
  readBoolean,
  readIntegerHex,
  readOid,
  readSmallInteger,
  readTlv,
  readWhole,
  universalTags,
  type Tlv,
} from '../asn1/der';
import { readGeneralNames, generalNameText } from './general-name';
import type { ByteRange, CertificateField, CertificateModel, GeneralName, RawExtension } from './model';
import { displayName, readName, toRfc4514 } from './name';
import { readAlgorithmIdentifier, readSignatureAlgorithm, summarizePublicKey } from './algorithms';
import { validationLevels } from './oids';
import { readSignedParts } from './signed';
import { readTime } from '../asn1/time';

const range = (tlv: Tlv): ByteRange => ({ start: tlv.start, end: tlv.end });

/**
 * The subject Name of a DER certificate, found without reading the rest: a trust store's anchors
 * are indexed and labelled by it, and only the few that matter get read in full. Undefined when
 * the bytes aren't shaped like a certificate.
 */
export function locateSubject(der: Uint8Array): Tlv | undefined {
  try {
    const certificate = readTlv(der, 0);
    if (certificate.tag !== universalTags.sequence) return undefined;
    const tbs = readTlv(der, certificate.contentStart, certificate.contentEnd);
    if (tbs.tag !== universalTags.sequence) return undefined;
    const fields = childrenOf(der, tbs);
    const skip = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version
    const subject = fields[skip + 4]; // serial, signature, issuer, validity, subject
    return subject?.tag === universalTags.sequence ? subject : undefined;
  } catch {
    return undefined;
  }
}

/** A certificate's `subjectDisplayName` without decoding the whole certificate. */
export function readSubjectDisplayName(der: Uint8Array): string {
  const subject = locateSubject(der);
  if (!subject) throw new DerError('not a certificate', 0);
  return displayName(readName(der, subject));
}

/** Decodes one DER certificate; throws a `DerError` (with the byte offset) on bytes that aren't one. */
export function readCertificate(input: Uint8Array): CertificateModel {
  // A copy, so a certificate never pins the (maybe 20 MiB) file it came from.
  const der = input.slice();
  const {
    top,
    tbs,
    algorithmTlv: outerAlgorithm,
    signatureTlv: signatureValue,
  } = readSignedParts(der, 'certificate');

  const fields = childrenOf(der, tbs);
  const ranges: Partial<Record<CertificateField, ByteRange>> = {
    certificate: range(top),
    tbsCertificate: range(tbs),
    signatureAlgorithm: range(outerAlgorithm),
    signatureValue: range(signatureValue),
  };
  let index = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    const versionTlv = expectTag(
      readTlv(der, fields[0].contentStart, fields[0].contentEnd),
      universalTags.integer,
      'version',
      fields[0].start,
    );
    version = readSmallInteger(der, versionTlv) + 1;
    if (version > 3) throw new DerError(`unknown certificate version ${version}`, versionTlv.start);
    ranges.version = range(fields[0]);
    index++;
  }
  const at = (what: string, tag: number): Tlv => {
    const tlv = expectTag(fields[index], tag, what, fields[index - 1]?.end ?? tbs.contentStart);
    index++;
    return tlv;
  };
  const serial = at('serial number', universalTags.integer);
  const innerAlgorithm = at('signature algorithm (inner)', universalTags.sequence);
  const issuer = at('issuer', universalTags.sequence);
  const validity = at('validity', universalTags.sequence);
  const subject = at('subject', universalTags.sequence);
  const spki = at('subject public key info', universalTags.sequence);
  Object.assign(ranges, {
    serialNumber: range(serial),
    innerSignatureAlgorithm: range(innerAlgorithm),
    issuer: range(issuer),
    validity: range(validity),
    subject: range(subject),
    subjectPublicKeyInfo: range(spki),
  });
  const spkiParts = childrenOf(der, spki);
  if (spkiParts[1]) ranges.publicKey = range(spkiParts[1]);

  const extensions: RawExtension[] = [];
  for (; index < fields.length; index++) {
    const field = fields[index];
    if (field.tag === 0x81) ranges.issuerUniqueId = range(field);
    else if (field.tag === 0x82) ranges.subjectUniqueId = range(field);
    else if (field.tag === 0xa3) {
      ranges.extensions = range(field);
      extensions.push(...readExtensionsIn(der, field, 'extensions'));
    } else throw new DerError('unexpected field in tbsCertificate', field.start);
  }

  const [notBeforeTlv, notAfterTlv] = childrenOf(der, validity);
  if (!notBeforeTlv || !notAfterTlv) throw new DerError('validity needs two times', validity.start);
  ranges.notBefore = range(notBeforeTlv);
  ranges.notAfter = range(notAfterTlv);
  const notBefore = readTime(der, notBeforeTlv);
  const notAfter = readTime(der, notAfterTlv);

  const subjectAttributes = readName(der, subject);
  const issuerAttributes = readName(der, issuer);
  const signatureAlgorithm = readSignatureAlgorithm(der, outerAlgorithm);
  readAlgorithmIdentifier(der, innerAlgorithm);
  const sans = readSans(extensions);

  const nonStrictDer = derViolations(der);
  for (const time of [notBefore, notAfter])
    if (!time.strict) nonStrictDer.push(`time "${time.text}" is not in its DER form`);
  if (der[serial.contentStart] & 0x80) nonStrictDer.push('negative serial number');

  const level = readValidationLevel(extensions);
  return {
    kind: 'certificate',
    der,
    subject: toRfc4514(subjectAttributes),
    issuer: toRfc4514(issuerAttributes),
    subjectAttributes,
    issuerAttributes,
    subjectDisplayName: displayName(subjectAttributes),
    issuerDisplayName: displayName(issuerAttributes),
    notBefore: notBefore.date,
    notAfter: notAfter.date,
    serialHex: readIntegerHex(der, serial),
    version,
    publicKey: summarizePublicKey(der, spki),
    spki: der.slice(spki.start, spki.end),
    signatureAlgorithm,
    signatureAlgorithmOid: signatureAlgorithm.oid,
    isCa: readIsCa(extensions),
    subjectAltNames: sans.map(generalNameText),
    sans,
    extensions,
    ...(level ? { validationLevel: level } : {}),
    nonStrictDer,
    ranges,
  };
}

/**
 * The Extensions (SEQUENCE OF Extension) held by `holder` — a certificate's [3], a CRL's [0], a
 * CSR's extensionRequest SET — as raw extensions.
 */
export function readExtensionsIn(der: Uint8Array, holder: Tlv, what: string): RawExtension[] {
  const list = expectTag(
    readTlv(der, holder.contentStart, holder.contentEnd),
    universalTags.sequence,
    what,
    holder.start,
  );
  return childrenOf(der, list).map((extension) => readRawExtension(der, extension));
}

/** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
export function readRawExtension(der: Uint8Array, extension: Tlv): RawExtension {
  expectTag(extension, universalTags.sequence, 'extension', extension.start);
  const parts = childrenOf(der, extension);
  const oid = readOid(der, expectTag(parts[0], universalTags.oid, 'extension id', extension.start));
  let critical = false;
  let valueTlv = parts[1];
  if (valueTlv?.tag === universalTags.boolean) {
    critical = readBoolean(der, valueTlv);
    valueTlv = parts[2];
  }
  expectTag(valueTlv, universalTags.octetString, `value of extension ${oid}`, extension.start);
  return {
    oid,
    critical,
    value: der.subarray(valueTlv.contentStart, valueTlv.contentEnd),
    range: range(extension),
  };
}

function findExtension(extensions: RawExtension[], oid: string): RawExtension | undefined {
  return extensions.find((extension) => extension.oid === oid);
}

function readSans(extensions: RawExtension[]): GeneralName[] {
  const extension = findExtension(extensions, '2.5.29.17');
  if (!extension) return [];
  // A broken SAN must not hide the certificate: the extension view reports the problem.
  try {
    return readGeneralNames(extension.value, readWhole(extension.value, 'subjectAltName'));
  } catch {
    return [];
  }
}

function readIsCa(extensions: RawExtension[]): boolean {
  const extension = findExtension(extensions, '2.5.29.19');
  if (!extension) return false;
  try {
    const first = childrenOf(extension.value, readWhole(extension.value))[0];
    return first?.tag === universalTags.boolean && readBoolean(extension.value, first);
  } catch {
    return false;
  }
}

function readValidationLevel(extensions: RawExtension[]): CertificateModel['validationLevel'] {
  const extension = findExtension(extensions, '2.5.29.32');
  if (!extension) return undefined;
  try {
    for (const policy of childrenOf(extension.value, readWhole(extension.value))) {
      const [identifier] = childrenOf(extension.value, policy);
      const level = identifier && validationLevels[readOid(extension.value, identifier)];
      if (level) return level;
    }
  } catch {
    // reported by the extension view
  }
  return undefined;
}
