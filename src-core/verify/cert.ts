/**
 * The verifier's view of a certificate: exactly the fields path building and RFC 5280 checks
 * need, read once with pkijs and kept as plain data (no pkijs objects stay alive).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readDistributionPoints, type DistributionPointSpec } from './distribution-points';
import { derViolations } from '../decode/der-strict';

export interface GeneralNames {
  dns: string[];
  ip: Uint8Array[];
  email: string[];
  uri: string[];
  /** Normalised directory names. */
  dirNames: string[];
  /** Name forms we don't interpret (otherName, x400…), by tag. */
  other: number[];
}

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

export async function readVerifyCert(der: Uint8Array): Promise<VerifyCert> {
  try {
    return await readVerifyCertUnchecked(der);
  } catch (error) {
    // Hostile bytes can trip pkijs/asn1js in many places: one typed error for all of them.
    if (error instanceof CertificateStructureError) throw error;
    throw new CertificateStructureError(
      `not a certificate: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function readVerifyCertUnchecked(der: Uint8Array): Promise<VerifyCert> {
  const asn1 = asn1js.fromBER(toArrayBuffer(der));
  if (asn1.offset === -1 || asn1.offset !== der.length)
    throw new CertificateStructureError('not a DER certificate (bad or trailing bytes)');
  let certificate: pkijs.Certificate;
  try {
    certificate = new pkijs.Certificate({ schema: asn1.result });
  } catch (error) {
    throw new CertificateStructureError(
      `not a certificate: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const tbs = new Uint8Array(certificate.tbsView);
  const sha256 = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(der))));
  const spki = new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER());
  const malformed: string[] = [];
  const subjectKey = normaliseName(certificate.subject);
  const issuerKey = normaliseName(certificate.issuer);
  const result: VerifyCert = {
    der,
    sha256,
    tbs,
    subjectKey,
    issuerKey,
    commonNames: attributeValues(certificate.subject, '2.5.4.3'),
    emailAttributes: attributeValues(certificate.subject, '1.2.840.113549.1.9.1'),
    serialHex: hex(certificate.serialNumber.valueBlock.valueHexView),
    version: certificate.version,
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    spki,
    key: readKey(certificate.subjectPublicKeyInfo),
    signatureOid: certificate.signatureAlgorithm.algorithmId,
    signatureValue: new Uint8Array(certificate.signatureValue.valueBlock.valueHexView),
    signatureFieldsMatch:
      certificate.signatureAlgorithm.algorithmId === certificate.signature.algorithmId &&
      equalBytes(
        new Uint8Array(certificate.signatureAlgorithm.toSchema().toBER()),
        new Uint8Array(certificate.signature.toSchema().toBER()),
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
  if (certificate.signatureAlgorithm.algorithmId === '1.2.840.113549.1.1.10')
    readPssParameters(certificate.signatureAlgorithm, result);
  if (certificate.version < 2 && certificate.extensions?.length)
    malformed.push('extensions in a certificate that is not version 3');
  const serial = certificate.serialNumber.valueBlock.valueHexView;
  if (serial.length > 20) malformed.push('serial number longer than 20 bytes');
  if (serial.length && serial[0] & 0x80) result.nonStrictDer.push('negative serial number');
  if (serial.every((byte) => byte === 0)) result.nonStrictDer.push('serial number is zero');

  const seen = new Set<string>();
  for (const extension of certificate.extensions ?? []) {
    if (seen.has(extension.extnID)) result.duplicateExtensions.push(extension.extnID);
    seen.add(extension.extnID);
    if (extension.critical && !understoodCritical.has(extension.extnID))
      result.unknownCritical.push(extension.extnID);
    try {
      readExtension(extension, result);
    } catch (error) {
      malformed.push(
        `extension ${extension.extnID} is malformed (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  checkProfile(result, certificate, seen);
  return result;
}

/** RFC 5280 profile rules that can be judged from the certificate alone. */
function checkProfile(result: VerifyCert, certificate: pkijs.Certificate, present: Set<string>): void {
  const critical = new Map(
    (certificate.extensions ?? []).map((extension) => [extension.extnID, Boolean(extension.critical)]),
  );
  const problems = result.malformed;
  const isCa = Boolean(result.basicConstraints?.ca);
  if (critical.get(oids.authorityKeyIdentifier)) problems.push('authorityKeyIdentifier must not be critical');
  if (critical.get(oids.subjectKeyIdentifier)) problems.push('subjectKeyIdentifier must not be critical');
  if (present.has(oids.nameConstraints) && !critical.get(oids.nameConstraints))
    problems.push('nameConstraints must be critical');
  if (present.has(oids.inhibitAnyPolicy) && !critical.get(oids.inhibitAnyPolicy))
    problems.push('inhibitAnyPolicy must be critical');
  if (isCa && present.has(oids.basicConstraints) && !critical.get(oids.basicConstraints))
    problems.push('basicConstraints of a CA must be critical');
  if (result.keyUsage?.has('keyCertSign') && !isCa) problems.push('keyCertSign without basicConstraints CA');
  if (result.nameConstraints && !isCa) problems.push('nameConstraints in a certificate that is not a CA');
  if (
    result.basicConstraints?.pathLen !== undefined &&
    (!isCa || !result.keyUsage?.has('keyCertSign')) &&
    result.keyUsage
  ) {
    problems.push('pathLenConstraint without a CA that signs certificates');
  }
  const emptySubject = certificate.subject.typesAndValues.length === 0;
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

function readExtension(extension: pkijs.Extension, result: VerifyCert): void {
  const value = extension.extnValue.valueBlock.valueHexView;
  const parse = () => {
    const inner = asn1js.fromBER(toArrayBuffer(value));
    if (inner.offset === -1 || inner.offset !== value.length) throw new Error('bad DER');
    return inner.result;
  };
  switch (extension.extnID) {
    case oids.basicConstraints: {
      const parsed = new pkijs.BasicConstraints({ schema: parse() });
      const pathLen = parsed.pathLenConstraint;
      result.basicConstraints = {
        ca: Boolean(parsed.cA),
        ...(pathLen !== undefined
          ? { pathLen: typeof pathLen === 'number' ? pathLen : pathLen.valueBlock.valueDec }
          : {}),
      };
      break;
    }
    case oids.keyUsage: {
      const bits = parse() as asn1js.BitString;
      const bytes = bits.valueBlock.valueHexView;
      const usage = new Set<string>();
      keyUsageNames.forEach((name, index) => {
        if ((bytes[index >> 3] ?? 0) & (0x80 >> (index & 7))) usage.add(name);
      });
      if (usage.size === 0) result.malformed.push('keyUsage with no bits set');
      result.keyUsage = usage;
      break;
    }
    case oids.extKeyUsage: {
      const parsed = new pkijs.ExtKeyUsage({ schema: parse() });
      result.extKeyUsage = parsed.keyPurposes;
      if (parsed.keyPurposes.length === 0) result.malformed.push('extendedKeyUsage with no purposes');
      break;
    }
    case oids.subjectAltName: {
      const parsed = new pkijs.AltName({ schema: parse() });
      result.san = readGeneralNames(parsed.altNames);
      result.sanCritical = extension.critical;
      if (parsed.altNames.length === 0) result.malformed.push('empty subjectAltName');
      break;
    }
    case oids.nameConstraints: {
      const parsed = new pkijs.NameConstraints({ schema: parse() });
      result.nameConstraints = {
        ...(parsed.permittedSubtrees
          ? { permitted: readGeneralNames(parsed.permittedSubtrees.map((subtree) => subtree.base)) }
          : {}),
        ...(parsed.excludedSubtrees
          ? { excluded: readGeneralNames(parsed.excludedSubtrees.map((subtree) => subtree.base)) }
          : {}),
      };
      if (!parsed.permittedSubtrees?.length && !parsed.excludedSubtrees?.length)
        result.malformed.push('empty nameConstraints');
      break;
    }
    case oids.subjectKeyIdentifier:
      result.subjectKeyId = hex((parse() as asn1js.OctetString).valueBlock.valueHexView);
      break;
    case oids.authorityKeyIdentifier: {
      const parsed = new pkijs.AuthorityKeyIdentifier({ schema: parse() });
      if (parsed.keyIdentifier) result.authorityKeyId = hex(parsed.keyIdentifier.valueBlock.valueHexView);
      break;
    }
    case oids.authorityInfoAccess: {
      const parsed = new pkijs.InfoAccess({ schema: parse() });
      for (const description of parsed.accessDescriptions) {
        if (description.accessLocation.type !== 6) continue;
        if (description.accessMethod === '1.3.6.1.5.5.7.48.2')
          result.caIssuersUrls.push(String(description.accessLocation.value));
        if (description.accessMethod === '1.3.6.1.5.5.7.48.1')
          result.ocspUrls.push(String(description.accessLocation.value));
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
      const parsed = new pkijs.CertificatePolicies({ schema: parse() });
      result.policies = parsed.certificatePolicies.map((policy) => policy.policyIdentifier);
      if (new Set(result.policies).size !== result.policies.length)
        result.malformed.push('a policy appears twice in certificatePolicies');
      break;
    }
    case oids.policyConstraints: {
      const parsed = new pkijs.PolicyConstraints({ schema: parse() });
      result.policyConstraints = {
        ...(parsed.requireExplicitPolicy !== undefined
          ? { requireExplicitPolicy: parsed.requireExplicitPolicy }
          : {}),
        ...(parsed.inhibitPolicyMapping !== undefined
          ? { inhibitPolicyMapping: parsed.inhibitPolicyMapping }
          : {}),
      };
      break;
    }
    case oids.policyMappings: {
      const parsed = new pkijs.PolicyMappings({ schema: parse() });
      result.policyMappings = parsed.mappings.map((mapping) => ({
        issuerDomainPolicy: mapping.issuerDomainPolicy,
        subjectDomainPolicy: mapping.subjectDomainPolicy,
      }));
      break;
    }
    case oids.inhibitAnyPolicy:
      result.inhibitAnyPolicy = (parse() as asn1js.Integer).valueBlock.valueDec;
      break;
    case oids.tlsFeature: {
      const sequence = parse() as asn1js.Sequence;
      result.mustStaple = sequence.valueBlock.value.some(
        (item) => item instanceof asn1js.Integer && item.valueBlock.valueDec === 5,
      );
      break;
    }
  }
}

export function readGeneralNames(names: pkijs.GeneralName[]): GeneralNames {
  const result: GeneralNames = { dns: [], ip: [], email: [], uri: [], dirNames: [], other: [] };
  for (const name of names) {
    switch (name.type) {
      case 1:
        result.email.push(String(name.value));
        break;
      case 2:
        result.dns.push(String(name.value));
        break;
      case 4:
        result.dirNames.push(normaliseName(name.value as pkijs.RelativeDistinguishedNames));
        break;
      case 6:
        result.uri.push(String(name.value));
        break;
      case 7:
        result.ip.push(new Uint8Array((name.value as asn1js.OctetString).valueBlock.valueHexView));
        break;
      default:
        result.other.push(name.type);
    }
  }
  return result;
}

/** RFC 5280 §7.1 (RFC 4518, simplified): case-insensitive, whitespace collapsed, per RDN in order. */
export function normaliseName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((entry) => {
      const raw = entry.value.valueBlock.value;
      const text = typeof raw === 'string' ? raw : hex(new Uint8Array(entry.value.toBER()));
      return `${entry.type}=${text.trim().replace(/\s+/g, ' ').toLowerCase()}`;
    })
    .join('/');
}

function attributeValues(name: pkijs.RelativeDistinguishedNames, oid: string): string[] {
  return name.typesAndValues
    .filter((entry) => entry.type === oid)
    .map((entry) => String(entry.value.valueBlock.value));
}

function readKey(info: pkijs.PublicKeyInfo): VerifyCert['key'] {
  const oid = info.algorithm.algorithmId;
  if (oid === '1.2.840.113549.1.1.1' || oid === '1.2.840.113549.1.1.10') {
    const rsa = asn1js.fromBER(info.subjectPublicKey.valueBlock.valueHexView.slice().buffer);
    const modulus = ((rsa.result as asn1js.Sequence).valueBlock.value[0] as asn1js.Integer | undefined)
      ?.valueBlock.valueHexView;
    let bits = 0;
    if (modulus) {
      let start = 0;
      while (start < modulus.length && modulus[start] === 0) start++;
      bits = (modulus.length - start) * 8 - (modulus[start] ? Math.clz32(modulus[start]) - 24 : 0);
    }
    return { algorithm: 'RSA', bits, oid };
  }
  if (oid === '1.2.840.10045.2.1') {
    const curveOid =
      info.algorithm.algorithmParams instanceof asn1js.ObjectIdentifier
        ? info.algorithm.algorithmParams.valueBlock.toString()
        : '';
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

function readPssParameters(algorithm: pkijs.AlgorithmIdentifier, result: VerifyCert): void {
  try {
    const params = new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams });
    result.pssHash = hashAlgorithmNames[params.hashAlgorithm.algorithmId] ?? params.hashAlgorithm.algorithmId;
    result.pssSaltLength = params.saltLength;
  } catch {
    result.malformed.push('RSA-PSS parameters are malformed');
  }
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
