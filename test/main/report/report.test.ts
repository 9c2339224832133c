/**
 * Reports from real lab inspections: the JSON validates against the shipped schema, the HTML is
 * self-contained and escapes what servers put in certificates, and both name every finding.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { findChromium } from '../../../src-main/services/report/pdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyProbeResult } from '../../../src-core/inspect/verify-probe';
import { renderHtml } from '../../../src-core/report/html';
import { renderMarkdown } from '../../../src-core/report/markdown';
import { presentedNote } from '../../../src-core/report/text';
import { verifyChain } from '../../../src-core/verify';
import { buildReport, type InspectionReport } from '../../../src-core/report/report';
import { memoryIo, validateReport } from '../support/cli-io';
import { runCli } from '../../../src-main/cli/main';
import { buildScenario, issueCert, startNodeTlsServer, type LabServer } from '../../../src-main/services/lab';
import { probe } from '../../../src-main/services/probe';

const validate = validateReport;

describe('reports', () => {
  const servers: LabServer[] = [];
  let report: InspectionReport;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'certscope-report-'));
    // A chain with problems to report, and a certificate name that tries to inject markup.
    const scenario = await buildScenario('extra-certificate');
    const hostile = await issueCert({
      commonName: '<script>alert(1)</script>',
      issuer: scenario.intermediates[0],
      dnsNames: ['hostile.test'],
      ipAddresses: ['127.0.0.1'],
    });
    const server = await startNodeTlsServer({
      chain: [hostile, scenario.others.unrelated, scenario.intermediates[0], scenario.intermediates[0]],
    });
    servers.push(server);
    const result = await probe({ target: `127.0.0.1:${server.port}` });
    const anchors = [{ name: 'public', certificates: [scenario.root.der] }];
    const verdict = await verifyProbeResult(result, { anchors, expiryDays: 0 });
    report = await buildReport({
      verify: verdict!,
      presented: result.presented,
      presentedSource: result.presentedSource,
      probe: result,
      trustStores: anchors,
      toolVersion: '0.1.0',
    });
    writeFileSync(join(dir, 'root.pem'), scenario.root.pem);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('the JSON report of a real inspection validates against resources/report.schema.json', () => {
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
    expect(report.presented.map((item) => item.role)).toEqual(['leaf', 'extra', 'intermediate', 'duplicate']);
    expect(report.findings.map((item) => item.code)).toEqual(
      expect.arrayContaining(['extra-certificate', 'duplicate-certificate']),
    );
    expect(report.findings.find((item) => item.code === 'extra-certificate')?.cert).toBe(1);
  });

  it('the schema rejects a report that breaks it (the test can fail)', () => {
    expect(validate({ ...report, trusted: 'yes' })).toBe(false);
    expect(validate({ ...report, findings: [{ code: 'Bad Code', severity: 'fatal' }] })).toBe(false);
  });

  it('HTML: self-contained, escaped, with the verdict, the chain, every finding and the PEMs', () => {
    const html = renderHtml(report);
    expect(html).not.toMatch(/<script|<link|src=|href=|@import|url\(/i);
    expect(html).toMatch(/\\?&lt;script\\?&gt;alert\(1\)/);
    expect(html).toMatch(/Trusted: a browser would accept the certificate for 127\.0\.0\.1/);
    for (const finding of report.findings) expect(html).toContain(finding.code);
    expect(html).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('the as-sent table says what is wrong with each certificate sent; times read as UTC, not raw ISO', async () => {
    expect(report.presented.map((item) => presentedNote(report, item.index))).toEqual([
      '',
      'not part of the chain',
      '',
      'duplicate of #3',
    ]);
    // Sent leaf, the intermediate next to the root, then the one that signed the leaf.
    const scenario = await buildScenario('wrong-order');
    const sent = scenario.presented.map((cert) => cert.der);
    const anchors = [{ name: 'public', certificates: [scenario.root.der] }];
    const verdict = await verifyChain({
      leaf: sent[0],
      intermediates: sent.slice(1),
      presented: sent,
      anchors,
    });
    const wrong = await buildReport({
      verify: verdict,
      presented: sent,
      presentedSource: 'wire',
      trustStores: anchors,
      toolVersion: '0.1.0',
    });
    expect(wrong.presented.map((item) => presentedNote(wrong, item.index))).toEqual([
      '',
      '',
      'out of order: belongs before #2',
    ]);
    const html = renderHtml(wrong);
    expect(html).toContain('<td class="note">out of order: belongs before #2</td>');
    expect(renderMarkdown(wrong)).toContain('| out of order: belongs before #2 |');
    expect(html).toMatch(/Validated at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(html).not.toMatch(/\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/);
  });

  it('Markdown: the verdict, the chain and every finding', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toMatch(/^# Certscope report: 127\.0\.0\.1:\d+\n\n\*\*Trusted: /);
    for (const finding of report.findings) expect(markdown).toContain(`\`${finding.code}\``);
  });

  it.skipIf(!findChromium())(
    '--pdf prints the HTML report with Chromium; its text has the verdict and every finding',
    async () => {
      const pdf = join(dir, 'report.pdf');
      await runCli(
        ['inspect', `127.0.0.1:${servers[0].port}`, '--ca', join(dir, 'root.pem'), '--ca-only', '--pdf', pdf],
        memoryIo(),
      );
      const text = execFileSync('pdftotext', [pdf, '-']).toString();
      expect(text).toMatch(/Trusted/);
      for (const code of ['extra-certificate', 'duplicate-certificate']) expect(text).toContain(code);
    },
    60_000,
  );

  it('the CLI writes --html and --markdown files atomically and refuses to overwrite without --force', async () => {
    const target = `127.0.0.1:${servers[0].port}`;
    const html = join(dir, 'report.html');
    const markdown = join(dir, 'report.md');
    const io = memoryIo();
    await runCli(
      [
        'inspect',
        target,
        '--ca',
        join(dir, 'root.pem'),
        '--ca-only',
        '--html',
        html,
        '--markdown',
        markdown,
        '--json',
      ],
      io,
    );
    expect(validate(JSON.parse(io.out)), JSON.stringify(validate.errors)).toBe(true);
    expect(existsSync(html) && existsSync(markdown)).toBe(true);
    expect(readFileSync(html, 'utf8')).toContain('extra-certificate');
    const again = memoryIo();
    expect(
      await runCli(['inspect', target, '--ca', join(dir, 'root.pem'), '--ca-only', '--html', html], again),
    ).toBe(2);
    expect(again.err).toMatch(/report\.html exists; add --force to overwrite it/);
    expect(
      await runCli(
        ['inspect', target, '--ca', join(dir, 'root.pem'), '--ca-only', '--html', html, '--force'],
        memoryIo(),
      ),
    ).toBe(0);
  });
});
