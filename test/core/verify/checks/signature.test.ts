import { describe, expect, it } from 'vitest';
import { signatureCheck } from '../../../../src-core/verify/checks/signature';
import { chainPath, codesOf, goodChain, labChain, pathOf, runCheck } from './support';

describe('signature check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(signatureCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('flags a certificate whose signature its issuer did not make', async () => {
    const { leaf, intermediate, root } = await goodChain();
    const tampered = leaf.der.slice();
    tampered[tampered.length - 5] ^= 0x01; // inside the signature value
    const findings = await runCheck(signatureCheck, await pathOf([tampered, intermediate, root]));
    expect(codesOf(findings)).toEqual(['bad-signature']);
  });

  it('flags a certificate issued by another key of the same name', async () => {
    const { leaf, root } = await goodChain();
    // Same names, other keys: it signed neither the leaf, nor did this root sign it.
    const { intermediate: impostor } = await labChain();
    const findings = await runCheck(signatureCheck, await pathOf([leaf, impostor, root]));
    expect(codesOf(findings)).toEqual(['bad-signature', 'bad-signature']);
  });
});
