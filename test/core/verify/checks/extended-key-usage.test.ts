import { describe, expect, it } from 'vitest';
import { extendedKeyUsageCheck } from '../../../../src-core/verify/checks/extended-key-usage';
import { chainPath, codesOf, contextWith, goodChain, labChain, runCheck } from './support';

describe('extended-key-usage check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(extendedKeyUsageCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('a leaf for client authentication only, asked for a server: eku-mismatch', async () => {
    const path = await chainPath(await labChain({ leaf: { extKeyUsage: ['clientAuth'] } }));
    expect(codesOf(await runCheck(extendedKeyUsageCheck, path))).toEqual(['eku-mismatch']);
    expect(await runCheck(extendedKeyUsageCheck, path, contextWith({ purpose: 'clientAuth' }))).toEqual([]);
    expect(await runCheck(extendedKeyUsageCheck, path, contextWith({ purpose: null }))).toEqual([]);
  });

  it('an intermediate that restricts EKU restricts the path', async () => {
    const path = await chainPath(await labChain({ intermediate: { extKeyUsage: ['codeSigning'] } }));
    const findings = await runCheck(extendedKeyUsageCheck, path);
    expect(codesOf(findings)).toEqual(['eku-mismatch']);
    expect(findings[0].certificate).toBe(path.chain[1].sha256);
  });
});
