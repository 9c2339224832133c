/**
 * The verdict on the current inspection: the core verifier runs here in the page, against the
 * trust stores the main process hands over (as DER) and AIA issuers it fetches on request.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { verifyProbeResult } from '../../../src-core/inspect/verify-probe';
import type { ProbeResult } from '../../../src-core/tls/types';
import type { TrustAnchorStore, VerifyResult } from '../../../src-core/verify';
import { useApi } from '../api/client';

export const useVerificationStore = defineStore('verification', () => {
  const result = shallowRef<VerifyResult | undefined>();
  const error = ref<string | undefined>();
  const running = ref(false);
  const at = ref<Date | undefined>();
  let stores: Promise<TrustAnchorStore[]> | undefined;
  let generation = 0;

  async function verifyProbe(probe: ProbeResult): Promise<void> {
    const mine = ++generation;
    running.value = true;
    error.value = undefined;
    try {
      stores ??= useApi().getTrustStores();
      const verdict = await verifyProbeResult(probe, {
        anchors: await stores,
        ...(at.value ? { at: at.value } : {}),
        fetchIssuers: (url) => useApi().fetchAiaIssuers(url),
      });
      if (mine === generation) result.value = verdict;
    } catch (caught) {
      stores = undefined;
      if (mine === generation) error.value = caught instanceof Error ? caught.message : String(caught);
    } finally {
      if (mine === generation) running.value = false;
    }
  }

  function clear(): void {
    generation++;
    result.value = undefined;
    error.value = undefined;
    running.value = false;
  }

  return { result, error, running, at, verifyProbe, clear };
});
