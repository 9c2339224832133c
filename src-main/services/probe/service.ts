/**
 * The probe behind the API: one AbortController per running probe, failures as data, and each
 * probe's phase events kept by probe id for `getProbeProgress` (a long poll: it answers as soon as
 * something new happened, or after `progressWaitMs` with nothing).
 *
 * News is handed out at most once per `progressBatchMs` (counted from the probe's start, then from
 * the last answer with news), or at once when the probe ends: a loopback probe is over in ~10 ms,
 * and answering each of its six events in turn cost a round trip and a redraw apiece while the
 * page waits for the answer; a slow phase still shows within `progressBatchMs` of its start.
 */
import type { ProbeOutcome } from '../../../src-core/api/contract';
import type { ProbePhaseEvent, ProbeProgress } from '../../../src-core/tls/progress';
import type { ProbeRequest } from '../../../src-core/tls/types';
import { probe, ProbeError, type ProbeEnvironment } from './index';

interface ProgressRecord {
  events: ProbePhaseEvent[];
  done: boolean;
  /** When news may next be handed out (`performance.now()`), unless the probe ends first. */
  nextNewsAt: number;
}

/** Finished probes whose events are still kept, so a last read after the answer sees them all. */
const keptFinished = 32;

export interface ProbeServiceOptions {
  /** How long `getProbeProgress` waits for news before answering with none. */
  progressWaitMs?: number;
  /** The shortest time between two answers with news for one probe (its end is told at once). */
  progressBatchMs?: number;
  environment?: ProbeEnvironment;
}

export function createProbeService(options: ProbeServiceOptions = {}) {
  const progressWaitMs = options.progressWaitMs ?? 1000;
  const progressBatchMs = options.progressBatchMs ?? 50;
  const running = new Map<string, AbortController>();
  const progress = new Map<string, ProgressRecord>();
  const waiters = new Set<() => void>();
  const changed = () => [...waiters].forEach((wake) => wake());

  function track(probeId: string): ProgressRecord {
    const record: ProgressRecord = {
      events: [],
      done: false,
      nextNewsAt: performance.now() + progressBatchMs,
    };
    progress.delete(probeId);
    progress.set(probeId, record);
    const finished = [...progress].filter(([, kept]) => kept.done);
    for (const [id] of finished.slice(0, Math.max(0, finished.length - keptFinished))) progress.delete(id);
    changed();
    return record;
  }

  function nextChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      waiters.add(wake);
    });
  }

  return {
    async probeHost(request: ProbeRequest, probeId: string): Promise<ProbeOutcome> {
      const controller = new AbortController();
      running.get(probeId)?.abort();
      running.set(probeId, controller);
      const record = track(probeId);
      try {
        const result = await probe(request, controller.signal, {
          ...options.environment,
          onPhase: (event) => {
            record.events.push(event);
            changed();
          },
        });
        return { ok: true, result };
      } catch (error) {
        if (error instanceof ProbeError) {
          return {
            ok: false,
            failure: {
              code: error.code,
              message: error.message,
              ...(error.partial ? { partial: error.partial } : {}),
            },
          };
        }
        return {
          ok: false,
          failure: { code: 'malformed', message: error instanceof Error ? error.message : String(error) },
        };
      } finally {
        if (running.get(probeId) === controller) running.delete(probeId);
        record.done = true;
        changed();
      }
    },
    async cancelProbe(probeId: string): Promise<void> {
      running.get(probeId)?.abort();
    },
    /** The events of `probeId` from index `since` on; waits for at least one unless the probe is done. */
    async getProbeProgress(probeId: string, since: number): Promise<ProbeProgress> {
      const deadline = performance.now() + progressWaitMs;
      for (;;) {
        const record = progress.get(probeId);
        const now = performance.now();
        const news = record !== undefined && record.events.length > since;
        if (record && (record.done || (news && now >= record.nextNewsAt))) {
          if (news) record.nextNewsAt = now + progressBatchMs;
          return { events: record.events.slice(since), done: record.done };
        }
        const left = deadline - now;
        if (left <= 0) return { events: [], done: false };
        // With news held back, wake when it may go out (or earlier, when the probe ends).
        await nextChange(news && record ? Math.min(left, record.nextNewsAt - now) : left);
      }
    },
  };
}
