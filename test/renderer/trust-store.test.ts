/**
 * The trust store (stores/trust.ts) against an in-memory API: the stores are asked for once and
 * again after each change, every change bumps `revision` (views verify again), the user's anchors
 * are known by SHA-256, and a certificate's "Trust this certificate" turns into "Remove" on screen.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserTrustView } from '../../src-core/api/contract';
import { sha256Hex } from '../../src-core/crypto/sha256-hex';
import CertificateDetails from '../../src-renderer/src/components/CertificateDetails.vue';
import { useTrustStore } from '../../src-renderer/src/stores/trust';
import { selfSignedCa } from './support/certificates';
import { useFakeApi } from './support/fake-api';

/** A fake main process: a public store and the user's anchors, as the real services keep them. */
function fakeApi(publicRoots: Uint8Array[]) {
  const user: Uint8Array[] = [];
  const distrusted: string[] = [];
  const view = (): UserTrustView => ({ anchors: [...user], distrusted: [...distrusted] });
  const api = {
    getTrustStores: vi.fn(async () => [
      { name: 'public', certificates: publicRoots },
      { name: 'user', certificates: [...user] },
    ]),
    getUserTrust: vi.fn(async () => view()),
    addTrustAnchor: vi.fn(async (der: Uint8Array) => {
      user.push(der);
      return view();
    }),
    removeTrustAnchor: vi.fn(async (sha256: string) => {
      for (const [index, der] of user.entries()) if ((await sha256Hex(der)) === sha256) user.splice(index, 1);
      return view();
    }),
    setDistrusted: vi.fn(async (sha256: string, value: boolean) => {
      if (value) distrusted.push(sha256);
      else distrusted.splice(distrusted.indexOf(sha256), 1);
      return view();
    }),
  };
  return useFakeApi(api);
}

describe('trust store', () => {
  let publicRoot: Uint8Array;
  let privateRoot: Uint8Array;
  beforeAll(async () => {
    [publicRoot, privateRoot] = await Promise.all([
      selfSignedCa('Public Root'),
      selfSignedCa('Private Root'),
    ]);
  });
  beforeEach(() => setActivePinia(createPinia()));

  it('asks for the stores once, and again after a change that bumps the revision', async () => {
    const api = fakeApi([publicRoot]);
    const trust = useTrustStore();
    await trust.anchorStores();
    await trust.anchorStores();
    expect(api.getTrustStores).toHaveBeenCalledTimes(1);
    expect(trust.revision).toBe(0);

    await trust.trust(privateRoot);
    expect(trust.revision).toBe(1);
    expect(trust.isUserAnchor(await sha256Hex(privateRoot))).toBe(true);
    const stores = await trust.anchorStores();
    expect(api.getTrustStores).toHaveBeenCalledTimes(2);
    expect(stores.find((store) => store.name === 'user')?.certificates).toEqual([privateRoot]);

    await trust.untrust(await sha256Hex(privateRoot));
    expect(trust.revision).toBe(2);
    expect(trust.isUserAnchor(await sha256Hex(privateRoot))).toBe(false);
  });

  it('asks again after a failed read instead of keeping the failure', async () => {
    const api = fakeApi([publicRoot]);
    api.getTrustStores.mockRejectedValueOnce(new Error('socket closed'));
    const trust = useTrustStore();
    await expect(trust.anchorStores()).rejects.toThrow('socket closed');
    await expect(trust.anchorStores()).resolves.toHaveLength(2);
  });

  it('lists every anchor with its store, fingerprint and expiry, and distrusts one', async () => {
    fakeApi([publicRoot]);
    const trust = useTrustStore();
    await trust.loadRows();
    expect(trust.rows).toEqual([
      expect.objectContaining({ store: 'public', name: 'Public Root', sha256: await sha256Hex(publicRoot) }),
    ]);
    expect(trust.rows[0].notAfter?.getTime()).toBeGreaterThan(Date.now());
    await trust.setDistrusted(trust.rows[0].sha256, true);
    expect(trust.distrusted).toEqual([await sha256Hex(publicRoot)]);
    expect(trust.revision).toBe(1);
  });

  it('imports every certificate of the files, and says what it could not read', async () => {
    const api = fakeApi([]);
    const trust = useTrustStore();
    const pem = (der: Uint8Array) =>
      `-----BEGIN CERTIFICATE-----\n${btoa(String.fromCharCode(...der))}\n-----END CERTIFICATE-----\n`;
    const outcome = await trust.importFiles([
      { name: 'roots.pem', bytes: new TextEncoder().encode(pem(publicRoot) + pem(privateRoot)) },
      { name: 'notes.txt', bytes: new TextEncoder().encode('not a certificate') },
    ]);
    expect(outcome.added).toBe(2);
    expect(outcome.files).toBe(2);
    expect(outcome.problems.length).toBeGreaterThan(0);
    expect(api.addTrustAnchor).toHaveBeenCalledTimes(2);
    expect(trust.userAnchorHashes).toHaveLength(2);
    expect(trust.revision).toBe(1);
  });

  it('a certificate offers "Trust this certificate", which turns into "Remove from my anchors"', async () => {
    fakeApi([publicRoot]);
    const wrapper = mount(CertificateDetails, { props: { der: privateRoot } });
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-testid="trust-this"]').exists()).toBe(true);
    });
    await wrapper.get('[data-testid="trust-this"]').trigger('click');
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-testid="untrust-this"]').exists()).toBe(true);
    });
    expect(wrapper.get('[data-testid="trust-change-message"]').text()).toContain('Added to your anchors');
    await wrapper.get('[data-testid="untrust-this"]').trigger('click');
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-testid="trust-this"]').exists()).toBe(true);
    });
    expect(wrapper.emitted('untrusted')).toHaveLength(1);
  });

  it('does not offer to trust an anchor of the public store', async () => {
    fakeApi([publicRoot]);
    const wrapper = mount(CertificateDetails, { props: { der: publicRoot, anchorIn: ['public'] } });
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find('[data-testid="anchor-elsewhere"]').exists()).toBe(true);
    });
    expect(wrapper.get('[data-testid="anchor-elsewhere"]').text()).toBe(
      'A trust anchor in the public store.',
    );
    expect(wrapper.find('[data-testid="trust-this"]').exists()).toBe(false);
  });
});
