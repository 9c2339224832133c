import { describe, expect, it } from 'vitest';
import { trustAnchorCheck } from '../../../../src-core/verify/checks/trust-anchor';
import { issueCert } from '../../../../src-main/services/lab';
import { chainPath, codesOf, goodChain, host, pathOf, runCheck } from './support';

describe('trust-anchor check', () => {
  it('is silent on a path that reaches an anchor', async () => {
    expect(await runCheck(trustAnchorCheck, await chainPath(await goodChain()))).toEqual([]);
  });

  it('a path ending at a root nobody trusts: untrusted-root', async () => {
    const path = await chainPath(await goodChain(), { anchored: false });
    expect(codesOf(await runCheck(trustAnchorCheck, path))).toEqual(['untrusted-root']);
  });

  it('a path ending below a missing issuer: unknown-issuer', async () => {
    const { leaf, intermediate } = await goodChain();
    const path = await pathOf([leaf, intermediate], { anchored: false });
    expect(codesOf(await runCheck(trustAnchorCheck, path))).toEqual(['unknown-issuer']);
  });

  it('a leaf that signed itself: self-signed-leaf', async () => {
    const self = await issueCert({ commonName: host, dnsNames: [host] });
    const path = await pathOf([self], { anchored: false });
    expect(codesOf(await runCheck(trustAnchorCheck, path))).toEqual(['self-signed-leaf']);
  });
});
