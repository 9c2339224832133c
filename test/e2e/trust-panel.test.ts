/**
 * The trust store manager end to end: the three stores with counts, adding anchors from a file
 * (a PEM bundle with two roots), each anchor's full details with why it is trusted, and removing
 * one of the user's anchors again.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCert } from '../../src-main/services/lab';
import { launchChromium, screenshot, startWebApp, type WebApp } from './support/browser';

describe('trust store manager', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let bundlePath: string;

  beforeAll(async () => {
    const first = await issueCert({ commonName: 'Import Root One', isCa: true });
    const second = await issueCert({ commonName: 'Import Root Two', isCa: true, keySpec: 'rsa2048' });
    const dir = mkdtempSync(join(tmpdir(), 'certscope-e2e-trust-'));
    bundlePath = join(dir, 'corporate-roots.pem');
    writeFileSync(bundlePath, `Our roots:\n${first.pem}${second.pem}`);
    app = await startWebApp({ CERTSCOPE_DATA_DIR: join(dir, 'data') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(app.url);
    await page.getByTestId('trust-toggle').click();
    await page.getByTestId('trust-anchor').first().waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const userCount = async () => {
    const counts = await page.getByTestId('trust-store-count').allTextContents();
    return Number(/user: (\d+)/.exec(counts.join(' '))?.[1] ?? 0);
  };

  it('adds every certificate of a file as a user anchor', async () => {
    expect(await userCount()).toBe(0);
    await page.getByTestId('trust-file-picker').setInputFiles(bundlePath);
    await expect(page.getByTestId('trust-add-status').textContent()).resolves.toBe(
      'Added 2 anchors from 1 file.',
    );
    await expect.poll(userCount).toBe(2);
    await page.getByTestId('trust-store-filter').selectOption('user');
    const names = await page.getByTestId('trust-anchor').locator('strong').allTextContents();
    expect(names.sort()).toEqual(['Import Root One', 'Import Root Two']);
  });

  it("shows an anchor's details and why it is trusted", async () => {
    await page.getByTestId('trust-details').first().click();
    await expect(page.getByTestId('trust-meaning').textContent()).resolves.toContain(
      'One of your own anchors',
    );
    await expect(page.getByTestId('detail-subject').textContent()).resolves.toMatch(
      /CN=Import Root (One|Two)/,
    );
    await page.getByTestId('trust-store-filter').selectOption('public');
    await page.getByTestId('trust-details').first().click();
    await expect(page.getByTestId('trust-meaning').textContent()).resolves.toContain(
      "Mozilla's root program",
    );
    await page.getByTestId('details-tab-extensions').click();
    await page.getByTestId('extension').first().waitFor();
    await screenshot(page, 'trust-anchor-details');
  });

  it('removes a user anchor', async () => {
    await page.getByTestId('trust-store-filter').selectOption('user');
    await page.getByTestId('trust-remove').first().click();
    await expect.poll(userCount).toBe(1);
  });
});
