/**
 * CRLs (RFC 5280 §5, checked as in §6.3.3): read once with the decoder's DER reader, then for a certificate only the CRLs whose
 * scope covers it — issuer (or an indirect CRL's cRLIssuer), distribution point names, the kinds
 * of certificates and reasons — signed by a validated CRL issuer, current, and brought up to date
 * by a delta CRL when one is given.
 */
import {
  childrenOf,
  content,
  DerError,
  expectTag,
  readBitString,
  readOid,
  readSmallInteger,
  readTime,
  readWhole,
  universalTags,
  type Tlv,
} from '../decode/der';
import { readExtensionsIn, readRawExtension } from '../decode/certificate';
import { crlReasons } from '../decode/crl';
import type { RawExtension } from '../decode/model';
import { hex, type VerifyCert } from './cert';
import { directoryNameKey } from './general-names';
import { nameKey } from './name-key';
import {
  readDistributionPointName,
  readReasonFlags,
  resolvedNames,
  type DistributionPointName,
  type DistributionPointSpec,
} from './distribution-points';
import { verifySignedData, type SignerKey } from './signature';
import { sha256Hex } from '../crypto/sha256-hex';

const oidCrlNumber = '2.5.29.20';
const oidDeltaCrlIndicator = '2.5.29.27';
const oidIssuingDistributionPoint = '2.5.29.28';
const oidReasonCode = '2.5.29.21';
const oidCertificateIssuer = '2.5.29.29';
/** CRLReason removeFromCRL: a delta CRL's "no longer on hold". */
const removeFromCrl = 8;

export interface ParsedCrl {
  sha256: string;
  tbs: Uint8Array;
  signatureOid: string;
  signatureValue: Uint8Array;
  issuerKey: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** Revoked entries by `issuerKey|serialHex` (an indirect CRL lists other CAs' certificates), with the reason code. */
  entries: Map<string, number | undefined>;
  number?: bigint;
  /** Set on a delta CRL: the number of the complete CRL it updates (RFC 5280 §5.2.4). */
  deltaBase?: bigint;
  /** The issuingDistributionPoint's bytes, hex: a delta only updates a complete CRL of the same scope. */
  scopeKey: string;
  problems: string[];
  /** RFC 5280 §5.2.5 issuingDistributionPoint, when present. */
  scope?: {
    userCertsOnly: boolean;
    caCertsOnly: boolean;
    attributeCertsOnly: boolean;
    indirect: boolean;
    reasons?: Set<number>;
    point?: DistributionPointName;
  };
}

/** A CRL as the checks need it; undefined when the bytes are no CRL at all. */
export async function readCrl(der: Uint8Array): Promise<ParsedCrl | undefined> {
  let crl: CrlFields;
  try {
    crl = readCrlFields(der);
  } catch {
    return undefined;
  }
  const problems: string[] = [];
  const { extensions } = crl;
  const find = (oid: string) => extensions.find((extension) => extension.oid === oid);
  const number = find(oidCrlNumber);
  if (!number) problems.push('the CRL has no CRL number');
  else if (number.critical) problems.push('the CRL number extension is marked critical');
  for (const extension of extensions) {
    if (
      extension.critical &&
      ![oidCrlNumber, '2.5.29.35', oidIssuingDistributionPoint, oidDeltaCrlIndicator].includes(extension.oid)
    ) {
      problems.push(`the CRL has an unknown critical extension ${extension.oid}`);
    }
  }
  let scope: ParsedCrl['scope'];
  const idp = find(oidIssuingDistributionPoint);
  if (idp) {
    scope = readIssuingDistributionPoint(idp.value);
    if (!scope) problems.push('the CRL issuingDistributionPoint extension is malformed');
  }
  const delta = find(oidDeltaCrlIndicator);
  let entries: ParsedCrl['entries'] = new Map();
  try {
    entries = readEntries(der, crl.revoked, crl.issuerKey, Boolean(scope?.indirect));
  } catch {
    // Hostile entries or entry extensions: such a CRL vouches for nothing.
    problems.push('the CRL has malformed entries');
  }
  return {
    ...(scope ? { scope } : {}),
    sha256: await sha256Hex(der),
    tbs: crl.tbs,
    signatureOid: crl.signatureOid,
    signatureValue: crl.signatureValue,
    issuerKey: crl.issuerKey,
    thisUpdate: crl.thisUpdate,
    ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate } : {}),
    entries,
    ...(number ? { number: readInteger(number.value) } : {}),
    ...(delta ? { deltaBase: readInteger(delta.value) } : {}),
    scopeKey: idp ? hex(idp.value) : '',
    problems,
  };
}

/** The fields read straight from the encoding; readCrl adds what is worked out from them. */
type CrlFields = Pick<
  ParsedCrl,
  'tbs' | 'signatureOid' | 'signatureValue' | 'issuerKey' | 'thisUpdate' | 'nextUpdate'
