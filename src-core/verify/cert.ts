/**
 * The verifier's view of a certificate: exactly the fields path building and RFC 5280 checks
 * need, read once with the decoder's DER reader and kept as plain data. Parsed certificates are
 * cached by their SHA-256, so a certificate seen again (the same leaf, a store's anchors) costs a
 * hash.
 */
import {
  childrenOf,
  content,
  DerError,
  expectTag,
  readBitString,
  readBoolean,
  readOid,
  readSmallInteger,
  readTlv,
  readWhole,
  universalTags,
  type Tlv,
} from '../asn1/der';
import { derViolations } from '../asn1/strict';
import { readExtensionsIn } from '../x509/certificate';
import type { RawExtension } from '../x509/model';
import { readDistributionPoints, type DistributionPointSpec } from './distribution-points';
import { readGeneralNames, type GeneralNames } from './general-names';
import { latin1Text, nameKey, readNameRdns } from './name-key';
import { readSignedParts } from '../x509/signed';
import { sha256Hex } from '../crypto/sha256-hex';
import { equalBytes } from '../bytes/equal';
import { toHex } from '../bytes/hex';
import { readTime } from '../asn1/time';

export type { GeneralNames } from './general-names';

export interface NameConstraints {
  permitted?: GeneralNames;
  excluded?: GeneralNames;
}

export interface VerifyCert {
  der: Uint8Array;
  sha256: string;
  tbs: Uint8Array;
  /** Normalised names (RFC 5280 §7.1: case-folded, whitespace-collapsed) for comparison. */
  subjectKey: string;
  issuerKey: string;
  /** The subject's common names (for the legacy CN host check and name constraints). */
  commonNames: string[];
  emailAttributes: string[];
  serialHex: string;
  version: number;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  /** Key facts for weak-key checks. */
  key: {
    algorithm: 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'unknown';
    bits?: number;
    curve?: string;
    oid: string;
  };
  signatureOid: string;
  /** RSA-PSS parameters, when the signature is PSS. */
  pssHash?: string;
  pssSaltLength?: number;
  signatureValue: Uint8Array;
  /** Whether the outer and inner signature algorithm fields agree (RFC 5280 §4.1.1.2). */
  signatureFieldsMatch: boolean;
  basicConstraints?: { ca: boolean; pathLen?: number };
  keyUsage?: Set<string>;
  extKeyUsage?: string[];
  san?: GeneralNames;
  sanCritical: boolean;
  nameConstraints?: NameConstraints;
  subjectKeyId?: string;
  authorityKeyId?: string;
  caIssuersUrls: string[];
  /** AIA id-ad-ocsp responder URLs (RFC 5280 §4.2.2.1), for opt-in online revocation checks. */
  ocspUrls: string[];
  /** URIs among the CRL distribution points' full names (RFC 5280 §4.2.1.13). */
  crlUrls: string[];
  /** The cRLDistributionPoints extension, when present (matched against CRLs' scope). */
  crlDistributionPoints?: DistributionPointSpec[];
  policies?: string[];
  policyConstraints?: { requireExplicitPolicy?: number; inhibitPolicyMapping?: number };
  policyMappings?: { issuerDomainPolicy: string; subjectDomainPolicy: string }[];
  inhibitAnyPolicy?: number;
  mustStaple: boolean;
  /** OIDs of critical extensions this verifier does not process. */
  unknownCritical: string[];
  /** Extensions that appear more than once (RFC 5280 forbids it). */
  duplicateExtensions: string[];
  /** RFC 5280 profile problems (empty SAN, critical AKI…). */
  malformed: string[];
  /** Encoding that breaks DER (BER lengths, negative or zero serial, loose time formats). */
  nonStrictDer: string[];
  selfIssued: boolean;
}

