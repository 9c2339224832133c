/**
 * The verifier's view of a certificate: exactly the fields path building and RFC 5280 checks
 * need, as plain data — a projection of the one parse (`x509/certificate.ts` parseCertificate,
 * the extensions through the registry's readers), so display and verdict never read the same
 * bytes two ways. Views are cached by SHA-256, so a certificate seen again (the same leaf, a
 * store's anchors) costs a hash.
 */
import { equalBytes } from '../bytes/equal';
import { toHex } from '../bytes/hex';
import { sha256Hex, sha256HexNow } from '../crypto/sha256-hex';
import { parseCertificate, type ParsedCertificate } from '../x509/certificate';
import { oidAnyPolicy } from '../x509/extensions/certificate-policies';
import { oidAnyExtendedKeyUsage, oidClientAuth, oidServerAuth } from '../x509/extensions/ext-key-usage';
import { keyUsageSet } from '../x509/extensions/key-usage';
import { accessUris, oidAccessCaIssuers, oidAccessOcsp } from '../x509/extensions/info-access';
import { extensions as known, readExtension } from '../x509/extensions/registry';
import { statusRequestFeature } from '../x509/extensions/tls-feature';
import type { GeneralName, RawExtension } from '../x509/model';
import { attributeTexts, nameKey, oidCommonName, oidEmailAddress, type NameAttribute } from '../x509/name';
import { distributionPointSpecs, type DistributionPointSpec } from './distribution-points';
import { generalNamesOf, type GeneralNames } from './general-names';

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
    /** RSA public exponent (absent when it is longer than 6 octets). */
    exponent?: number;
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
  /** The issuer Name exactly as encoded (OCSP CertIDs hash it). */
  issuerNameDer: Uint8Array;
  /** The subjectPublicKey BIT STRING's contents (OCSP CertIDs hash it; DSA's y). */
  publicKeyBits: Uint8Array;
  /** The key algorithm's parameters (DER), when present (DSA domain parameters). */
  publicKeyParameters?: Uint8Array;
  // What the CA/B Forum profile checks (checks/cabf/) read besides the above; all from the same parse.
  /** The subject's attributes in encoded order, with each string's type. */
  subjectAttributes: readonly NameAttribute[];
  /** The subject Name exactly as encoded (an issuer field must repeat it byte for byte). */
  subjectNameDer: Uint8Array;
  /** issuerUniqueID or subjectUniqueID is present. */
  uniqueIdentifiers: boolean;
  /** The subjectPublicKeyInfo's AlgorithmIdentifier, exactly as encoded. */
  keyAlgorithmDer: Uint8Array;
  /** The outer signatureAlgorithm, exactly as encoded. */
  signatureAlgorithmDer: Uint8Array;
  /** Every extension's OID and criticality, in encoded order. */
  extensionFlags: readonly { oid: string; critical: boolean }[];
  /** The authorityKeyIdentifier names the issuer's issuer and serial (authorityCertIssuer/SerialNumber). */
  authorityKeyIdNamesIssuer: boolean;
  /** The authorityInformationAccess entries: each access method and its location (a URI, or the form's name). */
  accessDescriptions: readonly { method: string; uri?: string; form: GeneralName['type'] }[];
  /** The certificatePolicies qualifiers: which policy, which kind, the CPS URI. */
  policyQualifiers: readonly {
    policy: string;
    kind: 'cps' | 'userNotice' | 'other' | 'unreadable';
    uri?: string;
  }[];
  /** A nameConstraints subtree has a minimum or maximum (RFC 5280 says never; so do the BRs). */
  nameConstraintsBounded: boolean;
  /** The embedded SCT list (RFC 6962 §3.3): what the CT, distrust-date and BR checks count, or why it can't be read. Absent without one. */
  sctList?: SctFacts | { error: string };
}

