/**
 * The verdict on dropped files: their certificates checked as a chain (the first non-CA one as the
 * leaf), against the same trust stores and AIA fetching as a host inspection, in the page's
 * verification worker.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { VerifyResult } from '../../../src-core/verify';
import { useVerifier, type VerificationHandle } from '../verifier/client';
import { createClientRow, useClientsStore } from './clients';
import { useSettingsStore } from './settings';

export const useDroppedChainStore = defineStore('droppedChain', () => {
  const result = shallowRef<VerifyResult | undefined>();
  const host = ref('');
  const error = ref<string | undefined>();
  const running = ref(false);
  /** What the last check was given, to check again when the trust stores change. */
  let last: { certificates: Uint8Array[]; crls: Uint8Array[] } | undefined;
  let current: VerificationHandle | undefined;
  /** Every client's answer on this verdict; `shown` is the leading client's verdict, else `result`. */
  const clients = createClientRow(result);

  async function check(certificates: Uint8Array[], crls: Uint8Array[]): Promise<void> {
    last = { certificates, crls };
    current?.cancel();
    clients.stop();
    running.value = true;
    error.value = undefined;
    const settings = useSettingsStore();
    const handle = useVerifier().verify(
      {
        kind: 'files',
        certificates,
        crls,
        host: host.value,
        expiryDays: settings.settings.expiryDays,
        aia: true,
        client: useClientsStore().chosen,
      },
      settings.defaultProxy() ?? null,
      // Files come from no host: private addresses only where the user allowed them.
      { allowPrivate: settings.settings.allowPrivateFetches },
    );
    current = handle;
    try {
      const outcome = await handle.outcome;
      if (current === handle) {
        result.value = outcome.result;
        clients.follow(handle, outcome);
      }
    } catch (caught) {
      if (current !== handle) return;
      result.value = undefined;
      clients.clear();
      error.value = caught instanceof Error ? caught.message : String(caught);
    } finally {
      if (current === handle) {
        running.value = false;
        current = undefined;
      }
    }
  }

  /** Checks the same certificates again (after a trust change), if a verdict is shown. */
  async function recheck(): Promise<void> {
    if (last && (result.value || error.value)) await check(last.certificates, last.crls);
  }

  function clear(): void {
    last = undefined;
    current?.cancel();
    current = undefined;
    running.value = false;
    result.value = undefined;
    clients.clear();
    error.value = undefined;
  }

  return { result, clients, host, error, running, check, recheck, clear };
});
