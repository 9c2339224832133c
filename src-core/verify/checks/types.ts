/** The shapes every check shares: what it is given, what it returns. The registry lists them. */
import type { VerifyCert } from '../cert';
import type { checkRevocation, CrlCheckOptions, describeRevoked, ParsedCrl } from '../crl';
import type { WorkMeter } from '../budget';
import type { Finding, FindingCode } from '../findings';
import type { ExpectedName } from '../names';
import type { PolicyInputs } from '../policy';
import type { CertificateRevocationEvidence, checkFetchedRevocation, RevocationCheck } from '../revocation';
import type { VerifierRules } from './rules';

/** A built path as the checks see it. */
export interface PathUnderCheck {
  /** Leaf first; the trust anchor, when reached, last. */
  chain: readonly VerifyCert[];
  anchored: boolean;
  /** The stores (of those the selection trusts) holding the anchor. */
  anchorStores: readonly string[];
  /** Index of the last certificate (the anchor, when anchored). */
  last: number;
  /** DSA domain parameters each certificate's key inherits from above (RFC 5280 §6.1.4 f). */
  dsaParameters: readonly (Uint8Array | undefined)[];
}

/** The revocation evidence of a verdict, read once and shared by every path. */
export interface RevocationInputs {
  /** CRLs given as input: revocation is then required (fail closed). */
  crls: ParsedCrl[];
  /** Online evidence, when the caller fetched some (`revocation` input). */
  online?: {
    bySha: ReadonlyMap<string, CertificateRevocationEvidence>;
    /** The given CRLs plus the fetched ones. */
    crls: ParsedCrl[];
  };
  /** CRL-signing certificates other than the issuer, and how to validate them, for a path. */
  crlOptions(path: PathUnderCheck): CrlCheckOptions;
  /** The revocation code, loaded only for verdicts that need it. */
  checkRevocation: typeof checkRevocation;
  describeRevoked: typeof describeRevoked;
  checkFetchedRevocation: typeof checkFetchedRevocation;
}

/** What a check may know besides the path: the verdict's inputs and its budget. */
export interface CheckContext {
  /** Validation time, whole seconds. */
  at: Date;
  purpose: 'serverAuth' | 'clientAuth' | null;
  host?: ExpectedName;
  /** Warn this many days before expiry; 0 turns the warning off. */
  expiryDays: number;
  maxDepth?: number;
  policy: PolicyInputs;
  /** Stapled OCSP bytes, `null` when a connection had none, undefined without a connection. */
  stapledOcsp?: Uint8Array | null;
  /** Which store counts as public (`local-anchor-only`), and whether it was given at all. */
  publicStoreName: string;
  publicStoreGiven: boolean;
  /** Present when CRLs or online evidence were given. */
  revocation?: RevocationInputs;
  /** The client's rules the checks are parameterised by (rules.ts; default: today's). */
  rules: VerifierRules;
  /** Every check spends its expensive steps from here; exhaustion ends the verdict. */
  budget: WorkMeter;
}

/** One link of the path: a certificate and the one above it that issued it. */
export interface PathLink {
  child: VerifyCert;
  issuer: VerifyCert;
  /** The child's index; the issuer's is one more. */
  index: number;
  /** The issuer is the path's trust anchor. */
  issuerIsAnchor: boolean;
}

/** What was sent, against the path the verdict chose. */
export interface SentChain {
  /** In wire order; undefined where a certificate didn't read. */
  presented: readonly (VerifyCert | undefined)[];
  presentedShas: ReadonlySet<string>;
  chosen: PathUnderCheck;
}

export type Findings = Finding[];
export interface PathOutcome {
  findings: Finding[];
  /** How each certificate's revocation was checked (online revocation only). */
  revocation?: RevocationCheck[];
}

interface CheckInfo<Name extends string> {
  /** Stable identifier: client profiles name checks by it. */
  name: Name;
  /** Every finding code this check may raise. */
  codes: readonly FindingCode[];
  /** One line: what it checks. */
  summary: string;
  /** Runs only when a selection names it (rules today's verdict doesn't apply). */
  optional?: boolean;
}

/** Runs for each certificate and its issuer. */
export type LinkCheck<Name extends string = string> = CheckInfo<Name> & {
  scope: 'link';
  run(link: PathLink, path: PathUnderCheck, context: CheckContext): Promise<Findings> | Findings;
};
/** Runs for each certificate of the path. */
export type CertificateCheck<Name extends string = string> = CheckInfo<Name> & {
  scope: 'certificate';
  run(cert: VerifyCert, index: number, path: PathUnderCheck, context: CheckContext): Findings;
};
/** Runs once per candidate path. */
export type PathCheck<Name extends string = string> = CheckInfo<Name> & {
  scope: 'path';
  run(path: PathUnderCheck, context: CheckContext): Promise<Findings | PathOutcome> | Findings;
};
/** Runs once per verdict, on what was sent against the chosen path. */
export type SentCheck<Name extends string = string> = CheckInfo<Name> & {
  scope: 'sent';
  run(sent: SentChain, context: CheckContext): Findings;
};

/**
 * Four shapes. Link and certificate checks next to each other in the registry run certificate by
 * certificate, so findings come grouped by certificate, leaf first.
 */
export type Check<Name extends string = string> =
  LinkCheck<Name> | CertificateCheck<Name> | PathCheck<Name> | SentCheck<Name>;

/** The link from the certificate at `index` to its issuer, the next one on the path. */
export function linkAt(path: PathUnderCheck, index: number): PathLink {
  return {
    child: path.chain[index],
    issuer: path.chain[index + 1],
    index,
    issuerIsAnchor: isAnchorAt(path, index + 1),
  };
}

/** Whether index is the path's trust anchor. */
export function isAnchorAt(path: PathUnderCheck, index: number): boolean {
  return path.anchored && index === path.last;
}

/** Whether the path ends at one of the client's built-in (public) roots: public-only rules apply. */
export function anchoredPublicly(path: PathUnderCheck, { rules }: Pick<CheckContext, 'rules'>): boolean {
  return path.anchored && path.anchorStores.some((store) => rules.publicStores.includes(store));
}

/**
 * Whether a certificate's own constraints are held against it: always below the anchor; for the
 * anchor, as the client's rules say (`eku` is its extended key usage, `other` everything else).
 */
export function constraintsHeld(
  path: PathUnderCheck,
  index: number,
  context: Pick<CheckContext, 'rules'>,
  what: 'eku' | 'other',
): boolean {
  if (!isAnchorAt(path, index)) return true;
  switch (context.rules.anchorConstraints) {
    case 'rfc5280':
      return what !== 'eku';
    case 'all':
      return true;
    case 'none':
      return false;
    case 'local':
      return !anchoredPublicly(path, context);
  }
}
