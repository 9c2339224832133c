/**
 * The verdict on the current inspection: the core verifier runs here in the page, against the
 * trust stores the main process hands over (as DER) and AIA issuers it fetches on request.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { sha256Hex } from '../../../src-core/crypto/sha256-hex';
import { fetchScopeForProbe, verifyProbeResult } from '../../../src-core/inspect/verify-probe';
import type { ProbeResult } from '../../../src-core/tls/types';
import type { TrustAnchorStore, VerifyResult } from '../../../src-core/verify';
import { useApi } from '../api/client';
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
  let stores: Promise<TrustAnchorStore[]> | undefined;
  let generation = 0;

  async function verifyProbe(probe: ProbeResult, options: { record?: boolean } = {}): Promise<void> {
    const mine = ++generation;
    running.value = true;
    error.value = undefined;
    // The fetches go where the inspection went: through its proxy, else the default one.
    const proxy = useInspectionStore().request?.proxy ?? useSettingsStore().defaultProxy();
    // …and only where the inspected host may send them: public addresses, unless it is private itself.
    const scope = fetchScopeForProbe(probe);
    try {
      stores ??= useApi().getTrustStores();
      const verdict = await verifyProbeResult(probe, {
        anchors: await stores,
        ...(at.value ? { at: at.value } : {}),
        expiryDays: useSettingsStore().settings.expiryDays,
        fetchIssuers: (url) => useApi().fetchAiaIssuers(url, proxy, scope),
        ...(checkRevocation.value
          ? { fetchRevocation: (chain) => useApi().fetchRevocation(chain, proxy, scope) }
          : {}),
      });
      if (mine === generation) result.value = verdict;
      if (mine === generation && verdict && options.record)
        void useHistoryStore().record(probe, verdict, await stores);
    } catch (caught) {
      stores = undefined;
      if (mine === generation) error.value = caught instanceof Error ? caught.message : String(caught);
    } finally {
      if (mine === generation) running.value = false;
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
    stores = undefined;
    if (probe) await verifyProbe(probe);
  }

  function clear(): void {
    generation++;
    result.value = undefined;
    error.value = undefined;
    running.value = false;
  }

  /** The stores the last verification used (for the report's trustStores). */
  async function currentStores(): Promise<TrustAnchorStore[]> {
    stores ??= useApi().getTrustStores();
    return stores;
  }

  /** The trust stores changed elsewhere (e.g. the Lab trusted a root): fetch them again next time. */
  function storesChanged(): void {
    stores = undefined;
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
