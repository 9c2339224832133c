import { describe, expect, it } from 'vitest';
import { sentCompleteCheck } from '../../../../src-core/verify/checks/sent-complete';
import { chainPath, codesOf, goodChain, runCheck } from './support';

describe('sent-complete check', () => {
  it('is silent when every intermediate was sent (or nothing was sent at all)', async () => {
    const path = await chainPath(await goodChain());
    expect(await runCheck(sentCompleteCheck, path)).toEqual([]);
    expect(await runCheck(sentCompleteCheck, path, undefined, { presented: [] })).toEqual([]);
  });

  it('the leaf sent without its intermediate: incomplete-chain, naming the missing one', async () => {
    const path = await chainPath(await goodChain());
    const findings = await runCheck(sentCompleteCheck, path, undefined, { presented: [path.chain[0]] });
    expect(codesOf(findings)).toEqual(['incomplete-chain']);
    expect(findings[0].certificate).toBe(path.chain[1].sha256);
  });
});
