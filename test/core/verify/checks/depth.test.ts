import { describe, expect, it } from 'vitest';
import { depthCheck } from '../../../../src-core/verify/checks/depth';
import { chainPath, codesOf, contextWith, goodChain, runCheck } from './support';

describe('depth check', () => {
  it('is silent on a good path, with no limit or within it', async () => {
    const path = await chainPath(await goodChain());
    expect(await runCheck(depthCheck, path)).toEqual([]);
    expect(await runCheck(depthCheck, path, contextWith({ maxDepth: 1 }))).toEqual([]);
  });

  it('more intermediates than allowed: depth-exceeded', async () => {
    const path = await chainPath(await goodChain());
    expect(codesOf(await runCheck(depthCheck, path, contextWith({ maxDepth: 0 })))).toEqual([
      'depth-exceeded',
    ]);
  });
});
