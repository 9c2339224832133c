/**
 * Each CA/B Forum check on its own: silent on the golden BR-conformant chain, and raising its code
 * on every violation in the table that names it (runCheck also holds each check to its declared
 * codes). Every check has at least one violation.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cabfChecks } from '../../../../../src-core/verify/checks/cabf';
import { findingDefinitions, type FindingCode } from '../../../../../src-core/verify/findings';
import { codesOf, pathOf, runCheck } from '../support';
import { goldenChain } from './support';
import { violations, type Violation } from './violations';

const pathFor = async (violation: Violation) => {
  const chain = await violation.chain();
  return pathOf([violation.leafDer?.(chain) ?? chain.leaf, chain.intermediate, chain.root]);
};

describe('the cabf codes', () => {
  it('each has a violation that raises it, a check that declares it, and a BR section', () => {
    const codes = Object.keys(findingDefinitions).filter((code) => code.startsWith('cabf-')) as FindingCode[];
    expect(new Set(violations.map((violation) => violation.code))).toEqual(new Set(codes));
    expect(new Set(cabfChecks.flatMap((check) => [...check.codes]))).toEqual(new Set(codes));
    for (const code of codes)
      expect(findingDefinitions[code], code).toHaveProperty('reference', expect.stringMatching(/^BR §\d/));
  });
});

describe('docs/cabf.md', () => {
  it('names every cabf check and code, and every violation', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../../../../docs/cabf.md'), 'utf8');
    for (const check of cabfChecks) expect(doc, check.name).toContain(`\`${check.name}\``);
    for (const code of new Set(cabfChecks.flatMap((check) => [...check.codes])))
      expect(doc, code).toContain(`\`${code}\``);
    for (const violation of violations) expect(doc, violation.rule).toContain(violation.rule);
  });
});

describe('the golden BR-conformant chain', () => {
  it('every cabf check is silent on it', async () => {
    const path = await pathOf(Object.values(await goldenChain()).reverse());
    for (const check of cabfChecks) expect(await runCheck(check, path), check.name).toEqual([]);
  });
});

for (const check of cabfChecks) {
  const mine = violations.filter((violation) => violation.check === check.name);
  describe(`${check.name} check`, () => {
    it('is optional and has violations to catch', () => {
      expect(check.optional).toBe(true);
      expect(mine.length).toBeGreaterThan(0);
    });
    it.each(mine.map((violation) => [violation.rule, violation] as const))('%s', async (_, violation) => {
      expect(codesOf(await runCheck(check, await pathFor(violation)))).toContain(violation.code);
    });
  });
}
