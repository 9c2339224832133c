/**
 * Verification (RFC 5280 §6, with the checks browsers add): build every candidate path from the
 * leaf to a trust anchor (path-builder.ts), judge each with the selected checks of the registry
 * (checks/registry.ts, judge.ts), rank them, and report findings on the best and on what was sent.
 * One work budget bounds the whole verdict (budget.ts).
 */
import { WorkBudget, type WorkLimits } from './budget';
import { defaultSelection, type CheckSelection } from './checks/registry';
import { judgePaths } from './judge';
import { buildPaths } from './path-builder';
import type { VerifyInput, VerifyResult } from './types';

export type { TrustAnchorStore } from './anchor-index';
export type { CandidatePath, CertificateSource, PathCertificate, VerifyInput, VerifyResult } from './types';

export interface VerifyOptions {
  /** Which checks run and how their findings count (default: today's verdict). */
  selection?: CheckSelection;
  /** The verdict's work budget (default: a fresh one with the default limits). */
  budget?: WorkBudget;
}

/** The verdict on one chain: build, judge, rank. */
export async function verifyChain(input: VerifyInput, options: VerifyOptions = {}): Promise<VerifyResult> {
  const budget = options.budget ?? new WorkBudget();
  const candidates = await buildPaths(input, { budget });
  return judgePaths(candidates, options.selection ?? defaultSelection, { budget });
}

/**
 * One verdict per selection (a client profile each), from a single path search: the paths are
 * built once — with every store and AIA as the input allows — and judged under each selection,
 * each judgement on its own budget.
 */
export async function verifyForSelections(
  input: VerifyInput,
  selections: readonly CheckSelection[],
  limits: Partial<WorkLimits> = {},
): Promise<VerifyResult[]> {
  const candidates = await buildPaths(input, {
    budget: new WorkBudget(limits),
    continuePastPartialAnchors: selections.some((selection) => selection.anchorStores !== undefined),
  });
  const verdicts: VerifyResult[] = [];
  for (const selection of selections)
    verdicts.push(await judgePaths(candidates, selection, { budget: new WorkBudget(limits) }));
  return verdicts;
}
