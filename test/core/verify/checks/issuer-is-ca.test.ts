import { describe, expect, it } from 'vitest';
import { issuerIsCaCheck } from '../../../../src-core/verify/checks/issuer-is-ca';
import { chainPath, codesOf, goodChain, labChain, runCheck } from './support';

describe('issuer-is-ca check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(issuerIsCaCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('flags an issuer without basicConstraints cA', async () => {
    const parts = await labChain({ intermediate: { omitBasicConstraints: true } });
    const findings = await runCheck(issuerIsCaCheck, await chainPath(parts));
    expect(codesOf(findings)).toEqual(['not-a-ca']);
    expect(findings[0].certificate).toBe((await chainPath(parts)).chain[1].sha256);
  });

  it('does not excuse a version 3 trust anchor without it', async () => {
    const parts = await labChain({ root: { omitBasicConstraints: true } });
    expect(codesOf(await runCheck(issuerIsCaCheck, await chainPath(parts)))).toEqual(['not-a-ca']);
  });
});
