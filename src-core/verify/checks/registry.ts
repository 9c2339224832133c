/**
 * The registry of checks: every rule the verifier applies, in one list.
 *
 * Design note
 * - A check is one small pure function in `checks/<name>.ts` with a stable name, the finding codes
 *   it may raise and a scope: `link` (a certificate and its issuer), `certificate` (each one),
 *   `path` (once per candidate path) or `sent` (what was sent, against the chosen path). It sees
 *   the path and a context (time, purpose, expected name, policy inputs, revocation evidence,
 *   the work budget) and returns findings; it never builds paths, fetches or caches.
 * - Registry order is finding order: within one severity, findings come check by check, and
 *   neighbouring link or certificate checks run certificate by certificate (leaf first).
 * - A verdict is `buildPaths` (path-builder.ts: candidate paths from what was sent, the anchor
 *   index and AIA-fetched issuers) then `judgePaths` (judge.ts: the selected checks on each
 *   candidate, rank, findings). `verifyChain` is the two with the default selection: every
 *   check that isn't `optional`, the registry's severities, AIA as the input allows, every store.
 * - A client profile (issue 14) is data: a `CheckSelection` (which checks, severity overrides or
 *   'off', AIA fetching on or off, which anchor stores) plus the input knobs it sets (purpose,
 *   policy, depth). Build once with every store any client trusts and
 *   `continuePastPartialAnchors`, then judge once per client: a selection keeps the paths
 *   anchored in its own stores, and without AIA cuts each path at its first fetched issuer, which
 *   is what that client's own build would have found. Parsed certificates, signature verdicts
 *   and prepared names are cached per certificate, so each further judgement costs only the
 *   checks' own logic.
 * - One `WorkBudget` per verdict (budget.ts): building and every check spend from it, and
 *   exhaustion ends the verdict with `too-much-work`. Judging several selections, give each
 *   its own budget (each verdict bounded) or share one (all of them bounded together).
 * - A new rule that today's verdict must not apply (a CA/B Forum or client-specific one) is
 *   registered with `optional: true`: it runs only when a selection names it.
 */
import type { FindingCode, Severity } from '../findings';
import { anchorSelfSignedCheck } from './anchor-self-signed';
import { anchorSentCheck } from './anchor-sent';
import { blockedCheck } from './blocked';
import { certificateTransparencyCheck } from './certificate-transparency';
import { publicLeafLifetimeCheck } from './public-leaf-lifetime';
import { rootDistrustCheck } from './root-distrust';
import { cabfChecks } from './cabf';
import { cnInSanCheck } from './cn-in-san';
import { criticalExtensionsCheck } from './critical-extensions';
import { depthCheck } from './depth';
import { extendedKeyUsageCheck } from './extended-key-usage';
import { hostNameCheck } from './host-name';
import { issuerIsCaCheck } from './issuer-is-ca';
import { issuerKeyUsageCheck } from './issuer-key-usage';
import { keyStrengthCheck } from './key-strength';
import { leafKeyUsageCheck } from './leaf-key-usage';
import { leafLifetimeCheck } from './leaf-lifetime';
import { localAnchorCheck } from './local-anchor';
import { mustStapleCheck } from './must-staple';
import { nameConstraintsCheck } from './name-constraints';
import { pathLengthCheck } from './path-length';
import { policyCheck } from './policy';
import { profileCheck } from './profile';
import { revocationCheck } from './revocation';
import { sentCompleteCheck } from './sent-complete';
import { sentExtrasCheck } from './sent-extras';
import { sentOrderCheck } from './sent-order';
import { signatureCheck } from './signature';
import { signatureHashCheck } from './signature-hash';
import { stapledOcspCheck } from './stapled-ocsp';
import { strictDerCheck } from './strict-der';
import { trustAnchorCheck } from './trust-anchor';
import { validityCheck } from './validity';
import type { VerifierRules } from './rules';
import type { Check } from './types';

export const checkRegistry = [
  // Each certificate and its issuer.
  signatureCheck,
  issuerIsCaCheck,
  issuerKeyUsageCheck,
  // The path as a whole.
  trustAnchorCheck,
  revocationCheck,
  policyCheck,
  pathLengthCheck,
  depthCheck,
  // Each certificate.
  validityCheck,
  criticalExtensionsCheck,
  profileCheck,
  strictDerCheck,
  keyStrengthCheck,
  signatureHashCheck,
  nameConstraintsCheck,
  extendedKeyUsageCheck,
  // The leaf, and where the path is anchored.
  leafKeyUsageCheck,
  hostNameCheck,
  cnInSanCheck,
  leafLifetimeCheck,
  mustStapleCheck,
  stapledOcspCheck,
  localAnchorCheck,
  // Optional: rules of some clients only, which their profiles select (src-core/clients).
  publicLeafLifetimeCheck,
  certificateTransparencyCheck,
  rootDistrustCheck,
  blockedCheck,
  anchorSelfSignedCheck,
  // What was sent, against the chosen path.
  sentExtrasCheck,
  anchorSentCheck,
  sentOrderCheck,
  sentCompleteCheck,
  // Optional: the CA/B Forum Baseline Requirements (checks/cabf/), for the cabf profile.
  ...cabfChecks,
] as const satisfies readonly Check[];

export type CheckName = (typeof checkRegistry)[number]['name'];

/** Which checks run and how their findings count: what a client profile is made of. */
export interface CheckSelection {
  /** The checks that run, by name (default: every check that isn't optional). */
  checks?: readonly CheckName[];
  /** A severity per finding code, or 'off' to drop it (default: each code's own). */
  severities?: Partial<Record<FindingCode, Severity | 'off'>>;
  /**
   * Whether issuers fetched at AIA URLs may complete a path (default true: as the input allows);
   * `public`: only on paths to the client's public roots (Firefox's preloaded intermediates stand
   * for a fetch there, and exist only for public CAs).
   */
  aiaFetching?: boolean | 'public';
  /** The stores whose anchors count (default: every store given). */
  anchorStores?: readonly string[];
  /** The knobs of the client's rules (rules.ts; default: today's). */
  rules?: Partial<VerifierRules>;
}

/** Today's verdict: every check, each finding at its own severity, AIA as given, every store. */
export const defaultSelection: Readonly<CheckSelection> = {};

const byName = new Map<string, Check>(checkRegistry.map((check) => [check.name, check]));

/** Every check that isn't optional: today's verdict, asked for on every verification. */
const defaultChecks: readonly Check[] = checkRegistry.filter((check: Check) => !check.optional);

/** The selected checks, in registry order. */
export function selectedChecks(selection: CheckSelection): readonly Check[] {
  if (!selection.checks) return defaultChecks;
  for (const name of selection.checks)
    if (!byName.has(name)) throw new Error(`no check named ${JSON.stringify(name)}`);
  const wanted = new Set<string>(selection.checks);
  return checkRegistry.filter((check) => wanted.has(check.name));
}