> & {
  /** The revokedCertificates SEQUENCE, when present. */
  revoked?: Tlv;
  extensions: RawExtension[];
};

/**
 * CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING };
 * TBSCertList ::= SEQUENCE { version INTEGER OPTIONAL, signature, issuer Name, thisUpdate Time,
 * nextUpdate Time OPTIONAL, revokedCertificates SEQUENCE OF … OPTIONAL, crlExtensions [0] OPTIONAL }.
 */
function readCrlFields(der: Uint8Array): CrlFields {
  const top = expectTag(readWhole(der, 'CRL'), universalTags.sequence, 'CRL', 0);
  const [tbs, algorithm, signature] = childrenOf(der, top);
  expectTag(tbs, universalTags.sequence, 'tbsCertList', top.contentStart);
  expectTag(algorithm, universalTags.sequence, 'signature algorithm', tbs.end);
  expectTag(signature, universalTags.bitString, 'signature value', algorithm.end);
  const fields = childrenOf(der, tbs);
  let index = fields[0]?.tag === universalTags.integer ? 1 : 0;
  expectTag(fields[index++], universalTags.sequence, 'signature (inner)', tbs.start);
  const issuer = expectTag(fields[index++], universalTags.sequence, 'issuer', tbs.start);
  const isTime = (tlv: Tlv | undefined) =>
    tlv?.tag === universalTags.utcTime || tlv?.tag === universalTags.generalizedTime;
  const thisUpdateTlv = fields[index++];
  if (!isTime(thisUpdateTlv)) throw new DerError('thisUpdate is missing', tbs.start);
  const thisUpdate = readTime(der, thisUpdateTlv).date;
  const nextUpdate = isTime(fields[index]) ? readTime(der, fields[index++]).date : undefined;
  const revoked = fields[index]?.tag === universalTags.sequence ? fields[index++] : undefined;
  const extensions: RawExtension[] = [];
  if (fields[index]?.tag === 0xa0)
    extensions.push(...readExtensionsIn(der, fields[index++], 'crlExtensions'));
  if (index !== fields.length) throw new DerError('unexpected field in tbsCertList', fields[index].start);
  const [oid] = childrenOf(der, algorithm);
  return {
    tbs: der.subarray(tbs.start, tbs.end),
    signatureOid: readOid(der, expectTag(oid, universalTags.oid, 'algorithm', algorithm.start)),
    signatureValue: readBitString(der, signature).data,
    issuerKey: nameKey(der, issuer),
    thisUpdate,
    ...(nextUpdate ? { nextUpdate } : {}),
    ...(revoked ? { revoked } : {}),
    extensions,
  };
}

function readInteger(value: Uint8Array): bigint | undefined {
  try {
    const integer = expectTag(readWhole(value), universalTags.integer, 'integer', 0);
    return BigInt(`0x${hex(content(value, integer)) || '0'}`);
  } catch {
    return undefined;
  }
}

/**
 * Entries by issuer and serial. In an indirect CRL, a certificateIssuer entry extension names the
 * CA of that entry and of the ones after it, until the next (RFC 5280 §5.3.3).
 */
function readEntries(
  der: Uint8Array,
  revoked: Tlv | undefined,
  crlIssuer: string,
  indirect: boolean,
): ParsedCrl['entries'] {
  const entries: ParsedCrl['entries'] = new Map();
  if (!revoked) return entries;
  let entryIssuer = crlIssuer;
  for (const entry of childrenOf(der, revoked)) {
    const [serial, date, entryExtensions] = childrenOf(
      der,
      expectTag(entry, universalTags.sequence, 'entry', entry.start),
    );
    expectTag(serial, universalTags.integer, 'serial number', entry.start);
    readTime(
      der,
      expectTag(
        date,
        date?.tag === universalTags.utcTime ? universalTags.utcTime : universalTags.generalizedTime,
        'revocation date',
        entry.start,
      ),
    );
    let reason: number | undefined;
    const list = entryExtensions
      ? childrenOf(der, expectTag(entryExtensions, universalTags.sequence, 'entry extensions', entry.start))
      : [];
    for (const extension of list.map((tlv) => readRawExtension(der, tlv))) {
      const inner = readWhole(extension.value);
      if (extension.oid === oidReasonCode && inner.tag === universalTags.enumerated)
        reason = readSmallInteger(extension.value, inner);
      if (extension.oid === oidCertificateIssuer && indirect && inner.tag === universalTags.sequence) {
        const directory = childrenOf(extension.value, inner).find((name) => name.tag === 0xa4);
        if (directory) entryIssuer = directoryNameKey(extension.value, directory);
      }
    }
    entries.set(`${entryIssuer}|${hex(content(der, serial))}`, reason);
  }
  return entries;
}