export const oids = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  nameConstraints: '2.5.29.30',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  policyConstraints: '2.5.29.36',
  inhibitAnyPolicy: '2.5.29.54',
  crlDistributionPoints: '2.5.29.31',
  freshestCrl: '2.5.29.46',
  tlsFeature: '1.3.6.1.5.5.7.1.24',
  sctList: '1.3.6.1.4.1.11129.2.4.2',
  ctPoison: '1.3.6.1.4.1.11129.2.4.3',
  subjectInfoAccess: '1.3.6.1.5.5.7.1.11',
  subjectDirectoryAttributes: '2.5.29.9',
  anyExtendedKeyUsage: '2.5.29.37.0',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  anyPolicy: '2.5.29.32.0',
} as const;

/** Critical extensions this verifier processes; any other critical one fails the certificate. */
const understoodCritical = new Set<string>([
  oids.basicConstraints,
  oids.keyUsage,
  oids.extKeyUsage,
  oids.subjectAltName,
  oids.issuerAltName,
  oids.nameConstraints,
  oids.subjectKeyIdentifier,
  oids.authorityKeyIdentifier,
  oids.certificatePolicies,
  oids.policyMappings,
  oids.policyConstraints,
  oids.inhibitAnyPolicy,
  oids.crlDistributionPoints,
  oids.freshestCrl,
  oids.tlsFeature,
  oids.ctPoison,
]);

/** RFC 5280 §4.2.1.3 KeyUsage bits, in bit order. */
export const keyUsageNames = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

const curveNames: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

export class CertificateStructureError extends Error {
  override name = 'CertificateStructureError';
}

/** Parsed certificates by SHA-256: VerifyCerts are never changed once read, so they can be shared. */
const parsedBySha = new Map<string, VerifyCert>();
const parsedCacheLimit = 5000;

/**
 * The same bytes object read again skips even the hash. Like every byte-keyed cache here, this
 * assumes callers don't rewrite a certificate's bytes in place after handing them over.
 */
const parsedByBytes = new WeakMap<Uint8Array, VerifyCert>();

