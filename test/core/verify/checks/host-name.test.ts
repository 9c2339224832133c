import { describe, expect, it } from 'vitest';
import { hostNameCheck } from '../../../../src-core/verify/checks/host-name';
import { chainPath, codesOf, contextWith, goodChain, labChain, runCheck } from './support';

describe('host-name check', () => {
  it('is silent on a good path, and when no name is asked for', async () => {
    const path = await chainPath(await goodChain());
    expect(await runCheck(hostNameCheck, path)).toEqual([]);
    expect(await runCheck(hostNameCheck, path, contextWith({ host: undefined }))).toEqual([]);
  });

  it('another host: hostname-mismatch, naming it', async () => {
    const findings = await runCheck(
      hostNameCheck,
      await chainPath(await goodChain()),
      contextWith({ host: { kind: 'dns', value: 'other.test' } }),
    );
    expect(codesOf(findings)).toEqual(['hostname-mismatch']);
    expect(findings[0].detail).toBe('other.test');
  });

  it('a leaf with no SANs: missing-san, and the CN does not count', async () => {
    const path = await chainPath(await labChain({ leaf: { dnsNames: [] } }));
    expect(codesOf(await runCheck(hostNameCheck, path))).toEqual(['missing-san', 'hostname-mismatch']);
  });
});
