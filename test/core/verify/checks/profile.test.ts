import { describe, expect, it } from 'vitest';
import { profileCheck } from '../../../../src-core/verify/checks/profile';
import { chainPath, codesOf, goodChain, labChain, runCheck } from './support';

// basicConstraints cA=TRUE, not critical
const nonCriticalCa = {
  oid: '2.5.29.19',
  critical: false,
  valueDer: new Uint8Array([0x30, 0x03, 0x01, 0x01, 0xff]),
};

describe('profile check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(profileCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('a leaf without an authority key identifier: profile-violation', async () => {
    const findings = await runCheck(
      profileCheck,
      await chainPath(await labChain({ leaf: { authorityKeyId: false } })),
    );
    expect(codesOf(findings)).toEqual(['profile-violation']);
    expect(findings[0].detail).toBe('authorityKeyIdentifier missing');
  });

  it('a CA without a subject key identifier: profile-violation', async () => {
    const parts = await labChain({ intermediate: { subjectKeyId: false }, leaf: { authorityKeyId: false } });
    const findings = await runCheck(profileCheck, await chainPath(parts));
    expect(findings.map((item) => item.detail)).toContain('subjectKeyIdentifier missing from a CA');
  });

  it('a non-critical basicConstraints: excused on an intermediate and on a public-store root, not on a local root', async () => {
    const parts = await labChain({
      root: { omitBasicConstraints: true, extraExtensions: [nonCriticalCa] },
      intermediate: { omitBasicConstraints: true, extraExtensions: [nonCriticalCa] },
    });
    expect(await runCheck(profileCheck, await chainPath(parts, { anchorStores: ['public'] }))).toEqual([]);
    const local = await runCheck(profileCheck, await chainPath(parts, { anchorStores: ['user'] }));
    expect(codesOf(local)).toEqual(['profile-violation']);
    expect(local[0].certificate).toBe((await chainPath(parts)).chain[2].sha256);
  });
});
