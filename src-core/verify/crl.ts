/**
 * CRLs (RFC 5280 §5, checked as in §6.3.3): the verifier's view is a projection of the one CRL
 * parse (x509/crl.ts), then for a certificate only the CRLs whose scope covers it — issuer (or an
 * indirect CRL's cRLIssuer), distribution point names, the kinds of certificates and reasons —
 * signed by a validated CRL issuer, current, and brought up to date by a delta CRL when one is given.
 */
import { toHex } from '../bytes/hex';
import { verifySignedData, type SignedData, type SignerKey } from '../crypto/signature';
import { parseCrl, type DecodedCrl } from '../x509/crl';
import { extensions as known, findExtension } from '../x509/extensions/registry';
import { crlReasonCode, crlReasonName } from '../x509/extensions/crl-entry';
import { nameKey } from '../x509/name';
import { type VerifyCert } from './cert';
import {
  distributionPointName,
  resolvedNames,
  type DistributionPointName,
  type DistributionPointSpec,
} from './distribution-points';

/** CRLReason removeFromCRL: a delta CRL's "no longer on hold". */
const removeFromCrl = 8;

/** CRL extensions this verifier processes; any other critical one makes the CRL unusable. */
const understoodCritical = new Set<string>([
  known.cRLNumber.oid,
  known.authorityKeyIdentifier.oid,
  known.issuingDistributionPoint.oid,
  known.deltaCRLIndicator.oid,
]);

/** A CRL as the checks need it; signed data its issuer's key verifies. */
export interface ParsedCrl extends SignedData {
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

/**
 * One view per CRL's bytes: every client's verdict reads the same CRLs, and the signature verdict
 * cache knows a CRL by its object. Like every byte-keyed cache here, this assumes callers don't
 * rewrite the bytes after handing them over.
 */
const readByBytes = new WeakMap<Uint8Array, ParsedCrl | undefined>();

/** A CRL as the checks need it; undefined when the bytes are no CRL at all. */
export async function readCrl(der: Uint8Array): Promise<ParsedCrl | undefined> {
  if (readByBytes.has(der)) return readByBytes.get(der);
  let parsed: ParsedCrl | undefined;
  try {
    parsed = crlView(parseCrl(der));
  } catch {
    parsed = undefined;
  }
  readByBytes.set(der, parsed);
  return parsed;
}

/** The verifier's view of a read CRL (no second reading of any field). */
export function crlView(crl: DecodedCrl): ParsedCrl {
  const problems: string[] = [];
  const { extensions, signatureAlgorithm } = crl;
  const number = findExtension(extensions, known.cRLNumber);
  if (!number) problems.push('the CRL has no CRL number');
  else if (number.extension.critical) problems.push('the CRL number extension is marked critical');
  for (const extension of extensions)
    if (extension.critical && !understoodCritical.has(extension.oid))
      problems.push(`the CRL has an unknown critical extension ${extension.oid}`);
  let scope: ParsedCrl['scope'];
  const idp = findExtension(extensions, known.issuingDistributionPoint);
  if (idp?.data) {
    const point = idp.data;
    scope = {
      userCertsOnly: point.onlyContainsUserCerts,
      caCertsOnly: point.onlyContainsCACerts,
      attributeCertsOnly: point.onlyContainsAttributeCerts,
      indirect: point.indirectCRL,
      ...(point.onlySomeReasons ? { reasons: new Set(point.onlySomeReasons) } : {}),
      ...(point.distributionPoint ? { point: distributionPointName(point.distributionPoint) } : {}),
    };
  } else if (idp) problems.push('the CRL issuingDistributionPoint extension is malformed');
  const delta = findExtension(extensions, known.deltaCRLIndicator);
  const issuerKey = nameKey(crl.issuerAttributes);
  // Hostile entries, entry extensions or names: such a CRL vouches for nothing.
  for (const problem of crl.problems ?? []) problems.push(`the CRL is malformed: ${problem}`);
  const integer = (hex: string | undefined) => (hex === undefined ? undefined : BigInt(`0x${hex || '0'}`));
  const crlNumber = integer(number?.data?.hex);
  const deltaBase = integer(delta?.data?.hex);
  return {
    ...(scope ? { scope } : {}),
    tbs: crl.tbs,
    signatureOid: signatureAlgorithm.oid,
    signatureValue: crl.signatureValue,
    ...(signatureAlgorithm.pss
      ? { pssHash: signatureAlgorithm.pss.hash, pssSaltLength: signatureAlgorithm.pss.saltLength }
      : {}),
    issuerKey,
    thisUpdate: crl.thisUpdate,
    ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate } : {}),
    entries: entriesByIssuer(crl, issuerKey, Boolean(scope?.indirect)),
    ...(crlNumber !== undefined ? { number: crlNumber } : {}),
    ...(deltaBase !== undefined ? { deltaBase } : {}),
    scopeKey: idp ? toHex(idp.extension.value) : '',
    problems,
  };
}

/**
 * Entries by issuer and serial. In an indirect CRL, a certificateIssuer entry extension names the
 * CA of that entry and of the ones after it, until the next (RFC 5280 §5.3.3).
 */
function entriesByIssuer(crl: DecodedCrl, crlIssuer: string, indirect: boolean): ParsedCrl['entries'] {
  const entries: ParsedCrl['entries'] = new Map();
  let entryIssuer = crlIssuer;
  for (const entry of crl.entries) {
    const directory = indirect
      ? entry.certificateIssuer?.find((name) => name.type === 'directory')
      : undefined;
    if (directory?.type === 'directory') entryIssuer = nameKey(directory.attributes);
    entries.set(`${entryIssuer}|${entry.serialHex}`, entry.reason ? crlReasonCode(entry.reason) : undefined);
  }
  return entries;
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
  /** Called before each signature check, so the verdict's work budget counts them. */
  onSignatureCheck?: () => void;
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
    const delta = await findDelta(crl, crls, signerKey(signer, options), at, options.onSignatureCheck);
    if (delta?.entries.has(entryKey)) revoked = delta.entries.get(entryKey) !== removeFromCrl;
    if (revoked) {
      const listed = delta?.entries.has(entryKey) ? delta : crl;
      const code = listed.entries.get(entryKey);
      return {
        status: 'revoked',
        issued: listed.thisUpdate,
        delta: listed === delta,
        ...(code !== undefined ? { reason: crlReasonName(code) } : {}),
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
    options.onSignatureCheck?.();
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
  onSignatureCheck?: () => void,
): Promise<ParsedCrl | undefined> {
  let best: ParsedCrl | undefined;
  for (const delta of crls) {
    if (delta.deltaBase === undefined || delta.problems.length) continue;
    if (delta.issuerKey !== complete.issuerKey || delta.scopeKey !== complete.scopeKey) continue;
    if (complete.number === undefined || delta.deltaBase > complete.number) continue;
    if ((delta.number ?? 0n) <= complete.number) continue;
    if (delta.thisUpdate > at || (delta.nextUpdate && delta.nextUpdate < at)) continue;
    onSignatureCheck?.();
    if ((await verifySignedData(delta, signer)) !== 'valid') continue;
    if (!best || (delta.number ?? 0n) > (best.number ?? 0n)) best = delta;
  }
  return best;
}
