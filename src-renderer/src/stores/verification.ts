/**
 * The verdict on the current inspection: the core verifier runs here in the page, against the
 * trust stores the main process hands over (as DER) and AIA issuers it fetches on request.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { fetchScopeForProbe, verifyProbeResult } from '../../../src-core/inspect/verify-probe';
import type { ProbeResult, ProxySettings } from '../../../src-core/tls/types';
import type { TrustAnchorStore, VerifyResult } from '../../../src-core/verify';
import { useApi } from '../api/client';
import { useHistoryStore } from './history';
import { useSettingsStore } from './settings';
import { useTrustStore } from './trust';

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
}

/** The anchors for a verification: the trust stores, and a Lab server's roots standing in for public ones. */
export function anchorsWithLab(
  stores: TrustAnchorStore[],
  lab: VerifyContext['lab'],
): { anchors: TrustAnchorStore[]; publicStoreName?: string } {
  if (!lab) return { anchors: stores };
  return {
    anchors: [{ name: labStoreName, certificates: lab.anchors }, ...stores],
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
  /** The stores the last verification used (the report names them). */
  let used: TrustAnchorStore[] | undefined;
  let generation = 0;

  async function verifyProbe(probe: ProbeResult, context: VerifyContext = {}): Promise<void> {
    const mine = ++generation;
    running.value = true;
    error.value = undefined;
    const proxy = context.proxy ?? useSettingsStore().defaultProxy();
    const revocation = checkRevocation.value || Boolean(context.lab?.checkRevocation);
    // Fetches go only where the inspected host may send them: public addresses, unless it is private itself.
    const scope = fetchScopeForProbe(probe);
    try {
      const { anchors, publicStoreName } = anchorsWithLab(await useTrustStore().anchorStores(), context.lab);
      const verdict = await verifyProbeResult(probe, {
        anchors,
        ...(publicStoreName ? { publicStoreName } : {}),
        ...(at.value ? { at: at.value } : {}),
        expiryDays: useSettingsStore().settings.expiryDays,
        fetchIssuers: (url) => useApi().fetchAiaIssuers(url, proxy, scope),
        ...(revocation ? { fetchRevocation: (chain) => useApi().fetchRevocation(chain, proxy, scope) } : {}),
      });
      if (mine !== generation) return;
      result.value = verdict;
      used = anchors;
      if (verdict && context.record) void useHistoryStore().record(probe, verdict, anchors);
    } catch (caught) {
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

  /** The stores the last verification used (for the report's trustStores). */
  async function currentStores(): Promise<TrustAnchorStore[]> {
    return used ?? useTrustStore().anchorStores();
  }

  return { result, error, running, at, checkRevocation, verifyProbe, currentStores, clear };
});
