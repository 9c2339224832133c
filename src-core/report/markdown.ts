/** The report as Markdown, for tickets and chat. */
import type { InspectionReport } from './report';
import {
  chainFromRoot,
  describeRevocation,
  presentedNote,
  readableTime,
  shortName,
  verdictSentence,
} from './text';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: InspectionReport): string {
  const lines: string[] = [];
  const title = report.target ? `${report.target.host}:${report.target.port}` : 'Certificate files';
  lines.push(`# Certscope report: ${title}`, '', `**${verdictSentence(report)}**`, '');
  if (report.target && report.handshake) {
    lines.push(
      `- Address: ${report.target.address}${report.target.sni ? `, SNI ${report.target.sni}` : ', no SNI'}`,
      `- ${report.handshake.version}, ${report.handshake.cipherSuite}${report.handshake.group ? `, ${report.handshake.group}` : ''}${report.handshake.alpn ? `, ALPN ${report.handshake.alpn}` : ''}`,
      `- Validated at ${readableTime(report.validationTime)}; Certscope ${report.toolVersion}`,
      '',
    );
  }
  lines.push('## Chain of trust (root first)', '');
  for (const node of chainFromRoot(report))
    lines.push(
      `1. **${cell(shortName(node.certificate))}** — ${node.role}, ${node.source}, valid until ${node.certificate?.notAfter.slice(0, 10) ?? '?'}`,
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
      `| ${item.index + 1} | ${cell(shortName(item))} | ${item.role} | ${presentedNote(report, item.index)} | \`${item.sha256.slice(0, 16)}…\` |`,
    );
  if (report.revocation) {
    lines.push('', '## Revocation (leaf first)', '');
    for (const check of report.revocation)
      lines.push(
        `- **${cell(shortName(report.certificates[check.sha256]))}**: ${cell(describeRevocation(check))}`,
      );
  }
  lines.push('', `## Findings (${report.findings.length})`, '');
  if (report.findings.length === 0)
    lines.push('Nothing to report: the chain is complete, in order, and valid.');
  for (const item of report.findings) {
    const on = item.sha256 ? ` on ${shortName(report.certificates[item.sha256])}` : '';
    lines.push(
      `- **${item.severity.toUpperCase()} \`${item.code}\` — ${item.title}**${on}${item.detail ? ` (${item.detail})` : ''}`,
      `  ${item.message}`,
      `  *Fix:* ${item.fix}`,
    );
  }
  if (report.handshake?.messages.length) {
    lines.push('', '## Handshake', '');
    for (const message of report.handshake.messages) {
      const facts = message.facts.map((fact) => `${fact.label}: ${fact.value}`).join('; ');
      lines.push(
        `- ${message.direction === 'client' ? '→' : '←'} ${message.name}${message.encrypted ? ' (encrypted)' : ''}${facts ? ` — ${facts}` : ''}`,
      );
    }
  }
  for (const note of report.notes) lines.push('', `> ${note}`);
  return lines.join('\n') + '\n';
}
