/**
 * The verdict on the current inspection: the core verifier runs in the page's verification worker,
 * against the trust anchors the main process finds for it and AIA issuers it fetches on request.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { fetchScopeForProbe } from '../../../src-core/inspect/verify-probe';
import type { ReachableAnchors, TrustStoreSummary } from '../../../src-core/inspect/anchor-lookup';
import type { ProbeResult, ProxySettings } from '../../../src-core/tls/types';
import type { TrustAnchorStore, VerifyResult } from '../../../src-core/verify';
import { trustStoreSummaries, useVerifier, type VerificationHandle } from '../verifier/client';
import { createClientRow, useClientsStore } from './clients';
import { useHistoryStore } from './history';
import { useSettingsStore } from './settings';

/** The store name of the Lab's roots, trusted only for inspections of the Lab's own servers. */
export const labStoreName = 'lab';

/** What a verification needs beyond the capture: where fetches go, and what else to trust. */
export interface VerifyContext {
  /** Keep the verdict in history. */
  record?: boolean;
  /** The inspection's proxy for AIA, OCSP and CRL fetches (else the default one from the settings). */
  proxy?: ProxySettings | null;
  /** A Lab server's own roots, trusted for this verification only; revocation checked if it says so. */
  lab?: { anchors: Uint8Array[]; checkRevocation: boolean };
  /**
   * The anchors the capture's certificates reach, found as the probe answered; used only if the
   * trust stores haven't changed since `trustEpoch` (read when the probe was asked for).
   */
  reachable?: { anchors: ReachableAnchors; trustEpoch: number };
}

/** The anchors for a verification: the trust stores, and a Lab server's roots standing in for public ones. */
export function anchorsWithLab(
  stores: TrustAnchorStore[],
  lab: VerifyContext['lab'],
): { anchors: TrustAnchorStore[]; publicStoreName?: string } {
  if (!lab) return { anchors: stores };
  return {
    // A plain copy: the Lab's list may be a store's reactive array, which can't be sent to the worker.
    anchors: [{ name: labStoreName, certificates: Array.from(lab.anchors) }, ...stores],
    publicStoreName: labStoreName,
  };
}

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
  /** Counts the user's trust changes: anchors found before one are stale. */
  let trustEpoch = 0;
  let current: VerificationHandle | undefined;
  /** Every client's answer on this verdict; `shown` is the leading client's verdict, else `result`. */
  const clients = createClientRow(result);
  useVerifier().warm();

  /**
   * Verifies a capture; resolves with when its verdict arrived (`performance.now()`, before it is
   * drawn), or undefined when it failed or a newer verification replaced it.
   */
  async function verifyProbe(probe: ProbeResult, context: VerifyContext = {}): Promise<number | undefined> {
    const mine = ++generation;
    current?.cancel();
    clients.stop();
    running.value = true;
    error.value = undefined;
    const proxy = context.proxy ?? useSettingsStore().defaultProxy() ?? null;
    const revocation = checkRevocation.value || Boolean(context.lab?.checkRevocation);
    const { anchors: extraAnchors, publicStoreName } = anchorsWithLab([], context.lab);
    const handle = useVerifier().verify(
      {
        kind: 'probe',
        probe,
        ...(at.value ? { at: at.value } : {}),
        expiryDays: useSettingsStore().settings.expiryDays,
        aia: true,
        revocation,
        ...(extraAnchors.length ? { extraAnchors } : {}),
        ...(publicStoreName ? { publicStoreName } : {}),
        client: useClientsStore().chosen,
        ...(context.reachable?.trustEpoch === trustEpoch ? { reachable: context.reachable.anchors } : {}),
      },
      proxy,
      // Fetches go only where the inspected host may send them: public addresses, unless it is private itself.
      fetchScopeForProbe(probe),
    );
    current = handle;
    try {
      const outcome = await handle.outcome;
      const arrived = performance.now();
      if (mine !== generation) return undefined;
      stores = outcome.stores;
      result.value = outcome.result;
      clients.follow(handle, outcome);
      if (outcome.result && context.record)
        void useHistoryStore().record(probe, outcome.result, outcome.stores);
      return arrived;
    } catch (caught) {
      if (mine === generation) {
        error.value = caught instanceof Error ? caught.message : String(caught);
        clients.clear();
      }
      return undefined;
    } finally {
      if (mine === generation) running.value = false;
      if (current === handle) current = undefined;
    }
  }

  function clear(): void {
    generation++;
    current?.cancel();
    result.value = undefined;
    clients.clear();
    error.value = undefined;
    running.value = false;
  }

  /** The stores the last verification used (for the report's trustStores): names and sizes. */
  async function currentStores(): Promise<TrustStoreSummary[]> {
    stores ??= await trustStoreSummaries();
    return stores;
  }

  /** The trust stores changed (the user trusted or distrusted something): anchors are asked for again. */
  function storesChanged(): void {
    stores = undefined;
    trustEpoch++;
    useVerifier().trustChanged();
  }

  return {
    result,
    clients,
    error,
    running,
    at,
    checkRevocation,
    verifyProbe,
    /** The trust-change count now: give it back with anchors found from now on (`VerifyContext.reachable`). */
    trustEpoch: () => trustEpoch,
    currentStores,
    storesChanged,
    clear,
  };
});