export async function readVerifyCert(der: Uint8Array): Promise<VerifyCert> {
  const known = parsedByBytes.get(der);
  if (known) return known;
  const sha256 = await sha256Hex(der);
  const cached = parsedBySha.get(sha256);
  if (cached && equalBytes(cached.der, der)) {
    parsedByBytes.set(der, cached);
    return cached;
  }
  let result: VerifyCert;
  try {
    result = readVerifyCertUnchecked(der, sha256);
  } catch (error) {
    // Hostile bytes can fail anywhere in the reader: one typed error for all of them.
    if (error instanceof CertificateStructureError) throw error;
    throw new CertificateStructureError(
      `not a certificate: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  parsedBySha.set(sha256, result);
  parsedByBytes.set(der, result);
  if (parsedBySha.size > parsedCacheLimit) parsedBySha.delete(parsedBySha.keys().next().value as string);
  return result;
}

function readVerifyCertUnchecked(der: Uint8Array, sha256: string): VerifyCert {
  try {
    readWhole(der, 'certificate');
  } catch {
    throw new CertificateStructureError('not a DER certificate (bad or trailing bytes)');
  }
  const {
    tbs,
    algorithmTlv: outerAlgorithm,
    signatureTlv: signatureValue,
  } = readSignedParts(der, 'certificate');

  const fields = childrenOf(der, tbs);
  let index = 0;
  let version = 0;
  if (fields[0]?.tag === 0xa0) {
    const versionTlv = readTlv(der, fields[0].contentStart, fields[0].contentEnd);
    version = readSmallInteger(der, expectTag(versionTlv, universalTags.integer, 'version', fields[0].start));
    index++;
  }
  const next = (what: string, tag: number): Tlv =>
    expectTag(fields[index++], tag, what, fields[index - 2]?.end ?? tbs.contentStart);
  const serialTlv = next('serial number', universalTags.integer);
  const innerAlgorithm = next('signature algorithm (inner)', universalTags.sequence);
  const issuer = next('issuer', universalTags.sequence);
  const validity = next('validity', universalTags.sequence);
  const subject = next('subject', universalTags.sequence);
  const spkiTlv = next('subject public key info', universalTags.sequence);
  const extensions: RawExtension[] = [];
  let hasExtensionsField = false;
  for (; index < fields.length; index++) {
    const field = fields[index];
    if (field.tag === 0x81 || field.tag === 0x82) continue; // issuer/subject unique ids
    if (field.tag !== 0xa3) throw new DerError('unexpected field in tbsCertificate', field.start);
    hasExtensionsField = true;
    extensions.push(...readExtensionsIn(der, field, 'extensions'));
  }
  const [notBeforeTlv, notAfterTlv] = childrenOf(der, validity);
  if (!notBeforeTlv || !notAfterTlv) throw new DerError('validity needs two times', validity.start);

  const subjectRdns = readNameRdns(der, subject);
  const subjectAttributes = subjectRdns.flatMap((rdn) => rdn.attributes);
  const subjectKey = subjectRdns.map((rdn) => rdn.key).join('/');
  const issuerKey = nameKey(der, issuer);
  const serial = content(der, serialTlv);
  const outerOid = readAlgorithmOid(der, outerAlgorithm);
  const malformed: string[] = [];
  const result: VerifyCert = {
    der,
    sha256,
    tbs: der.subarray(tbs.start, tbs.end),
    subjectKey,
    issuerKey,
    commonNames: textsOf(subjectAttributes, '2.5.4.3'),
    emailAttributes: textsOf(subjectAttributes, '1.2.840.113549.1.9.1'),
    serialHex: toHex(serial),
    version,
    notBefore: readTime(der, notBeforeTlv).date,
    notAfter: readTime(der, notAfterTlv).date,
    spki: der.subarray(spkiTlv.start, spkiTlv.end),
    key: readKey(der, spkiTlv),
    signatureOid: outerOid,
    signatureValue: readBitString(der, signatureValue).data,
    signatureFieldsMatch:
      outerOid === readAlgorithmOid(der, innerAlgorithm) &&
      equalBytes(
        der.subarray(outerAlgorithm.start, outerAlgorithm.end),
        der.subarray(innerAlgorithm.start, innerAlgorithm.end),
      ),
    sanCritical: false,
    caIssuersUrls: [],
    ocspUrls: [],
    crlUrls: [],
    mustStaple: false,
    unknownCritical: [],
    duplicateExtensions: [],
    malformed,
    nonStrictDer: derViolations(der),
    selfIssued: subjectKey === issuerKey,
  };
  if (outerOid === '1.2.840.113549.1.1.10') readPssParameters(der, outerAlgorithm, result);
  if (version < 2 && hasExtensionsField && extensions.length)
    malformed.push('extensions in a certificate that is not version 3');
  if (serial.length > 20) malformed.push('serial number longer than 20 bytes');
  if (serial.length && serial[0] & 0x80) result.nonStrictDer.push('negative serial number');
  if (serial.every((byte) => byte === 0)) result.nonStrictDer.push('serial number is zero');

  const seen = new Set<string>();
  for (const extension of extensions) {
    if (seen.has(extension.oid)) result.duplicateExtensions.push(extension.oid);
    seen.add(extension.oid);
    if (extension.critical && !understoodCritical.has(extension.oid))
      result.unknownCritical.push(extension.oid);
    try {
      readExtension(extension, result);
    } catch (error) {
      malformed.push(
        `extension ${extension.oid} is malformed (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  checkProfile(result, extensions, seen, subjectAttributes.length === 0);
  return result;
}

function readAlgorithmOid(der: Uint8Array, algorithm: Tlv): string {
  const [oid] = childrenOf(der, algorithm);
  return readOid(der, expectTag(oid, universalTags.oid, 'algorithm', algorithm.start));
}

function textsOf(attributes: { oid: string; text: string | undefined }[], oid: string): string[] {
  return attributes.flatMap((attribute) =>
    attribute.oid === oid && attribute.text !== undefined ? [attribute.text] : [],
  );
}

/** RFC 5280 profile rules that can be judged from the certificate alone. */
function checkProfile(
  result: VerifyCert,
  extensions: RawExtension[],
  present: Set<string>,
  emptySubject: boolean,
): void {
  const critical = new Map(extensions.map((extension) => [extension.oid, extension.critical]));
  const problems = result.malformed;
  const isCa = Boolean(result.basicConstraints?.ca);
  if (critical.get(oids.authorityKeyIdentifier)) problems.push('authorityKeyIdentifier must not be critical');
  if (critical.get(oids.subjectKeyIdentifier)) problems.push('subjectKeyIdentifier must not be critical');
  if (present.has(oids.nameConstraints) && !critical.get(oids.nameConstraints))
    problems.push('nameConstraints must be critical');
  if (present.has(oids.inhibitAnyPolicy) && !critical.get(oids.inhibitAnyPolicy))
    problems.push('inhibitAnyPolicy must be critical');
  if (isCa && present.has(oids.basicConstraints) && !critical.get(oids.basicConstraints))
    problems.push(nonCriticalBasicConstraints);
  if (result.keyUsage?.has('keyCertSign') && !isCa) problems.push('keyCertSign without basicConstraints CA');
  if (result.nameConstraints && !isCa) problems.push('nameConstraints in a certificate that is not a CA');
  if (
    result.basicConstraints?.pathLen !== undefined &&
    (!isCa || !result.keyUsage?.has('keyCertSign')) &&
    result.keyUsage
  ) {
    problems.push('pathLenConstraint without a CA that signs certificates');
  }
  if (emptySubject && isCa) problems.push('a CA must have a subject name');
  if (emptySubject && (!result.san || !result.sanCritical))
    problems.push('an empty subject requires a critical subjectAltName');
  for (const dns of result.san?.dns ?? [])
    if (!isValidDnsPattern(dns)) problems.push(`invalid DNS name in subjectAltName: ${dns}`);
  for (const email of result.san?.email ?? [])
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) problems.push(`invalid email address in subjectAltName: ${email}`);
  for (const dns of [
    ...(result.nameConstraints?.permitted?.dns ?? []),
    ...(result.nameConstraints?.excluded?.dns ?? []),
  ]) {
    if (dns.startsWith('.') || (dns && !isValidDnsPattern(dns)))
      problems.push(`invalid DNS name constraint: ${dns}`);
  }
}

/** The profile problem of a CA whose basicConstraints is not critical (verify.ts judges it by position). */
export const nonCriticalBasicConstraints = 'basicConstraints of a CA must be critical';

/** A DNS name as certificates may carry it: LDH labels, an optional wildcard as the whole first label. */
export function isValidDnsPattern(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  return labels.every(
    (label, index) =>
      (index === 0 && label === '*' && labels.length > 2) ||
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label),
  );
}

/** The fields of an extension's value (a SEQUENCE filling it exactly). */
function sequenceItems(value: Uint8Array): Tlv[] {
  return childrenOf(value, expectTag(readWhole(value), universalTags.sequence, 'extension value', 0));
}

function readExtension(extension: RawExtension, result: VerifyCert): void {
  const value = extension.value;
  switch (extension.oid) {
    case oids.basicConstraints: {
      const [first, second] = sequenceItems(value);
      const ca = first?.tag === universalTags.boolean && readBoolean(value, first);
      const pathLenTlv = first?.tag === universalTags.integer ? first : second;
      if (pathLenTlv && pathLenTlv.tag !== universalTags.integer) throw new DerError('bad pathLen', 0);
      result.basicConstraints = {
        ca,
        ...(pathLenTlv ? { pathLen: readSmallInteger(value, pathLenTlv) } : {}),
      };
      break;
    }
    case oids.keyUsage: {
      const bits = readBitString(
        value,
        expectTag(readWhole(value), universalTags.bitString, 'keyUsage', 0),
      ).data;
      const usage = new Set<string>();
      keyUsageNames.forEach((name, index) => {
        if ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) usage.add(name);
      });
      if (usage.size === 0) result.malformed.push('keyUsage with no bits set');
      result.keyUsage = usage;
      break;
    }
    case oids.extKeyUsage: {
      result.extKeyUsage = sequenceItems(value).map((purpose) =>
        readOid(value, expectTag(purpose, universalTags.oid, 'key purpose', purpose.start)),
      );
      if (result.extKeyUsage.length === 0) result.malformed.push('extendedKeyUsage with no purposes');
      break;
    }
    case oids.subjectAltName: {
      const names = sequenceItems(value);
      result.san = readGeneralNames(value, names);
      result.sanCritical = extension.critical;
      if (names.length === 0) result.malformed.push('empty subjectAltName');
      break;
    }
    case oids.nameConstraints: {
      const subtrees = (field: Tlv) =>
        readGeneralNames(
          value,
          childrenOf(value, field).map(
            (subtree) =>
              childrenOf(value, expectTag(subtree, universalTags.sequence, 'subtree', subtree.start))[0],
          ),
        );
      let permitted: GeneralNames | undefined;
      let excluded: GeneralNames | undefined;
      let count = 0;
      for (const field of sequenceItems(value)) {
        if (field.tag === 0xa0) permitted = subtrees(field);
        else if (field.tag === 0xa1) excluded = subtrees(field);
        else throw new DerError('unknown field in nameConstraints', field.start);
        count += childrenOf(value, field).length;
      }
      result.nameConstraints = { ...(permitted ? { permitted } : {}), ...(excluded ? { excluded } : {}) };
      if (count === 0) result.malformed.push('empty nameConstraints');
      break;
    }
    case oids.subjectKeyIdentifier:
      result.subjectKeyId = toHex(
        content(value, expectTag(readWhole(value), universalTags.octetString, 'key identifier', 0)),
      );
      break;
    case oids.authorityKeyIdentifier: {
      const keyIdentifier = sequenceItems(value).find((field) => field.tag === 0x80);
      if (keyIdentifier) result.authorityKeyId = toHex(content(value, keyIdentifier));
      break;
    }
    case oids.authorityInfoAccess: {
      for (const description of sequenceItems(value)) {
        const [method, location] = childrenOf(value, description);
        const accessMethod = readOid(
          value,
          expectTag(method, universalTags.oid, 'access method', description.start),
        );
        if (!location) throw new DerError('access description without a location', description.start);
        if (location.tag !== 0x86) continue;
        const url = latin1Text(content(value, location));
        if (accessMethod === '1.3.6.1.5.5.7.48.2') result.caIssuersUrls.push(url);
        if (accessMethod === '1.3.6.1.5.5.7.48.1') result.ocspUrls.push(url);
      }
      break;
    }
    case oids.crlDistributionPoints: {
      result.crlDistributionPoints = readDistributionPoints(value);
      for (const point of result.crlDistributionPoints)
        for (const name of point.fullNames) if (name.startsWith('uri:')) result.crlUrls.push(name.slice(4));
      break;
    }
    case oids.certificatePolicies: {
      result.policies = sequenceItems(value).map((policy) => {
        const [identifier] = childrenOf(
          value,
          expectTag(policy, universalTags.sequence, 'policy', policy.start),
        );
        return readOid(value, expectTag(identifier, universalTags.oid, 'policy identifier', policy.start));
      });
      if (new Set(result.policies).size !== result.policies.length)
        result.malformed.push('a policy appears twice in certificatePolicies');
      break;
    }
    case oids.policyConstraints: {
      const constraints: NonNullable<VerifyCert['policyConstraints']> = {};
      for (const field of sequenceItems(value)) {
        if (field.tag === 0x80) constraints.requireExplicitPolicy = readSmallInteger(value, field);
        else if (field.tag === 0x81) constraints.inhibitPolicyMapping = readSmallInteger(value, field);
        else throw new DerError('unknown field in policyConstraints', field.start);
      }
      result.policyConstraints = constraints;
      break;
    }
    case oids.policyMappings: {
      result.policyMappings = sequenceItems(value).map((mapping) => {
        const [issuerPolicy, subjectPolicy] = childrenOf(
          value,
          expectTag(mapping, universalTags.sequence, 'policy mapping', mapping.start),
        );
        return {
          issuerDomainPolicy: readOid(
            value,
            expectTag(issuerPolicy, universalTags.oid, 'policy', mapping.start),
          ),
          subjectDomainPolicy: readOid(
            value,
            expectTag(subjectPolicy, universalTags.oid, 'policy', mapping.start),
          ),
        };
      });
      break;
    }
    case oids.inhibitAnyPolicy:
      result.inhibitAnyPolicy = readSmallInteger(
        value,
        expectTag(readWhole(value), universalTags.integer, 'skip certs', 0),
      );
      break;
    case oids.tlsFeature:
      result.mustStaple = sequenceItems(value).some(
        (feature) =>
          feature.tag === universalTags.integer &&
          feature.contentEnd - feature.contentStart === 1 &&
          value[feature.contentStart] === 5,
      );
      break;
  }
}

