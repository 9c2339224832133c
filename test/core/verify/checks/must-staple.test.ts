import { describe, expect, it } from 'vitest';
import { mustStapleCheck } from '../../../../src-core/verify/checks/must-staple';
import { chainPath, codesOf, contextWith, goodChain, labChain, runCheck } from './support';

describe('must-staple check', () => {
  it('is silent on a good path, stapled or not', async () => {
    const path = await chainPath(await goodChain());
    expect(await runCheck(mustStapleCheck, path, contextWith({ stapledOcsp: null }))).toEqual([]);
  });

  it('a must-staple leaf served without a stapled response: must-staple-missing (files have no connection: silent)', async () => {
    const path = await chainPath(await labChain({ leaf: { mustStaple: true } }));
    expect(codesOf(await runCheck(mustStapleCheck, path, contextWith({ stapledOcsp: null })))).toEqual([
      'must-staple-missing',
    ]);
    expect(await runCheck(mustStapleCheck, path)).toEqual([]);
  });
});
