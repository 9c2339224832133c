/**
 * The human-readable reports against hostile values (issue 15): a certificate name with line
 * breaks, table bars and markup, and a report whose own fields were tampered with (it can come
 * back from history or a file) — a severity and a row index carrying HTML.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyFiles } from '../../../src-core/inspect/verify-files';
import { renderHtml } from '../../../src-core/report/html';
import { renderMarkdown } from '../../../src-core/report/markdown';
import { buildReport, type InspectionReport } from '../../../src-core/report/report';
import { issueCert } from '../../../src-main/services/lab';

const forgedName =
  'evil\n# Forged heading\n| 9 | forged row | leaf | `x` |\r\n- **ERROR `forged` — Forged finding**\u2028[click](http://evil.example)<img src=x onerror=alert(1)>';

let report: InspectionReport;
beforeAll(async () => {
  const root = await issueCert({ commonName: 'Escaping Root', isCa: true });
  const leaf = await issueCert({ commonName: forgedName, issuer: root, dnsNames: ['escaping.test'] });
  const anchors = [{ name: 'public', certificates: [root.der] }];
  const verdict = await verifyFiles({ certificates: [leaf.der], anchors, host: 'other.test' });
  report = await buildReport({
    verify: {
      ...verdict,
      aiaFetches: [
        { url: 'http://aia.test/\n# Forged fetch', status: 'refused', certificates: 0, detail: 'x|y' },
      ],
    },
    presented: [leaf.der],
    presentedSource: 'file',
    trustStores: anchors,
    toolVersion: '0.1.0',
  });
});

describe('Markdown report', () => {
  it('keeps a certificate name with line breaks on its own line: nothing can be forged', () => {
    const markdown = renderMarkdown(report);
    const lines = markdown.split('\n');
    expect(lines.filter((line) => line.startsWith('#'))).toEqual([
      expect.stringMatching(/^# Certscope report: Certificate files$/),
      '## Chain of trust (root first)',
      '## As sent by the server',
      '## AIA fetches',
      expect.stringMatching(/^## Findings \(\d+\)$/),
    ]);
    expect(lines.filter((line) => line.startsWith('|'))).toHaveLength(3);
    expect(markdown).not.toMatch(/^- \*\*ERROR `forged`/m);
    expect(markdown).not.toMatch(/\u2028|\r/);
    // The name is still there, readable, with its markup made inert (the reader shows the
    // control characters as \x0a, which the Markdown keeps as text).
    expect(markdown).toMatch(/evil\\+x0a# Forged heading\\+x0a\\\| 9 \\\| forged row/);
    expect(markdown).toContain('\\[click\\](http://evil.example)');
    expect(markdown).not.toMatch(/(^|[^\\])<img/m);
  });

  it('passes every table cell and list item through the same escaping, tampered fields too', () => {
    const tampered = {
      ...report,
      presented: report.presented.map((item) => ({ ...item, role: 'leaf\n# Forged role', sha256: '`\n# x' })),
      findings: report.findings.map((item) => ({ ...item, severity: 'error\n# Forged' })),
    } as unknown as InspectionReport;
    const lines = renderMarkdown(tampered).split('\n');
    expect(lines.some((line) => /^# (Forged|x)/.test(line))).toBe(false);
  });
});

describe('HTML report', () => {
  it('escapes a tampered severity and row index, and takes class names from a fixed list', () => {
    const tampered = {
      ...report,
      presented: report.presented.map((item) => ({ ...item, index: '<img src=x onerror=alert(1)>' })),
      findings: report.findings.map((item) => ({
        ...item,
        severity: '"><script>alert(1)</script>',
      })),
    } as unknown as InspectionReport;
    const html = renderHtml(tampered);
    expect(html).not.toMatch(/<script|<img/i);
    for (const match of html.matchAll(/class="([^"]*)"/g))
      expect([
        'verdict ok',
        'verdict bad',
        'chain',
        'role',
        'error',
        'warning',
        'info',
        'client',
        'server',
        'note',
      ]).toContain(match[1]);
    // Not a number: shown as what it is, never as markup.
    expect(html).toContain('<tr><td>NaN</td>');
  });

  it('escapes the certificate name and the AIA fetch lines', () => {
    const html = renderHtml(report);
    expect(html).not.toMatch(/<img/i);
    expect(html).toMatch(/&lt;img src\\?=x onerror\\?=alert\(1\)/);
    expect(html).toContain('<h2>AIA fetches</h2>');
  });
});
