import { describe, expect, it } from 'vitest';
import { nameConstraintsCheck } from '../../../../src-core/verify/checks/name-constraints';
import { WorkBudget, WorkExhausted } from '../../../../src-core/verify/budget';
import { chainPath, codesOf, contextWith, goodChain, labChain, runCheck } from './support';

describe('name-constraints check', () => {
  it('is silent on a good path, and within the constraints', async () => {
    expect(await runCheck(nameConstraintsCheck, await chainPath(await goodChain()))).toEqual([]);
    const within = await labChain({ intermediate: { nameConstraints: { permittedDns: ['checks.test'] } } });
    expect(await runCheck(nameConstraintsCheck, await chainPath(within))).toEqual([]);
  });

  it('a name outside a CA’s permitted subtrees: name-constraint-violation', async () => {
    const parts = await labChain({ intermediate: { nameConstraints: { permittedDns: ['other.test'] } } });
    const findings = await runCheck(nameConstraintsCheck, await chainPath(parts));
    expect(codesOf(findings)).toEqual(['name-constraint-violation']);
    expect(findings[0].detail).toBe('DNS name checks.test is not permitted');
  });

  it('an excluded name, constrained by the root as well', async () => {
    const parts = await labChain({
      root: { nameConstraints: { excludedDns: ['checks.test'] } },
      intermediate: { nameConstraints: { excludedDns: ['.test'] } },
    });
    const findings = await runCheck(nameConstraintsCheck, await chainPath(parts));
    // One finding per certificate: the leaf against both CAs, deduplicated by the judge.
    expect(codesOf(findings)).toEqual(['name-constraint-violation', 'name-constraint-violation']);
  });

  it('spends every comparison from the path’s budget', async () => {
    const parts = await labChain({
      intermediate: { nameConstraints: { excludedDns: ['a.invalid', 'b.invalid'] } },
    });
    const context = contextWith({ budget: new WorkBudget({ nameComparisonsPerPath: 1 }).forPath() });
    await expect(runCheck(nameConstraintsCheck, await chainPath(parts), context)).rejects.toBeInstanceOf(
      WorkExhausted,
    );
  });
});
