/** Past inspections: recorded after each verdict, listed, reopened, compared. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { HistorySummaryView } from '../../../src-core/api/contract';
import { diffReports, type ReportDiff } from '../../../src-core/history/diff';
import { probeFromReport } from '../../../src-core/history/reopen';
import type { ProbeResult } from '../../../src-core/tls/types';
import type { TrustStoreSummary } from '../../../src-core/inspect/anchor-lookup';
import type { VerifyResult } from '../../../src-core/verify';
import { useApi } from '../api/client';
import { afterNextPaint } from '../composables/afterNextPaint';
import { useVerifier } from '../verifier/client';

export const useHistoryStore = defineStore('history', () => {
  const entries = ref<HistorySummaryView[]>([]);
  const problem = ref<string | undefined>();
  const error = ref<string | undefined>();
  const comparison = ref<
    { before: HistorySummaryView; after: HistorySummaryView; diff: ReportDiff } | undefined
  >();

  async function refresh(): Promise<void> {
    try {
      const listed = await useApi().listHistory();
      entries.value = listed.entries;
      problem.value = listed.problem;
    } catch (caught) {
      error.value = caught instanceof Error ? caught.message : String(caught);
    }
  }

  async function record(
    probe: ProbeResult,
    verify: VerifyResult,
    stores: TrustStoreSummary[],
  ): Promise<void> {
    try {
      await afterNextPaint(); // recording never delays a verdict
      const api = useApi();
      const info = await api.getAppInfo();
      await api.addHistoryEntry(
        await useVerifier().report({
          verify,
          presented: probe.presented,
          presentedSource: probe.presentedSource,
          probe,
          trustStores: stores,
          toolVersion: info.version,
        }),
      );
      await refresh();
    } catch (caught) {
      error.value = `This inspection was not saved to history: ${caught instanceof Error ? caught.message : String(caught)}`;
    }
  }

  async function compare(olderId: string, newerId: string): Promise<void> {
    const api = useApi();
    const [before, after] = await Promise.all([api.getHistoryEntry(olderId), api.getHistoryEntry(newerId)]);
    if (!before || !after) return;
    const { report: beforeReport, ...beforeSummary } = before;
    const { report: afterReport, ...afterSummary } = after;
    comparison.value = {
      before: beforeSummary,
      after: afterSummary,
      diff: diffReports(beforeReport, afterReport),
    };
  }

  /** A past inspection's capture, to show again (undefined when it is gone or unreadable). */
  /** A past inspection as it was captured: its probe result, when, and the target to type again. */
  async function reopen(id: string): Promise<{ probe: ProbeResult; at: Date; target: string } | undefined> {
    const entry = await useApi().getHistoryEntry(id);
    const probe = entry ? probeFromReport(entry.report) : undefined;
    if (!entry || !probe) return undefined;
    return { probe, at: new Date(entry.at), target: entry.port ? `${entry.host}:${entry.port}` : entry.host };
  }

  async function clear(): Promise<void> {
    await useApi().clearHistory();
    comparison.value = undefined;
    await refresh();
  }

  return { entries, problem, error, comparison, refresh, record, compare, reopen, clear };
});
