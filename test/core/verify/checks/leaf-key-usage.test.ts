import { describe, expect, it } from 'vitest';
import { leafKeyUsageCheck } from '../../../../src-core/verify/checks/leaf-key-usage';
import { chainPath, codesOf, contextWith, goodChain, labChain, runCheck } from './support';

describe('leaf-key-usage check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(leafKeyUsageCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('a TLS leaf whose key usage allows none of what TLS needs: leaf-key-usage (not when no purpose is asked)', async () => {
    const path = await chainPath(await labChain({ leaf: { keyUsage: ['cRLSign'] } }));
    expect(codesOf(await runCheck(leafKeyUsageCheck, path))).toEqual(['leaf-key-usage']);
    expect(await runCheck(leafKeyUsageCheck, path, contextWith({ purpose: null }))).toEqual([]);
  });
});
