/**
 * Inspecting a host: the probe runs in the main process (or web-mode server); the answer comes
 * back as bytes and facts, and everything is decoded here in the page. While the probe runs, its
 * phase events are read as they happen (a long poll), then AIA fetching and verification are
 * timed here; `phases` is what the progress line draws. A probe that answers within
 * `firstReadMs` (loopback: ~10 ms) isn't polled at all — a poll beside it would only compete with
 * its answer — and its phases are read once, after that answer is painted.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { parseTarget } from '../../../src-core/tls/target';
import type { ProbeFailure, ProbeRequest, ProbeResult } from '../../../src-core/tls/types';
import { useApi, watchApiCalls } from '../api/client';
import { afterNextPaint } from '../composables/afterNextPaint';
import {
  applyProbeEvents,
  endStep,
  startStep,
  stopActive,
  type PhaseStep,
} from '../composables/inspectionPhases';
import type { LabServerView } from '../../../src-core/api/contract';
import { useLabStore } from './lab';
import { useVerificationStore, type VerifyContext } from './verification';

export type InspectionStatus = 'idle' | 'running' | 'done' | 'failed';

let probeCounter = 0;

/** How long a probe runs before its progress is first asked for (unless it answers sooner). */
export const firstReadMs = 40;

/** Resolves after `firstReadMs`, or as soon as `answered` settles. */
function firstRead(answered: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, firstReadMs);
    void answered.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export const useInspectionStore = defineStore('inspection', () => {
  const status = ref<InspectionStatus>('idle');
  const request = ref<ProbeRequest | undefined>();
  const result = shallowRef<ProbeResult | undefined>();
  const failure = shallowRef<ProbeFailure | undefined>();
  const startedAt = ref<number | undefined>();
  const phases = shallowRef<PhaseStep[]>([]);
  /** When the capture shown was made, if it was reopened from history (a live one has none). */
  const capturedAt = ref<Date | undefined>();
  let currentProbeId: string | undefined;
  /** Bumped by every new inspection, so late answers of an older one change nothing. */
  let generation = 0;

  const running = computed(() => status.value === 'running');

  /** Reads the probe's phase events until it is done; never throws. */
  async function followProgress(
    probeId: string,
    mine: number,
    origin: number,
    answered: Promise<unknown>,
  ): Promise<void> {
    let since = 0;
    try {
      await firstRead(answered);
      while (mine === generation) {
        const progress = await useApi().getProbeProgress(probeId, since);
        if (mine !== generation) return;
        since += progress.events.length;
        phases.value = applyProbeEvents(phases.value, progress.events, origin);
        if (progress.done) return;
      }
    } catch {
      // The progress line is a courtesy: the inspection itself goes on without it.
    }
  }

  /** A Lab lookup started with the probe (one round trip off the verdict's path), by host:port. */
  let earlyLab: { key: string; server: Promise<LabServerView | undefined> } | undefined;

  /** What verifying this capture takes: the request's proxy, and the Lab's roots for a Lab server. */
  async function contextFor(probe: ProbeResult): Promise<VerifyContext> {
    const key = `${probe.target.host.toLowerCase()}:${probe.target.port}`;
    // Taken once: a later verification (trust change, time travel) asks afresh.
    const early = earlyLab?.key === key ? earlyLab.server : undefined;
    earlyLab = undefined;
    const lab = await (early ?? useLabStore().serverAt(probe.target.host, probe.target.port));
    return {
      proxy: request.value?.proxy ?? null,
      ...(lab ? { lab: { anchors: lab.anchors, checkRevocation: lab.checkRevocation } } : {}),
    };
  }

  /** Verifies what is shown again (the trust stores changed, or the date to validate at). */
  async function reverify(): Promise<void> {
    const probe = result.value;
    if (!probe) return;
    const context = await contextFor(probe);
    if (result.value === probe) await useVerificationStore().verifyProbe(probe, context);
  }

  /** Verifies in the page, timing verification (up to the verdict, not its drawing) and any AIA fetches. */
  async function verify(
    probe: ProbeResult,
    mine: number,
    reachable: VerifyContext['reachable'],
  ): Promise<void> {
    const verification = useVerificationStore();
    let fetching = 0;
    const stop = watchApiCalls((method, event) => {
      if (method !== 'fetchAiaIssuers' || mine !== generation) return;
      fetching += event === 'start' ? 1 : -1;
      phases.value =
        event === 'start'
          ? startStep(phases.value, 'aia', performance.now())
          : fetching === 0
            ? endStep(phases.value, 'aia', performance.now())
            : phases.value;
    });
    phases.value = startStep(phases.value, 'verify', performance.now());
    let verdictAt: number | undefined;
    try {
      const context = await contextFor(probe);
      if (mine === generation)
        verdictAt = await verification.verifyProbe(probe, {
          ...context,
          record: true,
          ...(reachable ? { reachable } : {}),
        });
    } finally {
      stop();
      if (mine === generation) {
        phases.value = verification.error
          ? stopActive(phases.value, 'failed', performance.now())
          : endStep(phases.value, 'verify', verdictAt ?? performance.now());
      }
    }
  }

  async function inspect(next: ProbeRequest): Promise<void> {
    if (currentProbeId) await cancel();
    const probeId = `probe-${Date.now()}-${++probeCounter}`;
    const mine = ++generation;
    currentProbeId = probeId;
    request.value = next;
    result.value = undefined;
    failure.value = undefined;
    capturedAt.value = undefined;
    phases.value = [];
    status.value = 'running';
    startedAt.value = Date.now();
    useVerificationStore().clear();
    const origin = performance.now();
    const trustEpoch = useVerificationStore().trustEpoch();
    const answer = useApi().probeHost(next, probeId);
    earlyLab = labLookup(next.target);
    // A failure's phases are read at once (the failure is shown with them); a capture's once painted.
    const answered = answer.then(
      (outcome) => (outcome.ok ? afterNextPaint() : undefined),
      () => undefined,
    );
    const following = followProgress(probeId, mine, origin, answered);
    try {
      const outcome = await answer;
      if (mine !== generation) return; // superseded by a newer inspection
      if (outcome.ok) {
        result.value = outcome.result;
        status.value = 'done';
        void verify(
          outcome.result,
          mine,
          outcome.anchors ? { anchors: outcome.anchors, trustEpoch } : undefined,
        );
      } else {
        await following;
        failure.value = outcome.failure;
        status.value = 'failed';
        const how = outcome.failure.code === 'cancelled' ? 'cancelled' : 'failed';
        phases.value = stopActive(phases.value, how, performance.now());
      }
    } catch (error) {
      if (mine !== generation) return;
      failure.value = { code: 'malformed', message: error instanceof Error ? error.message : String(error) };
      status.value = 'failed';
      phases.value = stopActive(phases.value, 'failed', performance.now());
    } finally {
      if (currentProbeId === probeId) currentProbeId = undefined;
    }
  }

  async function cancel(): Promise<void> {
    if (!currentProbeId) return;
    const probeId = currentProbeId;
    await useApi().cancelProbe(probeId);
  }

  /**
   * Shows a capture that is not a new inspection: one from history (`at` is when it was made; its
   * verdict is today's), or a batch row's.
   */
  function show(past: ProbeResult, at?: Date): void {
    currentProbeId = undefined;
    generation++;
    request.value = { target: `${past.target.host}:${past.target.port}` };
    capturedAt.value = at;
    result.value = past;
    failure.value = undefined;
    phases.value = [];
    status.value = 'done';
    void reverify();
  }

  function clear(): void {
    generation++;
    status.value = 'idle';
    result.value = undefined;
    failure.value = undefined;
    request.value = undefined;
    capturedAt.value = undefined;
    phases.value = [];
  }

  return {
    status,
    request,
    result,
    failure,
    startedAt,
    phases,
    capturedAt,
    running,
    inspect,
    cancel,
    show,
    reverify,
    clear,
  };
});

/** Starts the Lab lookup for a target while it is probed; undefined when the target doesn't parse. */
function labLookup(target: string): { key: string; server: Promise<LabServerView | undefined> } | undefined {
  try {
    const { host, port } = parseTarget(target);
    const server = useLabStore()
      .serverAt(host, port)
      .catch(() => undefined);
    return { key: `${host.toLowerCase()}:${port}`, server };
  } catch {
    return undefined; // the probe says what is wrong with it
  }
}
