/**
 * Inspecting a host: the probe runs in the main process (or web-mode server); the answer comes
 * back as bytes and facts, and everything is decoded here in the page.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ProbeFailure, ProbeRequest, ProbeResult } from '../../../src-core/tls/types';
import { useApi } from '../api/client';
import { useVerificationStore } from './verification';

export type InspectionStatus = 'idle' | 'running' | 'done' | 'failed';

let probeCounter = 0;

export const useInspectionStore = defineStore('inspection', () => {
  const status = ref<InspectionStatus>('idle');
  const request = ref<ProbeRequest | undefined>();
  const result = shallowRef<ProbeResult | undefined>();
  const failure = shallowRef<ProbeFailure | undefined>();
  const startedAt = ref<number | undefined>();
  let currentProbeId: string | undefined;

  const running = computed(() => status.value === 'running');

  async function inspect(next: ProbeRequest): Promise<void> {
    if (currentProbeId) await cancel();
    const probeId = `probe-${Date.now()}-${++probeCounter}`;
    currentProbeId = probeId;
    request.value = next;
    result.value = undefined;
    failure.value = undefined;
    status.value = 'running';
    startedAt.value = Date.now();
    const verification = useVerificationStore();
    verification.clear();
    try {
      const outcome = await useApi().probeHost(next, probeId);
      if (currentProbeId !== probeId) return; // superseded by a newer inspection
      if (outcome.ok) {
        result.value = outcome.result;
        status.value = 'done';
        void verification.verifyProbe(outcome.result, { record: true });
      } else {
        failure.value = outcome.failure;
        status.value = 'failed';
      }
    } catch (error) {
      if (currentProbeId !== probeId) return;
      failure.value = { code: 'malformed', message: error instanceof Error ? error.message : String(error) };
      status.value = 'failed';
    } finally {
      if (currentProbeId === probeId) currentProbeId = undefined;
    }
  }

  async function cancel(): Promise<void> {
    if (!currentProbeId) return;
    const probeId = currentProbeId;
    await useApi().cancelProbe(probeId);
  }

  /** Shows a past inspection (from history) as if it had just been captured; its verdict is today's. */
  function show(past: ProbeResult): void {
    currentProbeId = undefined;
    request.value = { target: `${past.target.host}:${past.target.port}` };
    result.value = past;
    failure.value = undefined;
    status.value = 'done';
    void useVerificationStore().verifyProbe(past);
  }

  function clear(): void {
    status.value = 'idle';
    result.value = undefined;
    failure.value = undefined;
    request.value = undefined;
  }

  return { status, request, result, failure, startedAt, running, inspect, cancel, show, clear };
});
