/**
 * The root programs in the trust panel, end to end (web mode, Chromium): an anchor's details say
 * which programs include it and Chrome's constraint on it, from the data shipped in resources/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalScrollbars, seriousViolations } from './support/a11y';
import { openAppPage, screenshot, type AppPage } from './support/browser';

describe('root programs in the trust panel', () => {
  let opened: AppPage;

  beforeAll(async () => {
    // axe-core is injected as an inline script, which the app's CSP forbids: only this page bypasses it.
    opened = await openAppPage(
      { CERTSCOPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'certscope-e2e-programs-')) },
      { bypassCSP: true },
    );
    await opened.page.getByTestId('trust-toggle').click();
    await opened.page.getByTestId('trust-anchor').first().waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    await opened?.browser.close();
    await opened?.app.stop();
  });

  async function openAnchor(search: string) {
    const { page } = opened;
    await page.getByTestId('trust-store-filter').selectOption('public');
    await page.getByTestId('trust-search').fill(search);
    await expect.poll(() => page.getByTestId('trust-anchor').count()).toBe(1);
    await page.getByTestId('trust-details').click();
    await page.getByTestId('root-programs-summary').waitFor();
  }

  it("shows a constrained root's programs and Chrome's distrust date", async () => {
    const { page } = opened;
    await openAnchor('ePKI Root Certification Authority');
    await expect(page.getByTestId('root-programs-summary').textContent()).resolves.toBe(
      'Included by 6 of 7 root programs.',
    );
    const chrome = page.locator('[data-testid="root-program"][data-program="chrome"]');
    await expect(chrome.getAttribute('data-state')).resolves.toBe('included');
    await expect(chrome.getByTestId('root-program-note').allTextContents()).resolves.toEqual([
      'Chrome 139 and later: distrusted for certificates issued after 2025-07-31',
      'before Chrome 139: trusted with no date limit',
    ]);
    const mozilla = page.locator('[data-testid="root-program"][data-program="mozilla"]');
    await expect(mozilla.getAttribute('data-state')).resolves.toBe('absent');
    await expect(mozilla.textContent()).resolves.toContain('list of 2026-07-19');
    await page.getByTestId('root-programs').scrollIntoViewIfNeeded();
    await screenshot(page, 'root-programs');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await horizontalScrollbars(page)).toEqual([]);
  });

  it('shows a root every program includes', async () => {
    const { page } = opened;
    await page.getByTestId('trust-details').click(); // close the previous one
    await openAnchor('ISRG Root X1');
    await expect(page.getByTestId('root-programs-summary').textContent()).resolves.toBe(
      'Included by 7 of 7 root programs.',
    );
  });
});
