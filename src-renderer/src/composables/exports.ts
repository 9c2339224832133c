/**
 * Exports of the current inspection: the report (JSON, HTML, Markdown) and certificates (PEM as
 * presented, the fixed chain). Files are offered as downloads — the browser's or Electron's save
 * flow — and never contain private keys (the report holds certificates and facts only).
 */
import { bytesToBase64 } from '../../../src-core/api/base64';
import { renderHtml } from '../../../src-core/report/html';
import { renderMarkdown } from '../../../src-core/report/markdown';
import { buildReport, reportToJson } from '../../../src-core/report/report';
import type { ProbeResult } from '../../../src-core/tls/types';
import type { TrustAnchorStore, VerifyResult } from '../../../src-core/verify';

export type ExportKind = 'json' | 'html' | 'markdown' | 'presented-pem' | 'fixed-chain-pem';

const types: Record<ExportKind, { mime: string; extension: string }> = {
  json: { mime: 'application/json', extension: 'json' },
  html: { mime: 'text/html', extension: 'html' },
  markdown: { mime: 'text/markdown', extension: 'md' },
  'presented-pem': { mime: 'application/x-pem-file', extension: 'pem' },
  'fixed-chain-pem': { mime: 'application/x-pem-file', extension: 'pem' },
};

function pemOf(der: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${bytesToBase64(der)
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

export async function exportContent(
  kind: ExportKind,
  probe: ProbeResult,
  verify: VerifyResult,
  stores: TrustAnchorStore[],
  toolVersion: string,
): Promise<string> {
  if (kind === 'presented-pem') return probe.presented.map(pemOf).join('');
  if (kind === 'fixed-chain-pem') return verify.fixedChain.map(pemOf).join('');
  const report = await buildReport({
    verify,
    presented: probe.presented,
    presentedSource: probe.presentedSource,
    probe,
    trustStores: stores,
    toolVersion,
  });
  if (kind === 'json') return reportToJson(report);
  return kind === 'html' ? renderHtml(report) : renderMarkdown(report);
}

export function fileName(kind: ExportKind, host: string): string {
  const base = host.replace(/[^a-z0-9.-]+/gi, '_');
  const suffix =
    kind === 'presented-pem' ? '-as-sent' : kind === 'fixed-chain-pem' ? '-fixed-chain' : '-certscope';
  return `${base}${suffix}.${types[kind].extension}`;
}

export function download(kind: ExportKind, name: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: types[kind].mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
