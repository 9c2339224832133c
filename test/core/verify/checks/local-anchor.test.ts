import { describe, expect, it } from 'vitest';
import { localAnchorCheck } from '../../../../src-core/verify/checks/local-anchor';
import { chainPath, codesOf, contextWith, goodChain, runCheck } from './support';

describe('local-anchor check', () => {
  it('is silent on a path anchored in the public store', async () => {
    expect(await runCheck(localAnchorCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('anchored only in a local store while the public one is in use: local-anchor-only, naming the stores', async () => {
    const path = await chainPath(await goodChain(), { anchorStores: ['system', 'user'] });
    const findings = await runCheck(localAnchorCheck, path);
    expect(codesOf(findings)).toEqual(['local-anchor-only']);
    expect(findings[0].detail).toBe('system, user');
    // Without the public store in use, a local anchor is all there is.
    expect(await runCheck(localAnchorCheck, path, contextWith({ publicStoreGiven: false }))).toEqual([]);
  });
});
