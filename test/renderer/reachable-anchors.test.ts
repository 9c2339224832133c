/**
 * A probe's answer carries the anchors its capture reaches (looked up in the main process as it
 * answered): the first verdict then asks nothing more, unless the user's trust changed since the
 * probe was asked for, when those anchors may be stale and are asked for afresh.
 */
import { createPinia, setActivePinia } from 'pinia';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CertscopeApi } from '../../src-core/api/contract';
import { nameKeysOf, type TrustAnchorMatches } from '../../src-core/inspect/anchor-lookup';
import type { ProbeResult } from '../../src-core/tls/types';
import { fastSubjectKey } from '../../src-core/verify/fast-name';
import { useVerificationStore } from '../../src-renderer/src/stores/verification';
import { selfSignedCa } from './support/certificates';

describe('anchors with the probe answer', () => {
  const roots: Uint8Array[] = [];
  const findTrustAnchors = vi.fn(async (keys: string[]): Promise<TrustAnchorMatches> => ({
    stores: [{ name: 'public', anchors: roots.length }],
    anchors: roots
      .filter((root) => keys.includes(fastSubjectKey(root) ?? ''))
      .map((der) => ({ der, stores: ['public'] })),
  }));

  beforeAll(() => {
    window.certscope = { findTrustAnchors } as Partial<CertscopeApi> as CertscopeApi;
  });

  /** A capture of a root of its own (a fresh name each time: no lookup has seen it). */
  async function capture(name: string): Promise<{ probe: ProbeResult; root: Uint8Array }> {
    const root = await selfSignedCa(name, ['reachable.test']);
    roots.push(root);
    const probe = {
      target: { host: 'reachable.test', asciiHost: 'reachable.test', port: 443, sni: 'reachable.test' },
      presented: [root],
      presentedSource: 'wire',
      handshake: {},
      notes: [],
    } as unknown as ProbeResult;
    return { probe, root };
  }

  async function reachableFor(root: Uint8Array) {
    const keys = await nameKeysOf([root]);
    return { keys, matches: await findTrustAnchors(keys) };
  }

  it('are used as they are: the verdict asks for nothing and says when it arrived', async () => {
    setActivePinia(createPinia());
    const verification = useVerificationStore();
    const { probe, root } = await capture('Reachable Root One');
    const trustEpoch = verification.trustEpoch();
    const anchors = await reachableFor(root);
    findTrustAnchors.mockClear();
    const before = performance.now();
    const arrived = await verification.verifyProbe(probe, { reachable: { anchors, trustEpoch } });
    expect(verification.result?.trusted).toBe(true);
    expect(findTrustAnchors.mock.calls.flatMap(([keys]) => keys)).not.toContain(fastSubjectKey(root));
    expect(arrived).toBeGreaterThanOrEqual(before);
    expect(arrived).toBeLessThanOrEqual(performance.now());
  });

  it('are left aside once the trust changed after the probe was asked for: the anchors are asked again', async () => {
    setActivePinia(createPinia());
    const verification = useVerificationStore();
    const { probe, root } = await capture('Reachable Root Two');
    const trustEpoch = verification.trustEpoch();
    const anchors = await reachableFor(root);
    verification.storesChanged();
    findTrustAnchors.mockClear();
    await verification.verifyProbe(probe, { reachable: { anchors, trustEpoch } });
    expect(verification.result?.trusted).toBe(true);
    expect(findTrustAnchors.mock.calls.flatMap(([keys]) => keys)).toContain(fastSubjectKey(root));
  });
});