function readKey(der: Uint8Array, spki: Tlv): VerifyCert['key'] {
  const [algorithm, keyBits] = childrenOf(der, spki);
  const [oidTlv, parameters] = childrenOf(
    der,
    expectTag(algorithm, universalTags.sequence, 'key algorithm', spki.start),
  );
  const oid = readOid(der, expectTag(oidTlv, universalTags.oid, 'key algorithm', spki.start));
  const key = readBitString(der, expectTag(keyBits, universalTags.bitString, 'public key', spki.start)).data;
  if (oid === '1.2.840.113549.1.1.1' || oid === '1.2.840.113549.1.1.10') {
    const [modulusTlv] = childrenOf(
      key,
      expectTag(readTlv(key, 0), universalTags.sequence, 'RSA public key', 0),
    );
    const modulus = modulusTlv ? content(key, modulusTlv) : new Uint8Array(0);
    let start = 0;
    while (start < modulus.length && modulus[start] === 0) start++;
    const bits = (modulus.length - start) * 8 - (modulus[start] ? Math.clz32(modulus[start]) - 24 : 0);
    return { algorithm: 'RSA', bits, oid };
  }
  if (oid === '1.2.840.10045.2.1') {
    const curveOid = parameters?.tag === universalTags.oid ? readOid(der, parameters) : '';
    const curve = curveNames[curveOid] ?? curveOid;
    const bits = curve === 'P-256' ? 256 : curve === 'P-384' ? 384 : curve === 'P-521' ? 521 : undefined;
    return { algorithm: 'EC', curve, ...(bits ? { bits } : {}), oid };
  }
  if (oid === '1.3.101.112') return { algorithm: 'Ed25519', bits: 256, oid };
  if (oid === '1.3.101.113') return { algorithm: 'Ed448', bits: 456, oid };
  if (oid === '1.2.840.10040.4.1') return { algorithm: 'DSA', oid };
  return { algorithm: 'unknown', oid };
}