/**
 * IssuingDistributionPoint ::= SEQUENCE { distributionPoint [0], onlyContainsUserCerts [1] BOOLEAN,
 * onlyContainsCACerts [2] BOOLEAN, onlySomeReasons [3] ReasonFlags, indirectCRL [4] BOOLEAN,
 * onlyContainsAttributeCerts [5] BOOLEAN } — read by tag (implicit booleans are plain bytes).
 */
function readIssuingDistributionPoint(value: Uint8Array): ParsedCrl['scope'] | undefined {
  const scope: NonNullable<ParsedCrl['scope']> = {
    userCertsOnly: false,
    caCertsOnly: false,
    attributeCertsOnly: false,
    indirect: false,
  };
  try {
    const sequence = expectTag(readWhole(value), universalTags.sequence, 'issuingDistributionPoint', 0);
    for (const field of childrenOf(value, sequence)) {
      const tag = field.tagNumber;
      const bytes = field.constructed ? new Uint8Array(0) : content(value, field);
      const flag = bytes.length === 1 && bytes[0] !== 0;
      if (tag === 0) {
        const choice = childrenOf(value, field)[0];
        if (choice) scope.point = readDistributionPointName(value, choice);
      } else if (tag === 1) scope.userCertsOnly = flag;
      else if (tag === 2) scope.caCertsOnly = flag;
      else if (tag === 4) scope.indirect = flag;
      else if (tag === 5) scope.attributeCertsOnly = flag;
      else if (tag === 3) scope.reasons = readReasonFlags(bytes);
    }
  } catch {
    return undefined;
  }
  return scope;
}

/** ReasonFlags bits 1–8: keyCompromise … aACompromise (0 is unused). */
const allReasons = [1, 2, 3, 4, 5, 6, 7, 8];

export type RevocationStatus =
  | { status: 'good' | 'no-crl' }
  /** Which list says so (when it was issued, whether a delta) and the reason it gives. */
  | { status: 'revoked'; issued: Date; delta: boolean; reason?: string }
  | { status: 'unknown'; reason: string };

export interface CrlCheckOptions {
  /** Other known certificates that may have signed CRLs: same CA after a key rollover, CRL issuers. */
  otherSigners?: VerifyCert[];
  /**
   * Whether a CRL signer other than the certificate's own issuer is valid: its own path to the
   * same trust anchor, not revoked (RFC 5280 §6.3.3 f). Without it, only the issuer may sign.
   */
  validateSigner?: (signer: VerifyCert) => Promise<boolean>;
  /** DSA domain parameters inherited along the path, by certificate SHA-256 (RFC 5280 §6.1.4 f). */
  dsaParameters?: ReadonlyMap<string, Uint8Array>;
}

function signerKey(signer: VerifyCert, options: CrlCheckOptions): SignerKey {
  const inherited = options.dsaParameters?.get(signer.sha256);
  return inherited ? { ...signer, inheritedDsaParameters: inherited } : signer;
}

/** What a revoked status says, in the words of its finding: the list (where, when) and the reason. */
export function describeRevoked(
  status: Extract<RevocationStatus, { status: 'revoked' }>,
  url?: string,
): string {
  const list = `the ${status.delta ? 'delta ' : ''}CRL${url ? ` at ${url}` : ''}`;
  return `listed on ${list} issued ${status.issued.toISOString().slice(0, 10)} (reason: ${status.reason ?? 'not given'})`;
}

/** The status of `cert` according to the CRLs that cover it. */
export async function checkRevocation(
  cert: VerifyCert,
  issuer: VerifyCert,
  crls: ParsedCrl[],
  at: Date,
  options: CrlCheckOptions = {},
): Promise<RevocationStatus> {
  const relevant = crls.filter((crl) => crl.deltaBase === undefined && covers(crl, cert));
  if (relevant.length === 0) return { status: 'no-crl' };
  const reasons: string[] = [];
  const isCa = Boolean(cert.basicConstraints?.ca);
  const covered = new Set<number>();
  const entryKey = `${cert.issuerKey}|${cert.serialHex}`;
  for (const crl of relevant) {
    if (crl.problems.length) {
      reasons.push(...crl.problems);
      continue;
    }
    // A CRL scoped to other kinds of certificates, or to some revocation reasons only, can't
    // vouch for this one on its own (a revocation it lists still counts).
    const scope = crl.scope;
    if (
      scope &&
      (scope.attributeCertsOnly || (scope.userCertsOnly && isCa) || (scope.caCertsOnly && !isCa))
    ) {
      reasons.push('the only CRL given covers other kinds of certificates');
      continue;
    }
    const signer = await findSigner(crl, issuer, options);
    if (typeof signer === 'string') {
      reasons.push(signer);
      continue;
    }
    if (crl.thisUpdate > at || (crl.nextUpdate && crl.nextUpdate < at)) {
      reasons.push('the CRL is not current at the validation time');
      continue;
    }
    let revoked = crl.entries.has(entryKey) && crl.entries.get(entryKey) !== removeFromCrl;
    const delta = await findDelta(crl, crls, signerKey(signer, options), at);
    if (delta?.entries.has(entryKey)) revoked = delta.entries.get(entryKey) !== removeFromCrl;
    if (revoked) {
      const listed = delta?.entries.has(entryKey) ? delta : crl;
      const code = listed.entries.get(entryKey);
      return {
        status: 'revoked',
        issued: listed.thisUpdate,
        delta: listed === delta,
        ...(code !== undefined ? { reason: crlReasons[code] ?? `reason ${code}` } : {}),
      };
    }
    // A CRL for some reasons only vouches together with others that cover the rest.
    for (const reason of scope?.reasons ?? allReasons) covered.add(reason);
    if (allReasons.every((reason) => covered.has(reason))) return { status: 'good' };
    reasons.push('the CRLs given cover only some revocation reasons');
  }
  return { status: 'unknown', reason: reasons.join('; ') };
}

