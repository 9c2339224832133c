/**
 * A dropped certificate whose AIA URL points at 127.0.0.1 (issue 15): the app does not fetch it —
 * the dropped-chain verdict lists the URL as not fetched and says why — until the user allows
 * private addresses for files in Settings; then the issuer is fetched and the chain completes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, issueCert, startHttpFileServer, type LabHttpServer } from '../lab';
import { dataDirTrusting, dropFiles, openAppPage, screenshot, type WebApp } from './support/browser';

describe('AIA fetches for dropped files', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let files: LabHttpServer;
  let host: string;

  beforeAll(async () => {
    const scenario = await buildScenario('good');
    host = scenario.host;
    files = await startHttpFileServer({ '/issuer.der': { body: scenario.intermediates[0].der } });
    const leaf = await issueCert({
      commonName: host,
      issuer: scenario.intermediates[0],
      dnsNames: [host],
      aiaCaIssuersUrl: files.url('/issuer.der'),
    });
    ({ app, browser, page } = await openAppPage(
      { CERTSCOPE_DATA_DIR: await dataDirTrusting([scenario.root.der]) },
      {},
      'drop-zone',
    ));
    await dropFiles(page, [{ name: 'leaf.pem', content: leaf.pem }]);
    await page.getByTestId('dropped-check').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await files?.close();
  });

  async function check(): Promise<string> {
    await page.getByTestId('dropped-host').fill(host);
    await page.getByTestId('dropped-check-button').click();
    await page.getByTestId('aia-fetch').first().waitFor();
    return (await page.getByTestId('aia-fetch').first().textContent()) ?? '';
  }

  it('does not fetch from 127.0.0.1, and says so beside the verdict', async () => {
    const line = await check();
    expect(line).toMatch(/not fetched/);
    expect(line).toMatch(
      /127\.0\.0\.1 is a loopback address; fetching from private addresses is off for files/,
    );
    expect(files.requests).toEqual([]);
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(/^Not trusted/);
    await screenshot(page, 'aia-fetch-refused');
  });

  it('fetches once the user allows private addresses for files', async () => {
    await page.getByTestId('settings-toggle').click();
    await page.getByTestId('setting-private-fetches').check();
    await page.getByTestId('settings-save').click();
    await page.getByText('Saved.').waitFor();
    await page.getByTestId('settings-toggle').click();
    await expect
      .poll(check, { timeout: 20_000 })
      .toMatch(/^\s*fetched\s*http:.*1 certificate from 127\.0\.0\.1/s);
    expect(files.requests).toEqual(['/issuer.der']);
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(/^Trusted/);
    await screenshot(page, 'aia-fetch-allowed');
  });
});
