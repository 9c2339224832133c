/**
 * The verifier against third-party conformance cases (x509-limbo, NIST PKITS). Fails when a case
 * that is not in known-failures.json fails — a regression — and when a known failure is listed
 * without a reason. Cases that start passing are reported so the list can shrink.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { markdownSummary, runConformance, type ConformanceRun } from './run';

const known = JSON.parse(readFileSync(resolve(import.meta.dirname, 'known-failures.json'), 'utf8')) as Record<
  string,
  string
>;

describe('conformance (x509-limbo, NIST PKITS)', () => {
  let run: ConformanceRun;
  beforeAll(async () => {
    run = await runConformance();
    console.log(markdownSummary(run));
  }, 120_000);

  it('runs every case: 152 limbo cases and 249 PKITS tests', () => {
    expect(run.outcomes.filter((outcome) => outcome.namespace.startsWith('limbo/'))).toHaveLength(152);
    expect(run.outcomes.filter((outcome) => outcome.namespace.startsWith('pkits/'))).toHaveLength(249);
  });

  it('has no failure outside the known-failures baseline', () => {
    const regressions = run.outcomes
      .filter((outcome) => !outcome.passed && !known[outcome.id])
      .map((outcome) => `${outcome.id}: ${outcome.detail}`);
    expect(regressions).toEqual([]);
  });

  it('keeps a reason for every known failure, and lists only real cases', () => {
    const ids = new Set(run.outcomes.map((outcome) => outcome.id));
    for (const [id, reason] of Object.entries(known)) {
      expect(ids.has(id), id).toBe(true);
      expect(reason.length, id).toBeGreaterThan(20);
    }
    const nowPassing = Object.keys(known).filter((id) =>
      run.outcomes.some((outcome) => outcome.id === id && outcome.passed),
    );
    if (nowPassing.length)
      console.log(`Now passing; remove from known-failures.json: ${nowPassing.join(', ')}`);
  });

  it('meets the x509-limbo goals on both sides (≥ 55/57 accepted, ≥ 90/95 rejected)', () => {
    const limbo = run.outcomes.filter((outcome) => outcome.namespace.startsWith('limbo/'));
    const accepted = limbo.filter((outcome) => outcome.expected === 'SUCCESS' && outcome.passed).length;
    const rejected = limbo.filter((outcome) => outcome.expected === 'FAILURE' && outcome.passed).length;
    expect(accepted).toBeGreaterThanOrEqual(55);
    expect(rejected).toBeGreaterThanOrEqual(90);
  });
});
