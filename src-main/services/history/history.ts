/**
 * Every inspection, kept in the data folder (`history.json`, written atomically) as its report:
 * capped by count and size, newest first, never holding private keys or passwords.
 */
import { randomUUID } from 'node:crypto';
import type { HistorySummaryView } from '../../../src-core/api/contract';
import type { InspectionReport } from '../../../src-core/report/report';
import { dataDir } from '../data-dir';
import { createJsonStore, serialised, type StoreProblem } from '../storage/json-store';

export interface HistoryEntry extends HistorySummaryView {
  report: InspectionReport;
}

export type HistorySummary = HistorySummaryView;

export const historyLimits = {
  maxEntries: 200,
  maxEntryBytes: 2 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
};

export class HistoryError extends Error {
  override name = 'HistoryError';
}

const secretKeys = /^(password|passphrase|privateKey|privateKeyPem|key|pkcs12|clientCertificate)$/i;

/** Drops anything that looks like a secret, however deep, before it can reach the disk. */
export function withoutSecrets<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, inner: unknown) => (secretKeys.test(key) ? undefined : inner)),
  ) as T;
}

const store = () =>
  createJsonStore<{ entries: HistoryEntry[] }>({
    dir: dataDir(),
    name: 'history.json',
    schemaVersion: 1,
    defaults: () => ({ entries: [] }),
    validate: (data) => {
      const value = data as { entries?: unknown };
      if (!Array.isArray(value?.entries)) throw new Error('entries are missing');
      return { entries: value.entries as HistoryEntry[] };
    },
  });

function serial<T>(work: () => Promise<T>): Promise<T> {
  return serialised(store().file, work);
}

export async function listHistory(): Promise<{ entries: HistorySummary[]; problem?: StoreProblem }> {
  const loaded = await store().load();
  return {
    entries: loaded.data.entries.map((entry) => {
      const { report: _report, ...summary } = entry;
      return summary;
    }),
    ...(loaded.problem ? { problem: loaded.problem } : {}),
  };
}

export async function getHistoryEntry(id: string): Promise<HistoryEntry | undefined> {
  return (await store().load()).data.entries.find((entry) => entry.id === id);
}

export function addHistoryEntry(
  report: InspectionReport,
  cap = historyLimits.maxEntries,
): Promise<HistorySummary> {
  return serial(async () => {
    const clean = withoutSecrets(report);
    const size = JSON.stringify(clean).length;
    if (size > historyLimits.maxEntryBytes) {
      throw new HistoryError(
        `this inspection is ${Math.ceil(size / 1024)} KiB, over the ${historyLimits.maxEntryBytes / 1024 / 1024} MiB a history entry may take; it was not saved`,
      );
    }
    const entry: HistoryEntry = {
      id: randomUUID(),
      at: new Date().toISOString(),
      host: clean.target?.host ?? clean.presented[0]?.subject ?? 'files',
      ...(clean.target ? { port: clean.target.port } : {}),
      trusted: clean.trusted,
      errors: clean.findings.filter((item) => item.severity === 'error').length,
      warnings: clean.findings.filter((item) => item.severity === 'warning').length,
      report: clean,
    };
    const current = (await store().load()).data.entries;
    const entries = [entry, ...current].slice(0, Math.max(1, cap));
    // The oldest go first when the file would grow past its size limit.
    while (entries.length > 1 && JSON.stringify(entries).length > historyLimits.maxTotalBytes) entries.pop();
    await store().save({ entries });
    const { report: _report, ...summary } = entry;
    return summary;
  });
}

export function clearHistory(): Promise<void> {
  return serial(() => store().save({ entries: [] }));
}
