import { describe, expect, it } from 'vitest';
import { policyCheck } from '../../../../src-core/verify/checks/policy';
import { WorkBudget, WorkExhausted } from '../../../../src-core/verify/budget';
import { chainPath, codesOf, contextWith, goodChain, labChain, runCheck } from './support';

// requireExplicitPolicy = 0, critical (RFC 5280 §4.2.1.11)
const requireExplicit = {
  oid: '2.5.29.36',
  critical: true,
  valueDer: new Uint8Array([0x30, 0x03, 0x80, 0x01, 0x00]),
};

describe('policy check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(policyCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('an explicit policy required and none valid down to the leaf: policy-violation', async () => {
    const parts = await labChain({
      intermediate: { policies: ['1.2.3.4'], extraExtensions: [requireExplicit] },
      leaf: { policies: ['1.2.3.5'] },
    });
    const findings = await runCheck(policyCheck, await chainPath(parts));
    expect(codesOf(findings)).toEqual(['policy-violation']);
    expect(findings[0].detail).toMatch(/explicit policy/);
  });

  it('the same policy all the way down satisfies the requirement', async () => {
    const parts = await labChain({
      intermediate: { policies: ['1.2.3.4'], extraExtensions: [requireExplicit] },
      leaf: { policies: ['1.2.3.4'] },
    });
    expect(await runCheck(policyCheck, await chainPath(parts))).toEqual([]);
  });

  it('spends policy-tree work from the budget', async () => {
    const parts = await labChain({
      intermediate: { policies: ['1.2.3.4'] },
      leaf: { policies: ['1.2.3.4'] },
    });
    const context = contextWith({ budget: new WorkBudget({ policyNodes: 2 }).forPath() });
    await expect(runCheck(policyCheck, await chainPath(parts), context)).rejects.toBeInstanceOf(
      WorkExhausted,
    );
  });
});
