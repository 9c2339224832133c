import { describe, expect, it } from 'vitest';
import { leafLifetimeCheck } from '../../../../src-core/verify/checks/leaf-lifetime';
import { chainPath, codesOf, contextWith, goodChain, labChain, runCheck } from './support';

const day = 86_400_000;

describe('leaf-lifetime check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(leafLifetimeCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('a server leaf valid for 500 days: long-validity (not for a client certificate)', async () => {
    const notBefore = new Date(Date.now() - day);
    const path = await chainPath(
      await labChain({ leaf: { notBefore, notAfter: new Date(notBefore.getTime() + 500 * day) } }),
    );
    const findings = await runCheck(leafLifetimeCheck, path);
    expect(codesOf(findings)).toEqual(['long-validity']);
    expect(findings[0].detail).toBe('500 days');
    expect(await runCheck(leafLifetimeCheck, path, contextWith({ purpose: 'clientAuth' }))).toEqual([]);
  });
});
