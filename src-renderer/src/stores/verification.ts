/**
 * The verdict on the current inspection: the core verifier runs in the page's verification worker,
 * against the trust anchors the main process finds for it and AIA issuers it fetches on request.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { sha256Hex } from '../../../src-core/crypto/sha256-hex';
import type { TrustStoreSummary } from '../../../src-core/inspect/anchor-lookup';
import type { ProbeResult } from '../../../src-core/tls/types';
import type { VerifyResult } from '../../../src-core/verify';
import { useApi } from '../api/client';
import { trustStoreSummaries, useVerifier, type VerificationHandle } from '../verifier/client';
import { useHistoryStore } from './history';
import { useInspectionStore } from './inspection';
import { useSettingsStore } from './settings';

export const useVerificationStore = defineStore('verification', () => {
  const result = shallowRef<VerifyResult | undefined>();
  const error = ref<string | undefined>();
  const running = ref(false);
  const at = ref<Date | undefined>();
  /** Opt-in online revocation (the host options' checkbox): the main process fetches, we verify. */
  const checkRevocation = ref(false);
  /** The stores the last verdict was reached against (names and sizes, for reports). */
  let stores: TrustStoreSummary[] | undefined;
  let generation = 0;
  let current: VerificationHandle | undefined;
  useVerifier().warm();

  async function verifyProbe(probe: ProbeResult, options: { record?: boolean } = {}): Promise<void> {
    const mine = ++generation;
    current?.cancel();
    running.value = true;
    error.value = undefined;
    // The fetches go where the inspection went: through its proxy, else the default one.
    const proxy = useInspectionStore().request?.proxy ?? useSettingsStore().defaultProxy() ?? null;
    const handle = useVerifier().verify(
      {
        kind: 'probe',
        probe,
        ...(at.value ? { at: at.value } : {}),
        expiryDays: useSettingsStore().settings.expiryDays,
        aia: true,
        revocation: checkRevocation.value,
      },
      proxy,
    );
    current = handle;
    try {
      const outcome = await handle.outcome;
      if (mine !== generation) return;
      stores = outcome.stores;
      result.value = outcome.result;
      if (outcome.result && options.record)
        void useHistoryStore().record(probe, outcome.result, outcome.stores);
    } catch (caught) {
      if (mine === generation) error.value = caught instanceof Error ? caught.message : String(caught);
    } finally {
      if (mine === generation) running.value = false;
      if (current === handle) current = undefined;
    }
  }

  /** Adds or removes a user anchor, then verifies the last probe again against the new stores. */
  async function changeUserAnchor(
    der: Uint8Array,
    trust: boolean,
    probe: ProbeResult | undefined,
  ): Promise<void> {
    const api = useApi();
    if (trust) await api.addTrustAnchor(der);
    else {
      await api.removeTrustAnchor(await sha256Hex(der));
    }
    storesChanged();
    if (probe) await verifyProbe(probe);
  }

  function clear(): void {
    generation++;
    current?.cancel();
    result.value = undefined;
    error.value = undefined;
    running.value = false;
  }

  /** The stores the last verification used (for the report's trustStores): names and sizes. */
  async function currentStores(): Promise<TrustStoreSummary[]> {
    stores ??= await trustStoreSummaries();
    return stores;
  }

  /** The trust stores changed elsewhere (e.g. the Lab trusted a root): anchors are asked for again. */
  function storesChanged(): void {
    stores = undefined;
    useVerifier().trustChanged();
  }

  return {
    result,
    error,
    running,
    at,
    checkRevocation,
    verifyProbe,
    changeUserAnchor,
    currentStores,
    storesChanged,
    clear,
  };
});