/** The OIDs the checks name, taken from the registry that reads them (one table). */
export const oids = {
  basicConstraints: known.basicConstraints.oid,
  keyUsage: known.keyUsage.oid,
  extKeyUsage: known.extKeyUsage.oid,
  subjectAltName: known.subjectAltName.oid,
  issuerAltName: known.issuerAltName.oid,
  nameConstraints: known.nameConstraints.oid,
  subjectKeyIdentifier: known.subjectKeyIdentifier.oid,
  authorityKeyIdentifier: known.authorityKeyIdentifier.oid,
  authorityInfoAccess: known.authorityInfoAccess.oid,
  certificatePolicies: known.certificatePolicies.oid,
  policyMappings: known.policyMappings.oid,
  policyConstraints: known.policyConstraints.oid,
  inhibitAnyPolicy: known.inhibitAnyPolicy.oid,
  crlDistributionPoints: known.cRLDistributionPoints.oid,
  freshestCrl: known.freshestCRL.oid,
  tlsFeature: known.tlsFeature.oid,
  sctList: known.sctList.oid,
  ctPoison: known.precertificatePoison.oid,
  subjectInfoAccess: known.subjectInfoAccess.oid,
  subjectDirectoryAttributes: known.subjectDirectoryAttributes.oid,
  anyExtendedKeyUsage: oidAnyExtendedKeyUsage,
  serverAuth: oidServerAuth,
  clientAuth: oidClientAuth,
  anyPolicy: oidAnyPolicy,
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
  const sha256 = sha256HexNow(der) ?? (await sha256Hex(der));
  const cached = parsedBySha.get(sha256);
  if (cached && equalBytes(cached.der, der)) {
    parsedByBytes.set(der, cached);
    return cached;
  }
  let result: VerifyCert;
  try {
    result = verifyView(parseCertificate(der), sha256);
  } catch (error) {
    // Hostile bytes can fail anywhere in the reader: one typed error for all of them.
    throw new CertificateStructureError(
      `not a certificate: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  parsedBySha.set(sha256, result);
  parsedByBytes.set(der, result);
  if (parsedBySha.size > parsedCacheLimit) parsedBySha.delete(parsedBySha.keys().next().value as string);
  return result;
}

/** The verifier's view of a parsed certificate (no second reading of any field). */
export function verifyView(parsed: ParsedCertificate, sha256: string): VerifyCert {
  // In three short steps, each optimized early and cheaply (see parseCertificate).
  const result = plainView(parsed, sha256);
  const malformed = result.malformed;
  if (result.version < 2 && parsed.hasExtensionsField && parsed.extensions.length)
    malformed.push('extensions in a certificate that is not version 3');
  if (parsed.serial.length > 20) malformed.push('serial number longer than 20 bytes');
  const seen = takeExtensions(parsed.extensions, result);
  checkProfile(result, parsed.extensions, seen, parsed.subject.length === 0);
  return result;
}

/** The view's fields that come straight from the parse; every extension's slot empty. */
function plainView(parsed: ParsedCertificate, sha256: string): VerifyCert {
  const { der, subject, issuer, signatureAlgorithm, publicKey } = parsed;
  const subjectKey = nameKey(subject);
  const issuerKey = nameKey(issuer);
  return {
    der,
    sha256,
    tbs: parsed.tbs,
    subjectKey,
    issuerKey,
    commonNames: attributeTexts(subject, oidCommonName),
    emailAttributes: attributeTexts(subject, oidEmailAddress),
    serialHex: parsed.serialHex,
    version: parsed.version - 1,
    notBefore: parsed.notBefore.date,
    notAfter: parsed.notAfter.date,
    spki: parsed.spki,
    key: keyFacts(publicKey),
    signatureOid: signatureAlgorithm.oid,
    signatureValue: parsed.signatureValue,
    signatureFieldsMatch: parsed.signatureAlgorithmsMatch,
    sanCritical: false,
    caIssuersUrls: [],
    ocspUrls: [],
    crlUrls: [],
    mustStaple: false,
    unknownCritical: [],
    duplicateExtensions: [],
    malformed: parsed.problems.slice(),
    nonStrictDer: parsed.nonStrictDer.slice(),
    selfIssued: subjectKey === issuerKey,
    issuerNameDer: parsed.issuerDer,
    publicKeyBits: parsed.publicKeyBits,
    // Every optional field has its slot from the start: all views share one shape, so the checks
    // that read them stay monomorphic however a certificate's extensions are ordered.
    publicKeyParameters: parsed.publicKeyParameters,
    pssHash: signatureAlgorithm.pss?.hash,
    pssSaltLength: signatureAlgorithm.pss?.saltLength,
    basicConstraints: undefined,
    keyUsage: undefined,
    extKeyUsage: undefined,
    san: undefined,
    nameConstraints: undefined,
    subjectKeyId: undefined,
    authorityKeyId: undefined,
    crlDistributionPoints: undefined,
    policies: undefined,
    policyConstraints: undefined,
    policyMappings: undefined,
    inhibitAnyPolicy: undefined,
    subjectAttributes: subject,
    subjectNameDer: slice(der, parsed.ranges.subject),
    uniqueIdentifiers: Boolean(parsed.ranges.issuerUniqueId ?? parsed.ranges.subjectUniqueId),
    keyAlgorithmDer: parsed.publicKeyAlgorithm,
    signatureAlgorithmDer: slice(der, parsed.ranges.signatureAlgorithm),
    extensionFlags: parsed.extensions.map(({ oid, critical }) => ({ oid, critical })),
    authorityKeyIdNamesIssuer: false,
    accessDescriptions: [],
    policyQualifiers: [],
    nameConstraintsBounded: false,
    sctList: undefined,
  };
}

/** Each extension the verifier reads, into the view; the OIDs present. */
function takeExtensions(extensions: RawExtension[], result: VerifyCert): Set<string> {
  const seen = new Set<string>();
  for (let i = 0; i < extensions.length; i++) {
    const extension = extensions[i];
    if (seen.has(extension.oid)) result.duplicateExtensions.push(extension.oid);
    seen.add(extension.oid);
    if (extension.critical && !understoodCritical.has(extension.oid))
      result.unknownCritical.push(extension.oid);
    if (extension.oid === oids.sctList) {
      const read = readExtension(extension)!;
      result.sctList = 'error' in read ? { error: read.error } : sctFacts(read.data as Data<'sctList'>);
      continue;
    }
    const take = takers.get(extension.oid);
    if (!take) continue;
    const read = readExtension(extension)!;
    if ('error' in read) result.malformed.push(`extension ${extension.oid} is malformed (${read.error})`);
    else take(extension, read.data, result);
  }
  return seen;
}

/** Embedded SCTs: every entry, and of the v1 ones (the only version logs issue) their timestamps and distinct logs. */
export interface SctFacts {
  count: number;
  timestamps: Date[];
  logs: number;
  /** The earliest v1 timestamp: the best proxy for the issuance date. */
  earliest?: Date;
}

function sctFacts(scts: Data<'sctList'>): SctFacts {
  const v1 = scts.filter((sct) => sct.version === 1);
  const timestamps = v1.map((sct) => sct.timestamp);
  const earliest = timestamps.length
    ? new Date(Math.min(...timestamps.map((time) => time.getTime())))
    : undefined;
  return {
    count: scts.length,
    timestamps,
    logs: new Set(v1.map((sct) => toHex(sct.logId))).size,
    ...(earliest ? { earliest } : {}),
  };
}

/** A field's bytes by the range the parse recorded (empty when it recorded none). */
function slice(der: Uint8Array, range: { start: number; end: number } | undefined): Uint8Array {
  return range ? der.subarray(range.start, range.end) : new Uint8Array(0);
}

function keyFacts(publicKey: ParsedCertificate['publicKey']): VerifyCert['key'] {
  return {
    algorithm:
      publicKey.algorithm === 'X25519' || publicKey.algorithm === 'X448' ? 'unknown' : publicKey.algorithm,
    bits: publicKey.bits,
    exponent: publicKey.exponent,
    curve: publicKey.curve,
    oid: publicKey.oid,
  };
}

type Data<K extends keyof typeof known> = (typeof known)[K]['spec'] extends {
  read(value: Uint8Array): infer T;
}
  ? T
  : never;

type Taker = (extension: RawExtension, data: unknown, result: VerifyCert) => void;

/**
 * The extensions the verifier reads (through the registry; a malformed one is a profile problem)
 * and how each one's typed data goes into the view: one short function per extension, each
 * optimized on its own (see parseCertificate).
 */
const takers = new Map<string, Taker>(
  Object.entries({
    [oids.basicConstraints]: (extension, data, result) => {
      result.basicConstraints = { ...(data as Data<'basicConstraints'>) };
    },
    [oids.keyUsage]: (extension, data, result) => {
      const usage = keyUsageSet(data as Data<'keyUsage'>);
      if (usage.size === 0) result.malformed.push('keyUsage with no bits set');
      result.keyUsage = usage;
    },
    [oids.extKeyUsage]: (extension, data, result) => {
      result.extKeyUsage = data as Data<'extKeyUsage'>;
      if (result.extKeyUsage.length === 0) result.malformed.push('extendedKeyUsage with no purposes');
    },
    [oids.subjectAltName]: (extension, data, result) => {
      const names = data as Data<'subjectAltName'>;
      result.san = generalNamesOf(names);
      result.sanCritical = extension.critical;
      if (names.length === 0) result.malformed.push('empty subjectAltName');
    },
    [oids.nameConstraints]: (extension, data, result) => {
      const { permitted, excluded } = data as Data<'nameConstraints'>;
      result.nameConstraintsBounded = [...(permitted ?? []), ...(excluded ?? [])].some(
        (subtree) => subtree.minimum !== undefined || subtree.maximum !== undefined,
      );
      const bases = (subtrees: { base: GeneralName }[]) =>
        generalNamesOf(subtrees.map((subtree) => subtree.base));
      result.nameConstraints = {
        ...(permitted ? { permitted: bases(permitted) } : {}),
        ...(excluded ? { excluded: bases(excluded) } : {}),
      };
      if ((permitted?.length ?? 0) + (excluded?.length ?? 0) === 0)
        result.malformed.push('empty nameConstraints');
    },
    [oids.subjectKeyIdentifier]: (extension, data, result) => {
      result.subjectKeyId = toHex(data as Data<'subjectKeyIdentifier'>);
    },
    [oids.authorityKeyIdentifier]: (extension, data, result) => {
      const { keyIdentifier, authorityCertIssuer, authorityCertSerialNumber } =
        data as Data<'authorityKeyIdentifier'>;
      if (keyIdentifier) result.authorityKeyId = toHex(keyIdentifier);
      result.authorityKeyIdNamesIssuer = Boolean(authorityCertIssuer ?? authorityCertSerialNumber);
    },
    [oids.authorityInfoAccess]: (extension, data, result) => {
      const descriptions = data as Data<'authorityInfoAccess'>;
      result.accessDescriptions = descriptions.map(({ method, location }) => ({
        method,
        form: location.type,
        ...(location.type === 'uri' ? { uri: location.value } : {}),
      }));
      result.caIssuersUrls.push(...accessUris(descriptions, oidAccessCaIssuers));
      result.ocspUrls.push(...accessUris(descriptions, oidAccessOcsp));
    },
    [oids.crlDistributionPoints]: (extension, data, result) => {
      result.crlDistributionPoints = distributionPointSpecs(data as Data<'cRLDistributionPoints'>);
      for (const point of result.crlDistributionPoints)
        for (const name of point.fullNames) if (name.startsWith('uri:')) result.crlUrls.push(name.slice(4));
    },
    [oids.certificatePolicies]: (extension, data, result) => {
      result.policies = (data as Data<'certificatePolicies'>).map((policy) => policy.oid);
      result.policyQualifiers = (data as Data<'certificatePolicies'>).flatMap((policy) =>
        policy.qualifiers.map((qualifier) => ({
          policy: policy.oid,
          kind: qualifier.type,
          ...(qualifier.type === 'cps' ? { uri: qualifier.uri.text } : {}),
        })),
      );
      if (new Set(result.policies).size !== result.policies.length)
        result.malformed.push('a policy appears twice in certificatePolicies');
    },
    [oids.policyConstraints]: (extension, data, result) => {
      result.policyConstraints = { ...(data as Data<'policyConstraints'>) };
    },
    [oids.policyMappings]: (extension, data, result) => {
      result.policyMappings = data as Data<'policyMappings'>;
    },
    [oids.inhibitAnyPolicy]: (extension, data, result) => {
      result.inhibitAnyPolicy = data as Data<'inhibitAnyPolicy'>;
    },
    [oids.tlsFeature]: (extension, data, result) => {
      result.mustStaple = (data as Data<'tlsFeature'>).includes(statusRequestFeature);
    },
  } satisfies Record<string, Taker>),
);

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
  checkNameSyntax(result);
}

/** The names a certificate carries and constrains, in the syntax their types require. */
function checkNameSyntax(result: VerifyCert): void {
  const problems = result.malformed;
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
  // Label by label over the characters (no split, no pattern per label: every SAN of every
  // certificate comes through here).
  let start = 0;
  let labels = 0;
  for (let end = 0; end <= name.length; end++) {
    if (end < name.length && name.charCodeAt(end) !== 0x2e) continue;
    const wildcard = labels === 0 && end - start === 1 && name.charCodeAt(start) === 0x2a;
    if (wildcard) {
      // `*` alone as the first label, and at least two labels after it.
      if (name.indexOf('.', end + 1) < 0) return false;
    } else if (!isLdhLabel(name, start, end)) return false;
    labels++;
    start = end + 1;
  }
  return true;
}

/** 1–63 letters, digits and hyphens, starting and ending with a letter or digit. */
function isLdhLabel(name: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 1 || length > 63) return false;
  for (let i = start; i < end; i++) {
    const code = name.charCodeAt(i);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39))
      continue;
    if (code === 0x2d && i !== start && i !== end - 1) continue;
    return false;
  }
  return true;
}
