import { describe, expect, it } from 'vitest';
import { cnInSanCheck } from '../../../../src-core/verify/checks/cn-in-san';
import { chainPath, codesOf, goodChain, labChain, runCheck } from './support';

describe('cn-in-san check', () => {
  it('is silent on a good path (case-insensitively)', async () => {
    expect(await runCheck(cnInSanCheck, await chainPath(await goodChain()))).toEqual([]);
    const upper = await labChain({ leaf: { commonName: 'CHECKS.test' } });
    expect(await runCheck(cnInSanCheck, await chainPath(upper))).toEqual([]);
  });

  it('a common name that is none of the SANs: cn-not-in-san', async () => {
    const path = await chainPath(await labChain({ leaf: { commonName: 'another-name.test' } }));
    expect(codesOf(await runCheck(cnInSanCheck, path))).toEqual(['cn-not-in-san']);
  });
});
