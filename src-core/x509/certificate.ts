/**
 * X.509 certificates, read once with our own DER reader. `parseCertificate` is the one parse: every
 * field typed, with views into the DER for what the verifier needs; `readCertificate` keeps the
 * plain-data model a list or a view shows (a few KB per certificate, no parser objects), and the
 * verifier's view (verify/cert.ts) is a projection of the same parse.
 */
import {
  childrenOf,
  DerError,
  expectTag,
  readBitString,
  readBoolean,
  readIntegerHex,
  readOid,
  readSmallInteger,
  readTlv,
  universalTags,
  type Tlv,
} from '../asn1/der';
import { derViolations } from '../asn1/strict';
import { readTime, type DerTime } from '../asn1/time';
import { equalBytes } from '../bytes/equal';
import { readAlgorithmIdentifier, readPublicKeyInfo, readSignatureAlgorithm } from './algorithms';
import { validationLevelOf } from './extensions/certificate-policies';
import { extensionData, extensions as known } from './extensions/registry';
import { generalNameText } from './general-name';
import type {
  ByteRange,
  CertificateField,
  CertificateModel,
  PublicKeySummary,
  RawExtension,
  SignatureAlgorithm,
} from './model';
import { displayName, readName, toRfc4514, type NameAttribute } from './name';
import { readSignedParts } from './signed';

const range = (tlv: Tlv): ByteRange => ({ start: tlv.start, end: tlv.end });

/** Every field of a certificate, typed; byte fields are views into `der`. */
export interface ParsedCertificate {
  der: Uint8Array;
  /** 1, 2 or 3 (another number is kept, and is a problem). */
  version: number;
  serial: Uint8Array;
  serialHex: string;
  signatureAlgorithm: SignatureAlgorithm;
  /** The outer and inner signature algorithm fields are the same bytes (RFC 5280 §4.1.1.2). */
  signatureAlgorithmsMatch: boolean;
  signatureValue: Uint8Array;
  tbs: Uint8Array;
  issuer: NameAttribute[];
  issuerDer: Uint8Array;
  subject: NameAttribute[];
  notBefore: DerTime;
  notAfter: DerTime;
  spki: Uint8Array;
  publicKey: PublicKeySummary;
  /** The subjectPublicKeyInfo's AlgorithmIdentifier exactly as encoded. */
  publicKeyAlgorithm: Uint8Array;
  /** The subjectPublicKey BIT STRING's contents. */
  publicKeyBits: Uint8Array;
  /** The key algorithm's parameters (DER), when present. */
  publicKeyParameters?: Uint8Array;
  extensions: RawExtension[];
  /** Whether a [3] extensions field is there at all (even empty). */
  hasExtensionsField: boolean;
  ranges: Partial<Record<CertificateField, ByteRange>>;
  /** Encoding that breaks DER (browsers reject it). */
  nonStrictDer: string[];
  /** What is wrong but didn't stop the reading: an empty RDN, a string invalid in its type, bad PSS parameters… */
  problems: string[];
}

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

/** A certificate's subject, read without decoding the whole certificate (undefined: not a certificate). */
export function readSubjectOnly(der: Uint8Array): NameAttribute[] | undefined {
  const subject = locateSubject(der);
  if (!subject) return undefined;
  try {
    return readName(der, subject);
  } catch {
    return undefined;
  }
}

/** A certificate's `subjectDisplayName` without decoding the whole certificate. */
export function readSubjectDisplayName(der: Uint8Array): string {
  const subject = readSubjectOnly(der);
  if (!subject) throw new DerError('not a certificate', 0);
  return displayName(subject);
}

/** The one parse of a certificate (no copy: views into `der`); a `DerError` with the offset on bytes that aren't one. */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  // Kept short, the reading done in small pieces: a long function is left to V8's interpreter for
  // many calls before it is optimized, then costs the optimizing compiler tens of milliseconds
  // that a short run (a CLI batch) waits for at exit without ever using the result.
  const { top, tbs, algorithmTlv: outerAlgorithm, signatureTlv } = readSignedParts(der, 'certificate');
  const problems: string[] = [];
  const ranges: Partial<Record<CertificateField, ByteRange>> = {
    certificate: range(top),
    tbsCertificate: range(tbs),
    signatureAlgorithm: range(outerAlgorithm),
    signatureValue: range(signatureTlv),
  };
  const fields = readTbsFields(der, tbs, ranges, problems);
  const notBefore = readTimeField(der, fields.notBefore, ranges, 'notBefore');
  const notAfter = readTimeField(der, fields.notAfter, ranges, 'notAfter');
  const subject = readNameField(der, fields.subject, 'subject', problems);
  const issuer = readNameField(der, fields.issuer, 'issuer', problems);
  const signatureAlgorithm = readSignatureAlgorithm(der, outerAlgorithm);
  if (signatureAlgorithm.problem) problems.push(signatureAlgorithm.problem);
  readAlgorithmIdentifier(der, fields.innerAlgorithm);
  const key = readPublicKeyInfo(der, fields.spki);
  const serial = fields.serial;
  const serialBytes = der.subarray(serial.contentStart, serial.contentEnd);
  const nonStrictDer = derViolations(der);
  if (serialBytes[0] & 0x80) nonStrictDer.push('negative serial number');
  if (allZero(serialBytes)) nonStrictDer.push('serial number is zero');
  const parsed: ParsedCertificate = {
    der,
    version: fields.version,
    serial: serialBytes,
    serialHex: readIntegerHex(der, serial),
    signatureAlgorithm,
    signatureAlgorithmsMatch: equalBytes(
      der.subarray(outerAlgorithm.start, outerAlgorithm.end),
      der.subarray(fields.innerAlgorithm.start, fields.innerAlgorithm.end),
    ),
    signatureValue: readBitString(der, signatureTlv).data,
    tbs: der.subarray(tbs.start, tbs.end),
    issuer,
    issuerDer: der.subarray(fields.issuer.start, fields.issuer.end),
    subject,
    notBefore,
    notAfter,
    spki: der.subarray(fields.spki.start, fields.spki.end),
    publicKey: key.summary,
    publicKeyAlgorithm: key.algorithm,
    publicKeyBits: key.keyBits,
    extensions: fields.extensions,
    hasExtensionsField: fields.hasExtensionsField,
    ranges,
    nonStrictDer,
    problems,
  };
  if (key.parameters) parsed.publicKeyParameters = key.parameters;
  return parsed;
}

