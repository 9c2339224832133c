/**
 * The verdict on dropped files: their certificates checked as a chain (the first non-CA one as the
 * leaf), against the same trust stores and AIA fetching as a host inspection, in the page.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { verifyFiles } from '../../../src-core/inspect/verify-files';
import type { VerifyResult } from '../../../src-core/verify';
import { useApi } from '../api/client';
import { useSettingsStore } from './settings';
import { useVerificationStore } from './verification';

export const useDroppedChainStore = defineStore('droppedChain', () => {
  const result = shallowRef<VerifyResult | undefined>();
  const host = ref('');
  const error = ref<string | undefined>();
  const running = ref(false);

  async function check(certificates: Uint8Array[], crls: Uint8Array[]): Promise<void> {
    running.value = true;
    error.value = undefined;
    try {
      result.value = await verifyFiles({
        certificates,
        crls,
        host: host.value,
        anchors: await useVerificationStore().currentStores(),
        expiryDays: useSettingsStore().settings.expiryDays,
        fetchIssuers: (url) =>
          useApi().fetchAiaIssuers(url, useSettingsStore().defaultProxy(), {
            allowPrivate: useSettingsStore().settings.allowPrivateFetches,
          }),
      });
    } catch (caught) {
      result.value = undefined;
      error.value = caught instanceof Error ? caught.message : String(caught);
    } finally {
      running.value = false;
    }
  }

  function clear(): void {
    result.value = undefined;
    error.value = undefined;
  }

  return { result, host, error, running, check, clear };
});
