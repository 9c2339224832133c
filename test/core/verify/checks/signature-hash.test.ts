import { describe, expect, it } from 'vitest';
import { signatureHashCheck } from '../../../../src-core/verify/checks/signature-hash';
import { chainPath, codesOf, goodChain, labChain, runCheck } from './support';

describe('signature-hash check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(signatureHashCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('a leaf signed with SHA-1: weak-signature; a SHA-1 trust anchor is trusted as it is', async () => {
    const parts = await labChain({ root: { signatureHash: 'SHA-1' }, leaf: { signatureHash: 'SHA-1' } });
    const path = await chainPath(parts);
    const findings = await runCheck(signatureHashCheck, path);
    expect(codesOf(findings)).toEqual(['weak-signature']);
    expect(findings[0]).toMatchObject({ certificate: path.chain[0].sha256, detail: 'SHA-1' });
  });
});
