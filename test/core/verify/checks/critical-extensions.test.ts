import { describe, expect, it } from 'vitest';
import { criticalExtensionsCheck } from '../../../../src-core/verify/checks/critical-extensions';
import { chainPath, codesOf, goodChain, labChain, runCheck } from './support';

describe('critical-extensions check', () => {
  it('is silent on a good path', async () => {
    expect(await runCheck(criticalExtensionsCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('a critical extension nobody here understands: unknown-critical-extension, naming it', async () => {
    const extension = { oid: '1.3.6.1.4.1.55555.1', critical: true, valueDer: new Uint8Array([0x05, 0x00]) };
    const findings = await runCheck(
      criticalExtensionsCheck,
      await chainPath(await labChain({ leaf: { extraExtensions: [extension] } })),
    );
    expect(codesOf(findings)).toEqual(['unknown-critical-extension']);
    expect(findings[0].detail).toBe('1.3.6.1.4.1.55555.1');
  });

  it('the same extension, not critical, is fine', async () => {
    const extension = { oid: '1.3.6.1.4.1.55555.1', critical: false, valueDer: new Uint8Array([0x05, 0x00]) };
    const parts = await labChain({ leaf: { extraExtensions: [extension] } });
    expect(await runCheck(criticalExtensionsCheck, await chainPath(parts))).toEqual([]);
  });
});
