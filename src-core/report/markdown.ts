/**
 * The report as Markdown, for tickets and chat. Every value from a certificate, a server or a
 * stored report goes through `cell()` (or `code()` inside backticks): a name with a line break
 * can't start a line of its own (a forged heading, finding or table row), and one with `|`, `<`,
 * `[`, `]` or backticks can't break a table, inject HTML or make a link.
 */
import { clientAnswer } from './clients';
import { describeAiaFetch } from '../verify/aia-fetches';
import type { InspectionReport } from './report';
import {
  chainFromRoot,
  describeRevocation,
  familyLines,
  handshakeSummaryLines,
  presentedNote,
  readableTime,
  shortName,
  verdictSentence,
} from './text';

/** Any line or paragraph break a Markdown renderer (or an editor) might honour. */
const lineBreaks = /[\r\n\v\f\u0085\u2028\u2029]+/g;

export function cell(value: unknown): string {
  return String(value)
    .replace(lineBreaks, ' ')
    .replace(/[\\`|<>[\]]/g, (char) => `\\${char}`);
}

/** Inside a code span escapes don't work: backticks and breaks are dropped instead. */
export function code(value: unknown): string {
  return `\`${String(value).replace(lineBreaks, ' ').replace(/`/g, '')}\``;
}

export function renderMarkdown(report: InspectionReport): string {
  const lines: string[] = [];
  const title = report.target
    ? `${cell(report.target.host)}:${cell(report.target.port)}`
    : 'Certificate files';
  lines.push(`# Certscope report: ${title}`, '', `**${cell(verdictSentence(report))}**`, '');
  if (report.failure) lines.push(`> **The handshake did not complete:** ${cell(report.failure.message)}`, '');
  if (report.target && report.handshake) {
    const { target, handshake } = report;
    lines.push(
      `- Address: ${cell(target.address)}${target.sni ? `, SNI ${cell(target.sni)}` : ', no SNI'}`,
      `- ${cell(handshake.version)}, ${cell(handshake.cipherSuite)}${handshake.group ? `, ${cell(handshake.group)}` : ''}${handshake.alpn ? `, ALPN ${cell(handshake.alpn)}` : ''}`,
      ...handshakeSummaryLines(report).map((line) => `- ${cell(line)}`),
      `- Validated at ${cell(readableTime(report.validationTime))}; Certscope ${cell(report.toolVersion)}`,
      '',
    );
  }
  if (report.clients) {
    lines.push('## Who would trust it', '', '| client | answer | notes |', '| --- | --- | --- |');
    for (const row of report.clients.rows)
      lines.push(
        `| ${cell(row.label)} | ${cell(clientAnswer(row, row.client === report.clients.chosen))} | ${cell(row.notes.join(' '))} |`,
      );
    lines.push('');
  }
  lines.push('## Chain of trust (root first)', '');
  for (const node of chainFromRoot(report))
    lines.push(
      `1. **${cell(shortName(node.certificate))}** — ${cell(node.role)}, ${cell(node.source)}, valid until ${cell(node.certificate?.notAfter.slice(0, 10) ?? '?')}`,
    );
  lines.push(
    '',
    '## As sent by the server',
    '',
    '| # | certificate | role | note | SHA-256 |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const item of report.presented)
    lines.push(
      `| ${cell(Number(item.index) + 1)} | ${cell(shortName(item))} | ${cell(item.role)} | ${cell(presentedNote(report, Number(item.index)))} | ${code(`${String(item.sha256).slice(0, 16)}…`)} |`,
    );
  if (report.aiaFetches?.length) {
    lines.push('', '## AIA fetches', '');
    for (const record of report.aiaFetches) lines.push(`- ${cell(describeAiaFetch(record))}`);
  }
  const families = familyLines(report);
  if (families.length) {
    lines.push('', '## Every certificate the server has (one handshake per signature algorithm)', '');
    for (const family of families) {
      lines.push(`- **${cell(family.heading)}**`);
      for (const [index, certificate] of family.chain.entries())
        lines.push(
          `  ${index + 1}. ${cell(shortName(certificate))} — \`${certificate.sha256.slice(0, 16)}…\``,
        );
    }
  }
  if (report.revocation) {
    lines.push('', '## Revocation (leaf first)', '');
    for (const check of report.revocation)
      lines.push(
        `- **${cell(shortName(report.certificates[check.sha256]))}**: ${cell(describeRevocation(check))}`,
      );
  }
  lines.push('', `## Findings (${cell(report.findings.length)})`, '');
  if (report.findings.length === 0)
    lines.push('Nothing to report: the chain is complete, in order, and valid.');
  for (const item of report.findings) {
    const on = item.sha256 ? ` on ${cell(shortName(report.certificates[item.sha256]))}` : '';
    lines.push(
      `- **${cell(String(item.severity).toUpperCase())} ${code(item.code)} — ${cell(item.title)}**${on}${item.detail ? ` (${cell(item.detail)})` : ''}`,
      `  ${cell(item.message)}`,
      `  *Fix:* ${cell(item.fix)}`,
    );
  }
  if (report.handshake?.messages.length) {
    lines.push('', '## Handshake', '');
    for (const message of report.handshake.messages) {
      const facts = message.facts.map((fact) => `${fact.label}: ${fact.value}`).join('; ');
      lines.push(
        `- ${message.direction === 'client' ? '→' : '←'} ${cell(message.name)}${message.encrypted ? ' (encrypted)' : ''}${message.size ? ` ${message.size} B` : ''}${facts ? ` — ${cell(facts)}` : ''}`,
      );
    }
  }
  for (const note of report.notes) lines.push('', `> ${cell(note)}`);
  return lines.join('\n') + '\n';
}
