/**
 * Exports in web mode, end to end: the PDF report (printed by Debian's Chromium in the service,
 * downloaded by the page) holds the verdict and every finding code, read back with pdftotext; the
 * fixed chain with "include the root" ends with the root.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildScenario,
  startNodeTlsServer,
  type LabServer,
  type Scenario,
} from '../../src-main/services/lab';
import { dataDirTrusting, screenshot, openAppPage, type WebApp } from './support/browser';

describe('exports in web mode', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let server: LabServer;
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await buildScenario('extra-certificate');
    // The lab root as the user's own anchor: a trusted chain with findings (extra, local anchor).
    const dataDir = await dataDirTrusting([scenario.root.der]);
    server = await startNodeTlsServer({ chain: scenario.presented });
    ({ app, browser, page } = await openAppPage({ CERTSCOPE_DATA_DIR: dataDir }, { acceptDownloads: true }));
    await page.getByTestId('host-input').fill(`localhost:${server.port}`);
    await page.getByTestId('host-input').press('Enter');
    await page.getByTestId('verdict').waitFor();
    await page.getByTestId('chain-node').first().waitFor(); // drawn a frame after the verdict
  });

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    await app?.stop();
  });

  async function exportAs(kind: string): Promise<Download> {
    await page.getByTestId('export-kind').selectOption(kind);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-button').click(),
    ]);
    return download;
  }

  it('exports the report as a PDF whose text has the verdict and every finding code', async () => {
    const headline = ((await page.getByTestId('verdict-sentence').textContent()) ?? '').split(':')[0];
    const codes = await page.getByTestId('finding-code').allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    // The report words its verdict itself; the PDF must carry the same sentence as the HTML page.
    const html = readFileSync(await (await exportAs('html')).path(), 'utf8');
    const reportVerdict = /<p class="verdict [a-z]+">([^<]+)<\/p>/.exec(html)?.[1] ?? '';
    expect(reportVerdict.startsWith(headline)).toBe(true);
    const pdf = await exportAs('pdf');
    // Named by host, port and day, not the same name for every export.
    expect(pdf.suggestedFilename()).toBe(
      `localhost-${server.port}-${new Date().toISOString().slice(0, 10)}-report.pdf`,
    );
    const path = await pdf.path();
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', path, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    const unescaped = reportVerdict
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    // pdftotext joins a word hyphenated at a line's end ("extra-" + "certificate"): compare without hyphens.
    const dehyphenated = text.replace(/-/g, '');
    expect(dehyphenated).toContain(unescaped.replace(/-/g, ''));
    for (const code of codes) expect(dehyphenated).toContain(code.replace(/-/g, ''));
    // The as-sent table marks the extra certificate, and fits the printed page (A4 less the 10 mm margins: 718 px).
    expect(text).toContain('not part of the chain');
    const printed = await browser.newPage({ viewport: { width: 718, height: 1000 } });
    await printed.emulateMedia({ media: 'print' });
    await printed.setContent(html);
    expect(await printed.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(718);
    await printed.close();
    await screenshot(page, 'export-pdf');
  });

  it('exports the fixed chain with the root when "include the root" is ticked', async () => {
    await page.getByTestId('export-kind').selectOption('fixed-chain-pem');
    await page.getByTestId('export-include-root').check();
    const chain = await exportAs('fixed-chain-pem');
    expect(chain.suggestedFilename()).toMatch(
      new RegExp(`^localhost-${server.port}-\\d{4}-\\d\\d-\\d\\d-fixed-chain-with-root\\.pem$`),
    );
    expect(readFileSync(await chain.path(), 'utf8')).toBe(
      scenario.leaf.pem + scenario.intermediates[0].pem + scenario.root.pem,
    );
    await page.getByTestId('export-include-root').uncheck();
    const withoutRoot = await exportAs('fixed-chain-pem');
    expect(readFileSync(await withoutRoot.path(), 'utf8')).toBe(
      scenario.leaf.pem + scenario.intermediates[0].pem,
    );
  });
});
