/** The probe behind the API: one AbortController per running probe, failures as data. */
import type { ProbeOutcome } from '../../../src-core/api/contract';
import type { ProbeRequest } from '../../../src-core/tls/types';
import { probe, ProbeError } from './index';

export function createProbeService() {
  const running = new Map<string, AbortController>();
  return {
    async probeHost(request: ProbeRequest, probeId: string): Promise<ProbeOutcome> {
      const controller = new AbortController();
      running.get(probeId)?.abort();
      running.set(probeId, controller);
      try {
        return { ok: true, result: await probe(request, controller.signal) };
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
      }
    },
    async cancelProbe(probeId: string): Promise<void> {
      running.get(probeId)?.abort();
    },
  };
}
