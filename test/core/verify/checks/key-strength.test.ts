import { describe, expect, it } from 'vitest';
import { keyStrengthCheck } from '../../../../src-core/verify/checks/key-strength';
import { chainPath, codesOf, goodChain, labChain, runCheck } from './support';

describe('key-strength check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(keyStrengthCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('an RSA key of 1024 bits: weak-key', async () => {
    const findings = await runCheck(
      keyStrengthCheck,
      await chainPath(await labChain({ leaf: { keySpec: 'rsa1024' } })),
    );
    expect(codesOf(findings)).toEqual(['weak-key']);
    expect(findings[0].detail).toBe('RSA 1024 bits');
  });
});