/**
 * Whether the CRL's scope includes the certificate (RFC 5280 §6.3.3 b): issued by its issuer, or
 * an indirect CRL by the cRLIssuer one of its distribution points names; and, when the CRL names
 * its distribution point, one of the certificate's points must have that name.
 */
function covers(crl: ParsedCrl, cert: VerifyCert): boolean {
  // Without the extension, a certificate is treated as having one unnamed point (CRLs of its issuer).
  const points: DistributionPointSpec[] = cert.crlDistributionPoints ?? [
    { fullNames: [], unnamed: true, crlIssuers: [] },
  ];
  const crlNames = crl.scope?.point ? resolvedNames(crl.scope.point, crl.issuerKey) : [];
  return points.some((point) => {
    if (point.crlIssuers.length) {
      if (!point.crlIssuers.includes(crl.issuerKey)) return false;
      if (crl.issuerKey !== cert.issuerKey && !crl.scope?.indirect) return false;
    } else if (crl.issuerKey !== cert.issuerKey) return false;
    if (crlNames.length === 0) return true;
    if (!cert.crlDistributionPoints) return false;
    const pointNames = point.unnamed
      ? point.crlIssuers.map((name) => `dn:${name}`)
      : resolvedNames(point, point.crlIssuers[0] ?? cert.issuerKey);
    return pointNames.some((name) => crlNames.includes(name));
  });
}

/**
 * The certificate that signed the CRL and may: the issuer itself, or another certificate of the
 * CRL issuer's name with cRLSign whose own path validates. A string says why there is none.
 */
async function findSigner(
  crl: ParsedCrl,
  issuer: VerifyCert,
  options: CrlCheckOptions,
): Promise<VerifyCert | string> {
  const candidates = [
    ...(issuer.subjectKey === crl.issuerKey ? [issuer] : []),
    ...(options.otherSigners ?? []).filter(
      (other) => other.subjectKey === crl.issuerKey && other.sha256 !== issuer.sha256,
    ),
  ];
  let problem = "the CRL's signature does not verify";
  for (const signer of candidates) {
    if ((await verifySignedData(crl, signerKey(signer, options))) !== 'valid') continue;
    if (signer.keyUsage && !signer.keyUsage.has('cRLSign')) {
      problem = 'the CRL issuer may not sign CRLs (no cRLSign)';
      continue;
    }
    if (signer !== issuer && !(await options.validateSigner?.(signer))) {
      problem = "the CRL issuer's certificate is not valid (its own path fails or it is revoked)";
      continue;
    }
    return signer;
  }
  return problem;
}

/** The newest current delta CRL for `complete` (same issuer and scope, based on it or earlier). */
async function findDelta(
  complete: ParsedCrl,
  crls: ParsedCrl[],
  signer: SignerKey,
  at: Date,
): Promise<ParsedCrl | undefined> {
  let best: ParsedCrl | undefined;
  for (const delta of crls) {
    if (delta.deltaBase === undefined || delta.problems.length) continue;
    if (delta.issuerKey !== complete.issuerKey || delta.scopeKey !== complete.scopeKey) continue;
    if (complete.number === undefined || delta.deltaBase > complete.number) continue;
    if ((delta.number ?? 0n) <= complete.number) continue;
    if (delta.thisUpdate > at || (delta.nextUpdate && delta.nextUpdate < at)) continue;
    if ((await verifySignedData(delta, signer)) !== 'valid') continue;
    if (!best || (delta.number ?? 0n) > (best.number ?? 0n)) best = delta;
  }
  return best;
}
