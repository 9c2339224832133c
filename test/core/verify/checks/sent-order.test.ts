import { describe, expect, it } from 'vitest';
import { sentOrderCheck } from '../../../../src-core/verify/checks/sent-order';
import { chainPath, codesOf, goodChain, runCheck } from './support';

describe('sent-order check', () => {
  it('is silent on a chain sent leaf first, then its issuer', async () => {
    expect(await runCheck(sentOrderCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('the intermediate before the leaf: wrong-order', async () => {
    const path = await chainPath(await goodChain());
    const [leaf, intermediate] = path.chain;
    const findings = await runCheck(sentOrderCheck, path, undefined, { presented: [intermediate, leaf] });
    expect(codesOf(findings)).toEqual(['wrong-order']);
  });
});