interface TbsFields {
  version: number;
  serial: Tlv;
  innerAlgorithm: Tlv;
  issuer: Tlv;
  notBefore: Tlv;
  notAfter: Tlv;
  subject: Tlv;
  spki: Tlv;
  extensions: RawExtension[];
  hasExtensionsField: boolean;
}

/** tbsCertificate's fields in their order, each of the expected type, their ranges recorded. */
function readTbsFields(
  der: Uint8Array,
  tbs: Tlv,
  ranges: Partial<Record<CertificateField, ByteRange>>,
  problems: string[],
): TbsFields {
  const fields = childrenOf(der, tbs);
  let index = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    version = readVersion(der, fields[0]);
    if (version > 3) problems.push(`unknown certificate version ${version}`);
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
  ranges.serialNumber = range(serial);
  ranges.innerSignatureAlgorithm = range(innerAlgorithm);
  ranges.issuer = range(issuer);
  ranges.validity = range(validity);
  ranges.subject = range(subject);
  ranges.subjectPublicKeyInfo = range(spki);
  const spkiParts = childrenOf(der, spki);
  if (spkiParts[1]) ranges.publicKey = range(spkiParts[1]);

  const extensions: RawExtension[] = [];
  let hasExtensionsField = false;
  for (; index < fields.length; index++) {
    const field = fields[index];
    if (field.tag === 0x81) ranges.issuerUniqueId = range(field);
    else if (field.tag === 0x82) ranges.subjectUniqueId = range(field);
    else if (field.tag === 0xa3) {
      ranges.extensions = range(field);
      hasExtensionsField = true;
      const read = readExtensionsIn(der, field, 'extensions');
      for (let i = 0; i < read.length; i++) extensions.push(read[i]);
    } else throw new DerError('unexpected field in tbsCertificate', field.start);
  }

  const times = childrenOf(der, validity);
  if (!times[0] || !times[1]) throw new DerError('validity needs two times', validity.start);
  const notBefore = times[0];
  const notAfter = times[1];
  return {
    version,
    serial,
    innerAlgorithm,
    issuer,
    notBefore,
    notAfter,
    subject,
    spki,
    extensions,
    hasExtensionsField,
  };
}

/** [0] EXPLICIT Version: the number as people say it (1, 2, 3). */
function readVersion(der: Uint8Array, field: Tlv): number {
  const versionTlv = expectTag(
    readTlv(der, field.contentStart, field.contentEnd),
    universalTags.integer,
    'version',
    field.start,
  );
  return readSmallInteger(der, versionTlv) + 1;
}

function readTimeField(
  der: Uint8Array,
  tlv: Tlv,
  ranges: Partial<Record<CertificateField, ByteRange>>,
  field: 'notBefore' | 'notAfter',
): DerTime {
  ranges[field] = range(tlv);
  return readTime(der, tlv);
}

/** A Name, its problems (and each attribute's) added to the certificate's under the field's name. */
function readNameField(
  der: Uint8Array,
  tlv: Tlv,
  which: 'subject' | 'issuer',
  problems: string[],
): NameAttribute[] {
  const nameProblems: string[] = [];
  const attributes = readName(der, tlv, nameProblems);
  for (let i = 0; i < nameProblems.length; i++) problems.push(`${which}: ${nameProblems[i]}`);
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i];
    if (attribute.problem)
      problems.push(`${which}: ${attribute.label ?? attribute.oid}: ${attribute.problem}`);
  }
  return attributes;
}

function allZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Decodes one DER certificate into the model; throws a `DerError` (with the byte offset) on bytes that aren't one. */
export function readCertificate(input: Uint8Array): CertificateModel {
  // A copy, so a certificate never pins the (maybe 20 MiB) file it came from.
  const parsed = parseCertificate(input.slice());
  const { der, subject, issuer, extensions } = parsed;
  const sans = extensionData(extensions, known.subjectAltName) ?? [];
  const level = validationLevelOf(extensionData(extensions, known.certificatePolicies) ?? []);
  return {
    kind: 'certificate',
    der,
    subject: toRfc4514(subject),
    issuer: toRfc4514(issuer),
    subjectAttributes: subject,
    issuerAttributes: issuer,
    subjectDisplayName: displayName(subject),
    issuerDisplayName: displayName(issuer),
    notBefore: parsed.notBefore.date,
    notAfter: parsed.notAfter.date,
    serialHex: parsed.serialHex,
    version: parsed.version,
    publicKey: parsed.publicKey,
    spki: parsed.spki.slice(),
    signatureAlgorithm: parsed.signatureAlgorithm,
    signatureAlgorithmOid: parsed.signatureAlgorithm.oid,
    isCa: extensionData(extensions, known.basicConstraints)?.ca ?? false,
    subjectAltNames: sans.map(generalNameText),
    sans,
    extensions,
    ...(level ? { validationLevel: level } : {}),
    nonStrictDer: parsed.nonStrictDer,
    ...(parsed.problems.length ? { problems: parsed.problems } : {}),
    ranges: parsed.ranges,
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
