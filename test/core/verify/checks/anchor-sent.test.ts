import { describe, expect, it } from 'vitest';
import { anchorSentCheck } from '../../../../src-core/verify/checks/anchor-sent';
import { chainPath, codesOf, goodChain, runCheck } from './support';

describe('anchor-sent check', () => {
  it('is silent when the anchor was not sent', async () => {
    expect(await runCheck(anchorSentCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('the root sent along: anchor-sent', async () => {
    const path = await chainPath(await goodChain());
    const findings = await runCheck(anchorSentCheck, path, undefined, { presented: path.chain });
    expect(codesOf(findings)).toEqual(['anchor-sent']);
    expect(findings[0].certificate).toBe(path.chain[2].sha256);
  });
});
