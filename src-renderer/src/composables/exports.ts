/**
 * Exports of the current inspection: the report (JSON, HTML, Markdown, PDF) and certificates (PEM
 * as presented, the fixed chain with or without its root). Files go through `saveFile` — the save
 * dialog in the app, a download in web mode — and never contain private keys (the report holds
 * certificates and facts only).
 */
import { fixedChainCertificates, pemBundle } from '../../../src-core/report/certificates';
import { renderHtml } from '../../../src-core/report/html';
import { renderMarkdown } from '../../../src-core/report/markdown';
import { buildReport, reportToJson } from '../../../src-core/report/report';
import type { ClientVerdicts } from '../../../src-core/clients';
import type { ProbeResult } from '../../../src-core/tls/types';
import type { TrustStoreSummary } from '../../../src-core/inspect/anchor-lookup';
import type { VerifyResult } from '../../../src-core/verify';
import { useApi } from '../api/client';
import { saveFile, type SaveResult } from './saveFile';

export type ExportKind = 'json' | 'html' | 'markdown' | 'pdf' | 'presented-pem' | 'fixed-chain-pem';

export interface ExportOptions {
  /** Fixed chain only: append the trust anchor the chain reached. */
  includeRoot: boolean;
  /** Reports: every client's verdict, led as on screen (the report's per-client table). */
  clients?: ClientVerdicts;
}

export const pemMime = 'application/x-pem-file';

const types: Record<ExportKind, { mime: string; extension: string }> = {
  json: { mime: 'application/json', extension: 'json' },
  html: { mime: 'text/html', extension: 'html' },
  markdown: { mime: 'text/markdown', extension: 'md' },
  pdf: { mime: 'application/pdf', extension: 'pdf' },
  'presented-pem': { mime: pemMime, extension: 'pem' },
  'fixed-chain-pem': { mime: pemMime, extension: 'pem' },
};

export async function exportContent(
  kind: ExportKind,
  probe: ProbeResult,
  verify: VerifyResult,
  stores: TrustStoreSummary[],
  toolVersion: string,
  options: ExportOptions = { includeRoot: false },
): Promise<string | Uint8Array> {
  if (kind === 'presented-pem') return pemBundle(probe.presented);
  if (kind === 'fixed-chain-pem') return pemBundle(fixedChainCertificates(verify, options.includeRoot));
  const report = await buildReport({
    verify,
    presented: probe.presented,
    presentedSource: probe.presentedSource,
    probe,
    trustStores: stores,
    toolVersion,
    ...(options.clients ? { clients: options.clients } : {}),
  });
  if (kind === 'json') return reportToJson(report);
  // Printing needs a browser engine outside the page: Electron's, or Chromium in web mode.
  if (kind === 'pdf') return useApi().printReportPdf(report);
  return kind === 'html' ? renderHtml(report) : renderMarkdown(report);
}

/**
 * Files are named by what they are about and when: host (and port, unless 443), the capture's
 * date (UTC), then what the file holds — `example.com-2026-12-02-report.pdf`,
 * `localhost-8443-2026-12-02-fixed-chain.pem` — so exports of different hosts and days don't collide.
 */
export function fileName(
  kind: ExportKind,
  target: { asciiHost: string; port: number },
  capturedAt: Date,
  options?: ExportOptions,
): string {
  const host = target.asciiHost.replace(/[^a-z0-9.-]+/gi, '_');
  const port = target.port === 443 ? '' : `-${target.port}`;
  const what =
    kind === 'presented-pem'
      ? 'as-sent'
      : kind === 'fixed-chain-pem'
        ? options?.includeRoot
          ? 'fixed-chain-with-root'
          : 'fixed-chain'
        : 'report';
  return `${host}${port}-${capturedAt.toISOString().slice(0, 10)}-${what}.${types[kind].extension}`;
}

/** Builds the export and hands it to the save flow of the current mode. */
export async function saveExport(
  kind: ExportKind,
  probe: ProbeResult,
  verify: VerifyResult,
  stores: TrustStoreSummary[],
  toolVersion: string,
  options: ExportOptions,
  /** When the capture was made (a history entry's date; now for a live one). */
  capturedAt: Date = new Date(),
): Promise<SaveResult> {
  const content = await exportContent(kind, probe, verify, stores, toolVersion, options);
  return saveFile(fileName(kind, probe.target, capturedAt, options), content, types[kind].mime);
}
