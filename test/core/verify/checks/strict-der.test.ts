import { describe, expect, it } from 'vitest';
import { strictDerCheck } from '../../../../src-core/verify/checks/strict-der';
import { chainPath, codesOf, goodChain, labChain, pathOf, runCheck } from './support';

describe('strict-der check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(strictDerCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('a serial number of zero on the leaf: non-strict-der', async () => {
    const findings = await runCheck(
      strictDerCheck,
      await chainPath(await labChain({ leaf: { serial: 0n } })),
    );
    expect(codesOf(findings)).toEqual(['non-strict-der']);
    expect(findings[0].detail).toMatch(/serial/);
  });

  it('the same on a trust anchor above the leaf is excused, not on a trusted leaf itself', async () => {
    const parts = await labChain({ root: { serial: 0n } });
    expect(await runCheck(strictDerCheck, await chainPath(parts))).toEqual([]);
    expect(codesOf(await runCheck(strictDerCheck, await pathOf([parts.root])))).toEqual(['non-strict-der']);
  });
});
