/** Batch inspections from the UI: many hosts, a few at a time, each probed and verified like one. */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { readCertificate } from '../../../src-core/x509/certificate';
import { fetchScopeForProbe } from '../../../src-core/inspect/verify-probe';
import type { ProbeResult } from '../../../src-core/tls/types';
import { useApi } from '../api/client';
import { useSettingsStore } from './settings';
import { useLabStore } from './lab';
import { anchorsWithLab } from './verification';
import { useVerifier } from '../verifier/client';

export interface BatchRow {
  target: string;
  status: 'waiting' | 'running' | 'done' | 'failed';
  trusted?: boolean;
  earliestExpiry?: Date;
  issuer?: string;
  findings: string[];
  error?: string;
  probe?: ProbeResult;
}

export const batchConcurrency = 4;

export const useBatchStore = defineStore('batch', () => {
  const rows = shallowRef<BatchRow[]>([]);
  const running = ref(false);
  const done = ref(0);

  function update(index: number, patch: Partial<BatchRow>) {
    rows.value = rows.value.map((row, i) => (i === index ? { ...row, ...patch } : row));
  }

  async function run(text: string): Promise<void> {
    const targets = [
      ...new Set(
        text
          .split(/[\s,]+/)
          .map((item) => item.trim())
          .filter(Boolean),
      ),
    ].slice(0, 500);
    rows.value = targets.map((target) => ({ target, status: 'waiting', findings: [] }));
    done.value = 0;
    running.value = true;
    const api = useApi();
    const settings = useSettingsStore().settings;
    const proxy = useSettingsStore().defaultProxy();
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const index = next++;
        update(index, { status: 'running' });
        try {
          const outcome = await api.probeHost(
            {
              target: targets[index],
              connectTimeoutMs: settings.connectTimeoutSeconds * 1000,
              deadlineMs: settings.deadlineSeconds * 1000,
              ...(proxy ? { proxy } : {}),
            },
            `batch-${Date.now()}-${index}`,
          );
          if (!outcome.ok) {
            update(index, { status: 'failed', error: outcome.failure.message });
          } else {
            const { target } = outcome.result;
            const lab = await useLabStore().serverAt(target.host, target.port);
            const { anchors: extraAnchors, publicStoreName } = anchorsWithLab([], lab);
            const verdict = (
              await useVerifier().verify(
                {
                  kind: 'probe',
                  probe: outcome.result,
                  expiryDays: settings.expiryDays,
                  aia: true,
                  revocation: false,
                  ...(extraAnchors.length ? { extraAnchors } : {}),
                  ...(publicStoreName ? { publicStoreName } : {}),
                },
                proxy ?? null,
                fetchScopeForProbe(outcome.result),
              ).outcome
            ).result;
            const path = verdict?.paths[verdict.chosenPath];
            const expiries = (path?.certificates ?? []).flatMap((certificate) => {
              try {
                return [readCertificate(verdict!.certificates[certificate.sha256]).notAfter];
              } catch {
                return [];
              }
            });
            let issuer: string | undefined;
            try {
              issuer = outcome.result.presented[0]
                ? readCertificate(outcome.result.presented[0]).issuerDisplayName
                : undefined;
            } catch {
              issuer = undefined;
            }
            update(index, {
              status: 'done',
              trusted: verdict?.trusted ?? false,
              earliestExpiry: expiries.sort((a, b) => a.getTime() - b.getTime())[0],
              issuer,
              findings: verdict?.findings.map((item) => item.code) ?? [],
              probe: outcome.result,
            });
          }
        } catch (error) {
          update(index, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
        }
        done.value++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(batchConcurrency, targets.length) }, worker));
    running.value = false;
  }

  return { rows, running, done, run };
});
