/**
 * The "Check revocation (OCSP/CRL)" option: off by default, and when on the verification store
 * asks the API for the chosen path's revocation evidence and hands it to the verifier.
 */
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CertscopeApi, FetchScope } from '../../src-core/api/contract';
import type { ProbeResult, ProxySettings } from '../../src-core/tls/types';
import type { RevocationEvidence } from '../../src-core/verify';
import HostOptions from '../../src-renderer/src/components/HostOptions.vue';
import { defaultHostOptions } from '../../src-renderer/src/composables/probeRequest';
import { useInspectionStore } from '../../src-renderer/src/stores/inspection';
import { useSettingsStore } from '../../src-renderer/src/stores/settings';
import { useVerificationStore } from '../../src-renderer/src/stores/verification';
import { selfSignedCa } from './support/certificates';
import { fastSubjectKey } from '../../src-core/verify/fast-name';

describe('the revocation option', () => {
  let root: Uint8Array;
  const fetchRevocation = vi.fn(
    async (
      chain: Uint8Array[],
      _proxy: ProxySettings | null,
      _scope?: FetchScope | null,
    ): Promise<RevocationEvidence> => ({
      certificates: chain.slice(0, -1).map(() => ({ sha256: '', crls: [], notChecked: 'test: no answer' })),
      fetches: 0,
    }),
  );

  beforeAll(async () => {
    root = await selfSignedCa('Renderer Revocation Root');
    const api: Partial<CertscopeApi> = {
      // The main process finds anchors by subject; here the one store holds the root.
      findTrustAnchors: async (keys) => ({
        stores: [{ name: 'public', anchors: 1 }],
        anchors: keys.includes(fastSubjectKey(root) ?? '') ? [{ der: root, stores: ['public'] }] : [],
      }),
      fetchAiaIssuers: async (url) => ({ url, status: 'failed', certificates: [], detail: 'test: none' }),
      fetchRevocation,
    };
    window.certscope = api as CertscopeApi;
  });

  const probe = (): ProbeResult =>
    ({
      target: {
        host: 'revocation.test',
        asciiHost: 'revocation.test',
        port: 443,
        sni: 'revocation.test',
        address: '127.0.0.1',
        resolvedAddresses: ['127.0.0.1'],
        isIp: false,
      },
      presented: [root],
      presentedSource: 'wire',
      handshake: {},
      notes: [],
    }) as unknown as ProbeResult;

  it('is a checkbox in the host options, off by default, bound to the model', async () => {
    expect(defaultHostOptions().checkRevocation).toBe(false);
    const options = defaultHostOptions();
    const wrapper = mount(HostOptions, { props: { modelValue: options, addresses: [] } });
    const box = wrapper.get('[data-testid="option-revocation"]');
    expect(wrapper.text()).toContain('Check revocation (OCSP/CRL)');
    expect((box.element as HTMLInputElement).checked).toBe(false);
    await box.setValue(true);
    // Like the other options, v-model on a field of the model object sets that field.
    expect(options.checkRevocation).toBe(true);
  });

  it('off: nothing is fetched; on: the chosen path is fetched and its evidence verified', async () => {
    setActivePinia(createPinia());
    const verification = useVerificationStore();
    await verification.verifyProbe(probe());
    expect(fetchRevocation).not.toHaveBeenCalled();
    expect(verification.result?.revocation).toBeUndefined();

    verification.checkRevocation = true;
    await verification.verifyProbe(probe());
    expect(fetchRevocation).toHaveBeenCalledTimes(1);
    expect(fetchRevocation.mock.calls[0][0]).toEqual([root]);
    // Scoped to where the inspected host was reached: its own (here loopback) address.
    expect(fetchRevocation.mock.calls[0][2]).toEqual({ inspectedAddresses: ['127.0.0.1'] });
    expect(verification.result?.revocation).toEqual([
      expect.objectContaining({
        method: 'none',
        status: 'not-checked',
        detail: 'a trust anchor is trusted as it is',
      }),
    ]);
  });

  it("fetches through the proxy it is given (the inspection's), else the default one from the settings", async () => {
    setActivePinia(createPinia());
    fetchRevocation.mockClear();
    const verification = useVerificationStore();
    verification.checkRevocation = true;
    await verification.verifyProbe(probe());
    expect(fetchRevocation.mock.calls[0][1]).toBeNull();

    useSettingsStore().settings.proxy = 'http://default-proxy:3128';
    await verification.verifyProbe(probe());
    expect(fetchRevocation.mock.calls[1][1]).toEqual({ url: 'http://default-proxy:3128' });

    const chosen = { url: 'http://chosen-proxy:8080', username: 'me', password: 'pw' };
    await verification.verifyProbe(probe(), { proxy: chosen });
    expect(fetchRevocation.mock.calls[2][1]).toEqual(chosen);
  });

  it("an inspection verifies through its request's proxy", async () => {
    setActivePinia(createPinia());
    fetchRevocation.mockClear();
    const chosen = { url: 'http://chosen-proxy:8080' };
    const inspection = useInspectionStore();
    useVerificationStore().checkRevocation = true;
    inspection.request = { target: 'revocation.test', proxy: chosen };
    inspection.result = probe();
    await inspection.reverify();
    expect(fetchRevocation.mock.calls[0][1]).toEqual(chosen);
  });
});
