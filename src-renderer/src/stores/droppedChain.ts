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
import { useTrustStore } from './trust';

export const useDroppedChainStore = defineStore('droppedChain', () => {
  const result = shallowRef<VerifyResult | undefined>();
  const host = ref('');
  const error = ref<string | undefined>();
  const running = ref(false);
  /** What the last check was given, to check again when the trust stores change. */
  let last: { certificates: Uint8Array[]; crls: Uint8Array[] } | undefined;

  async function check(certificates: Uint8Array[], crls: Uint8Array[]): Promise<void> {
    last = { certificates, crls };
    running.value = true;
    error.value = undefined;
    try {
      result.value = await verifyFiles({
        certificates,
        crls,
        host: host.value,
        anchors: await useTrustStore().anchorStores(),
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

  /** Checks the same certificates again (after a trust change), if a verdict is shown. */
  async function recheck(): Promise<void> {
    if (last && (result.value || error.value)) await check(last.certificates, last.crls);
  }

  function clear(): void {
    last = undefined;
    result.value = undefined;
    error.value = undefined;
  }

  return { result, host, error, running, check, recheck, clear };
});