/** Hash algorithm OIDs by their WebCrypto names (RSA-PSS parameters, OCSP CertIDs). */
export const hashAlgorithmNames: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** RSASSA-PSS-params (RFC 4055): hashAlgorithm [0] and saltLength [2], SHA-1 and 20 by default. */
function readPssParameters(der: Uint8Array, algorithm: Tlv, result: VerifyCert): void {
  try {
    let hash = '1.3.14.3.2.26';
    let saltLength = 20;
    const parameters = childrenOf(der, algorithm)[1];
    if (parameters) {
      for (const field of childrenOf(
        der,
        expectTag(parameters, universalTags.sequence, 'PSS', parameters.start),
      )) {
        const inner = readTlv(der, field.contentStart, field.contentEnd);
        if (field.tag === 0xa0)
          hash = readAlgorithmOid(der, expectTag(inner, universalTags.sequence, 'hash', inner.start));
        else if (field.tag === 0xa2)
          saltLength = readSmallInteger(der, expectTag(inner, universalTags.integer, 'salt', inner.start));
        else if (field.tag !== 0xa1 && field.tag !== 0xa3)
          throw new DerError('unknown PSS field', field.start);
      }
    }
    result.pssHash = hashAlgorithmNames[hash] ?? hash;
    result.pssSaltLength = saltLength;
  } catch {
    result.malformed.push('RSA-PSS parameters are malformed');
  }
}
