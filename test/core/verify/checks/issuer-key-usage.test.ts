import { describe, expect, it } from 'vitest';
import { issuerKeyUsageCheck } from '../../../../src-core/verify/checks/issuer-key-usage';
import { chainPath, codesOf, goodChain, labChain, runCheck } from './support';

describe('issuer-key-usage check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(issuerKeyUsageCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('flags an issuer whose key usage leaves out keyCertSign', async () => {
    const parts = await labChain({ intermediate: { keyUsage: ['digitalSignature', 'cRLSign'] } });
    expect(codesOf(await runCheck(issuerKeyUsageCheck, await chainPath(parts)))).toEqual([
      'issuer-key-usage',
    ]);
  });

  it('accepts an issuer with no key usage extension at all', async () => {
    const parts = await labChain({ intermediate: { keyUsage: null } });
    expect(await runCheck(issuerKeyUsageCheck, await chainPath(parts))).toEqual([]);
  });
});
