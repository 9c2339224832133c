import { describe, expect, it } from 'vitest';
import { stapledOcspCheck } from '../../../../src-core/verify/checks/stapled-ocsp';
import { createOcspResponse } from '../../../lab';
import { chainPath, codesOf, contextWith, goodChain, runCheck } from './support';

describe('stapled-ocsp check', () => {
  it('is silent on a good path: nothing stapled, or a good answer (from openssl ocsp)', async () => {
    const parts = await goodChain();
    const path = await chainPath(parts);
    expect(await runCheck(stapledOcspCheck, path)).toEqual([]);
    const good = createOcspResponse(parts.leaf, parts.intermediate, 'good');
    expect(await runCheck(stapledOcspCheck, path, contextWith({ stapledOcsp: good }))).toEqual([]);
  });

  it('a stapled "revoked": revoked; bytes that are no OCSP response: ocsp-stapled-invalid', async () => {
    const parts = await goodChain();
    const path = await chainPath(parts);
    const revoked = createOcspResponse(parts.leaf, parts.intermediate, 'revoked');
    const findings = await runCheck(stapledOcspCheck, path, contextWith({ stapledOcsp: revoked }));
    expect(codesOf(findings)).toEqual(['revoked']);
    expect(findings[0].detail).toBe('according to the stapled OCSP response');
    const garbage = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x00]);
    expect(codesOf(await runCheck(stapledOcspCheck, path, contextWith({ stapledOcsp: garbage })))).toEqual([
      'ocsp-stapled-invalid',
    ]);
  });
});
