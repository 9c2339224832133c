/**
 * Accessibility on every screen, at 1024×700: axe-core finds no serious or critical violation,
 * nothing scrolls sideways, and the host bar does not move when results arrive.
 */
import { rootCertificates } from 'node:tls';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, startNodeTlsServer, type LabServer } from '../../src-main/services/lab';
import { horizontalScrollbars, seriousViolations } from './support/a11y';
import { dataDirTrusting, dropFiles, screenshot, openAppPage, type WebApp } from './support/browser';

describe('accessibility: every screen at 1024×700', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let server: LabServer;

  beforeAll(async () => {
    const scenario = await buildScenario('good');
    server = await startNodeTlsServer({ chain: scenario.presented });
    const dataDir = await dataDirTrusting([scenario.root.der]);
    // The app's CSP allows no inline script; axe-core is injected as one, so only this page bypasses it.
    ({ app, browser, page } = await openAppPage(
      { CERTSCOPE_DATA_DIR: dataDir },
      { viewport: { width: 1024, height: 700 }, bypassCSP: true },
    ));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await server?.close();
  });

  /** The checks every screen must pass; a screenshot of each, full page. */
  async function checkScreen(name: string): Promise<void> {
    await screenshot(page, `a11y-${name}`);
    expect(await seriousViolations(page), `${name}: axe`).toEqual([]);
    expect(await horizontalScrollbars(page), `${name}: horizontal scrollbars`).toEqual([]);
  }

  async function withPanel(panel: string, ready: () => Promise<unknown>, name = panel): Promise<void> {
    await page.getByTestId(`${panel}-toggle`).click();
    await ready();
    try {
      await checkScreen(name);
    } finally {
      await page.getByTestId(`${panel}-toggle`).click();
    }
  }

  it('the empty inspector', async () => {
    await page.getByTestId('drop-zone').waitFor();
    await checkScreen('empty');
  });

  it('an inspection result from a lab server, with no layout jump when it arrives', async () => {
    const bar = page.locator('form.host-bar');
    const before = await bar.boundingBox();
    await page.getByTestId('host-input').fill(`localhost:${server.port}`);
    await page.getByTestId('host-input').press('Enter');
    const progress = page.getByTestId('probe-progress');
    await progress.waitFor();
    const progressBefore = await progress.boundingBox();
    await page.getByTestId('verdict').waitFor();
    await expect
      .poll(() =>
        page.locator('[data-testid="progress-step"][data-phase="verify"]').getAttribute('data-state'),
      )
      .toBe('done');
    expect(await bar.boundingBox()).toEqual(before);
    // The progress line stays put too: the results are drawn below it.
    const progressAfter = await progress.boundingBox();
    expect(progressAfter?.y).toBe(progressBefore?.y);
    expect(progressAfter?.height).toBe(progressBefore?.height);
    await page.getByTestId('chain-node').first().waitFor(); // drawn a frame after the verdict
    await checkScreen('inspection');
  });

  it('dropped files, a bad one among them', async () => {
    await dropFiles(page, [
      { name: 'roots.pem', content: rootCertificates.slice(0, 3).join('\n') },
      { name: 'notes.txt', content: 'not a certificate' },
    ]);
    await page.getByTestId('input-error').waitFor();
    await checkScreen('dropped-files');
  });

  it('the trust stores', async () => {
    await withPanel('trust', () => page.getByTestId('trust-anchor').first().waitFor({ timeout: 20_000 }));
  });

  it('history', async () => {
    await withPanel('history', () => page.getByTestId('history-toggle').getAttribute('aria-expanded'));
  });

  it('batch, with a finished run', async () => {
    await page.getByTestId('batch-toggle').click();
    try {
      await page.getByTestId('batch-hosts').fill(`localhost:${server.port}\n127.0.0.1:1`);
      await page.getByTestId('batch-run').click();
      await expect.poll(() => page.getByTestId('batch-progress').getAttribute('aria-valuenow')).toBe('2');
      await checkScreen('batch');
    } finally {
      await page.getByTestId('batch-toggle').click();
    }
  });

  it('the lab', async () => {
    await withPanel('lab', () => page.getByTestId('lab-scenario').first().waitFor());
  });

  it('settings', async () => {
    await withPanel('settings', () => page.getByTestId('setting-expiry').waitFor());
  });

  it('the dark theme: the inspection, the dropped files and the settings', async () => {
    await page.getByTestId('settings-toggle').click();
    await page.getByTestId('setting-theme').selectOption('dark');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    try {
      await checkScreen('dark');
    } finally {
      await page.getByTestId('setting-theme').selectOption('light');
      await page.getByTestId('settings-save').click();
      await page.getByTestId('settings-toggle').click();
    }
  });
});
