/**
 * The report as one self-contained HTML page: inline styles, no scripts, no external requests,
 * prints well. Every interpolated value is escaped — numbers and our own enums too, since a report
 * can come back from history or a file and need not be what we wrote — and class names come from
 * a fixed list.
 */
import { clientAnswer } from './clients';
import { describeAiaFetch } from '../verify/aia-fetches';
import type { InspectionReport } from './report';
import {
  chainFromRoot,
  describeRevocation,
  familyLines,
  handshakeSummaryLines,
  pem,
  presentedNote,
  readableTime,
  shortName,
  verdictSentence,
} from './text';

export function escapeHtml(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string,
  );
}

const severityClasses = new Set(['error', 'warning', 'info']);
const severityClass = (severity: unknown) =>
  severityClasses.has(String(severity)) ? String(severity) : 'info';

const styles = `
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#1b1f24;margin:24px auto;max-width:980px;padding:0 16px}
h1{font-size:22px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #d7dde4;padding-bottom:4px}
.verdict{padding:12px 16px;border-radius:8px;font-weight:600}.ok{background:#e6f4ea;border:1px solid #1a7f37}.bad{background:#fdecea;border:1px solid #c4251c}
.chain{list-style:none;padding:0}.chain li{border-left:4px solid #1a7f37;background:#f6f7f9;margin:0 0 14px;padding:6px 10px;border-radius:6px}
.role{font-size:11px;text-transform:uppercase;color:#5b6673;font-weight:700}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #d7dde4;padding:4px 8px;text-align:left;vertical-align:top}
td code{word-break:break-all}td{overflow-wrap:anywhere}.note{color:#9a6700;font-weight:600}
.error{color:#c4251c}.warning{color:#9a6700}.info{color:#5b6673}
code,pre{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:12px}pre{white-space:pre-wrap;word-break:break-all}
.client{text-align:left}.server{text-align:right}
@media print{body{margin:0}h2{break-after:avoid}li,tr{break-inside:avoid}}`;

export function renderHtml(report: InspectionReport): string {
  const e = escapeHtml;
  const title = report.target ? `${report.target.host}:${report.target.port}` : 'Certificate files';
  const chain = chainFromRoot(report)
    .map(
      (node) =>
        `<li><div class="role">${e(node.role)} · ${e(node.source)}</div><strong>${e(shortName(node.certificate))}</strong><div>${e(node.certificate?.subject ?? '')}</div><div>valid ${e(node.certificate?.notBefore.slice(0, 10) ?? '?')} → ${e(node.certificate?.notAfter.slice(0, 10) ?? '?')}</div></li>`,
    )
    .join('');
  const presented = report.presented
    .map(
      (item) =>
        `<tr><td>${e(Number(item.index) + 1)}</td><td>${e(shortName(item))}</td><td>${e(item.role)}</td><td class="note">${e(presentedNote(report, item.index))}</td><td><code>${e(item.sha256)}</code></td></tr>`,
    )
    .join('');
  const findings = report.findings.length
    ? report.findings
        .map(
          (item) =>
            `<li class="${severityClass(item.severity)}"><strong>${e(String(item.severity).toUpperCase())} <code>${e(item.code)}</code> — ${e(item.title)}</strong>${item.sha256 ? ` on ${e(shortName(report.certificates[item.sha256]))}` : ''}${item.detail ? ` (${e(item.detail)})` : ''}<p>${e(item.message)}</p><p><em>Fix:</em> ${e(item.fix)}</p></li>`,
        )
        .join('')
    : '<li>Nothing to report: the chain is complete, in order, and valid.</li>';
  const revocation = report.revocation
    ? `<h2>Revocation</h2><ul>${report.revocation
        .map(
          (check) =>
            `<li><strong>${e(shortName(report.certificates[check.sha256]))}</strong>: ${e(describeRevocation(check))}</li>`,
        )
        .join('')}</ul>`
    : '';
  const aiaFetches = report.aiaFetches?.length
    ? `<h2>AIA fetches</h2><ul>${report.aiaFetches.map((record) => `<li>${e(describeAiaFetch(record))}</li>`).join('')}</ul>`
    : '';
  const families = familyLines(report);
  const everyCertificate = families.length
    ? `<h2>Every certificate the server has</h2><ul>${families
        .map(
          (family) =>
            `<li><strong>${e(family.heading)}</strong><ol>${family.chain
              .map(
                (certificate) =>
                  `<li>${e(shortName(certificate))} <code>${e(certificate.sha256)}</code></li>`,
              )
              .join('')}</ol></li>`,
        )
        .join('')}</ul>`
    : '';
  const handshake = report.handshake
    ? `<h2>Handshake</h2><p>${e(report.handshake.version)}, ${e(report.handshake.cipherSuite)}${report.handshake.group ? `, ${e(report.handshake.group)}` : ''}</p><ul>${handshakeSummaryLines(
        report,
      )
        .map((line) => `<li>${e(line)}</li>`)
        .join('')}</ul><table><tr><th>Client</th><th>Server</th></tr>${report.handshake.messages
        .map((message) => {
          const text = `${e(message.name)}${message.encrypted ? ' (encrypted)' : ''}${message.size ? ` ${message.size} B` : ''}<br><small>${e(message.facts.map((fact) => `${fact.label}: ${fact.value}`).join('; '))}</small>`;
          return message.direction === 'client'
            ? `<tr><td class="client">${text} →</td><td></td></tr>`
            : `<tr><td></td><td class="server">← ${text}</td></tr>`;
        })
        .join('')}</table>`
    : '';
  const clients = report.clients
    ? `<h2>Who would trust it</h2><table class="clients"><tr><th>Client</th><th>Answer</th><th>Notes</th></tr>${report.clients.rows
        .map(
          (row) =>
            `<tr><td>${e(row.label)}</td><td class="${row.trusted ? 'ok' : 'bad'}">${e(clientAnswer(row, row.client === report.clients?.chosen))}</td><td>${e(row.notes.join(' '))}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const details = Object.values(report.certificates)
    .map(
      (certificate) =>
        `<h3>${e(shortName(certificate))}</h3><table><tr><th>Subject</th><td>${e(certificate.subject)}</td></tr><tr><th>Issuer</th><td>${e(certificate.issuer)}</td></tr><tr><th>Valid</th><td>${e(readableTime(certificate.notBefore))} → ${e(readableTime(certificate.notAfter))}</td></tr><tr><th>SHA-256</th><td><code>${e(certificate.sha256)}</code></td></tr></table><pre>${e(pem(certificate.der))}</pre>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Certscope report: ${e(title)}</title><style>${styles}</style></head><body>
<h1>Certscope report: ${e(title)}</h1>
<p class="verdict ${report.trusted ? 'ok' : 'bad'}">${e(verdictSentence(report))}</p>
${report.failure ? `<p class="verdict bad">The handshake did not complete: ${e(report.failure.message)}</p>` : ''}
<p>Validated at ${e(readableTime(report.validationTime))} · Certscope ${e(report.toolVersion)} · generated ${e(readableTime(report.generatedAt))}</p>
${clients}
<h2>Chain of trust</h2><ol class="chain">${chain}</ol>
<h2>As sent by the server</h2><table><tr><th>#</th><th>Certificate</th><th>Role</th><th>Note</th><th>SHA-256</th></tr>${presented}</table>
${aiaFetches}
${everyCertificate}
${revocation}
<h2>Findings (${e(report.findings.length)})</h2><ul>${findings}</ul>
${handshake}
<h2>Certificates</h2>${details}
${report.notes.map((note) => `<p><em>${e(note)}</em></p>`).join('')}
</body></html>
`;
}
