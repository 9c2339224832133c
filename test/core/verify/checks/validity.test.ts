import { describe, expect, it } from 'vitest';
import { validityCheck } from '../../../../src-core/verify/checks/validity';
import { chainPath, codesOf, contextWith, goodChain, labChain, runCheck } from './support';

const day = 86_400_000;

describe('validity check', () => {
  it('is silent on a good path (the warning off, or far from expiry)', async () => {
    const path = await chainPath(await goodChain());
    expect(await runCheck(validityCheck, path)).toEqual([]);
    expect(await runCheck(validityCheck, path, contextWith({ expiryDays: 30 }))).toEqual([]);
  });

  it('expired, not yet valid, and expiring soon', async () => {
    const path = await chainPath(await goodChain());
    const leafEnd = path.chain[0].notAfter.getTime();
    expect(
      codesOf(await runCheck(validityCheck, path, contextWith({ at: new Date(leafEnd + day) }))),
    ).toEqual(['expired']);
    const before = new Date(path.chain[2].notBefore.getTime() - day);
    expect(codesOf(await runCheck(validityCheck, path, contextWith({ at: before })))).toEqual([
      'not-yet-valid',
      'not-yet-valid',
      'not-yet-valid',
    ]);
    const soon = await chainPath(await labChain({ leaf: { notAfter: new Date(Date.now() + 10 * day) } }));
    const findings = await runCheck(validityCheck, soon, contextWith({ expiryDays: 30 }));
    expect(codesOf(findings)).toEqual(['expires-soon']);
    expect(findings[0].detail).toMatch(/^(9|10) days$/);
  });
});
