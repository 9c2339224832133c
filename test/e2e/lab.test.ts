/** The Lab screen: start a classic problem locally, inspect it, trust its root, see what remains. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, openAppPage, type WebApp } from './support/browser';

describe('lab', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openAppPage({
      CERTSCOPE_DATA_DIR: await mkdtemp(join(tmpdir(), 'certscope-e2e-lab-')),
    }));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists every classic problem with a description', async () => {
    await page.getByTestId('lab-toggle').click();
    // The list arrives from the service a moment after the panel opens.
    await page.getByTestId('lab-scenario').first().waitFor();
    const names = await page
      .locator('[data-testid="lab-scenario"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-scenario')));
    expect(names).toEqual(
      expect.arrayContaining([
        'expired',
        'wrong-host',
        'self-signed-leaf',
        'untrusted-root',
        'missing-intermediate',
        'wrong-order',
        'extra-certificate',
        'sha1-signature',
        'rsa1024-key',
        'client-auth',
      ]),
    );
  });

  it('settings: a longer expiry threshold warns about the lab leaf, a bad value is refused, and the dark theme applies', async () => {
    await page.getByTestId('settings-toggle').click();
    await page.getByTestId('setting-expiry').fill('-5');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-error').textContent()).resolves.toMatch(
      /must be a whole number from 0 to 3650/,
    );
    await page.getByTestId('setting-expiry').fill('400');
    await page.getByTestId('setting-theme').selectOption('dark');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const good = page.locator('[data-testid="lab-scenario"][data-scenario="good"]');
    await good.getByTestId('lab-start').click();
    await good.getByTestId('lab-inspect').click();
    await page.getByTestId('verdict').waitFor();
    await expect.poll(() => page.getByTestId('finding-code').allTextContents()).toContain('expires-soon');
    await screenshot(page, 'settings-dark');
    await page.getByTestId('setting-theme').selectOption('light');
    await page.getByTestId('setting-expiry').fill('30');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-toggle').click();
  });

  it('batch: several lab hosts and a dead one, with progress, a sortable table, and a row that opens', async () => {
    await page.getByTestId('lab-toggle').click();
    await page.getByTestId('lab-toggle').click();
    const ports: string[] = [];
    for (const name of ['not-yet-valid', 'wrong-host']) {
      const item = page.locator(`[data-testid="lab-scenario"][data-scenario="${name}"]`);
      await item.getByTestId('lab-start').click();
      ports.push(((await item.getByTestId('lab-address').textContent()) ?? '').trim());
    }
    await page.getByTestId('batch-toggle').click();
    await page.getByTestId('batch-hosts').fill([...ports, '127.0.0.1:1'].join('\n'));
    await page.getByTestId('batch-run').click();
    await expect.poll(() => page.getByTestId('batch-progress').getAttribute('aria-valuenow')).toBe('3');
    expect(await page.getByTestId('batch-verdict').allTextContents()).toEqual(
      expect.arrayContaining(['error', 'not trusted', 'not trusted']),
    );
    // Sorted by verdict: problems first, and the column says how it is sorted.
    await page.getByTestId('batch-sort-verdict').click();
    expect((await page.getByTestId('batch-verdict').allTextContents()).map((text) => text.trim())).toEqual([
      'error',
      'not trusted',
      'not trusted',
    ]);
    await expect(
      page.locator('th', { has: page.getByTestId('batch-sort-verdict') }).getAttribute('aria-sort'),
    ).resolves.toBe('ascending');
    // Findings by their titles, not their codes.
    await expect(page.getByTestId('batch-findings').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('Wrong host name')]),
    );
    await screenshot(page, 'batch');
    await page.getByTestId('batch-open').first().click();
    await page.getByTestId('verdict').waitFor();
    await page.getByTestId('batch-toggle').click();
  });

  it('starts the "expired" lab, inspects it, and the only error is the expiry (its root trusted for the Lab)', async () => {
    const expired = page.locator('[data-testid="lab-scenario"][data-scenario="expired"]');
    await expired.getByTestId('lab-start').click();
    await expect(expired.getByTestId('lab-address').textContent()).resolves.toMatch(/^localhost:\d+$/);
    await expired.getByTestId('lab-inspect').click();
    await expect
      .poll(() => page.getByTestId('verdict-sentence').textContent(), { timeout: 5000 })
      .toMatch(/^Not trusted: .*\(expired\)/);
    // The findings are drawn a frame after the verdict (the banner paints first).
    await page.getByTestId('finding').first().waitFor();
    const errors = await page
      .locator('[data-testid="finding"].finding--error [data-testid="finding-code"]')
      .allTextContents();
    expect(errors).toEqual(['expired']);
    await screenshot(page, 'lab-expired');
    await page.getByTestId('lab-stop').click();
    await expect.poll(() => expired.getByTestId('lab-start').isVisible()).toBe(true);
  });

  it('trust stores: counts side by side, search, distrust and trust again, remove a user anchor', async () => {
    // A user anchor: the untrusted-root scenario's root, trusted from the Lab.
    const untrusted = page.locator('[data-testid="lab-scenario"][data-scenario="untrusted-root"]');
    await untrusted.getByTestId('lab-start').click();
    await untrusted.getByTestId('lab-trust').click();
    await expect.poll(() => untrusted.getByTestId('lab-trust').textContent()).toContain('Remove its root');
    await page.getByTestId('trust-toggle').click();
    await expect
      .poll(async () => (await page.getByTestId('trust-store-count').allTextContents()).join(' '))
      .toMatch(/public: \d{3}/);
    const counts = await page.getByTestId('trust-store-count').allTextContents();
    expect(counts.map((text) => text.split(':')[0])).toEqual(['public', 'system', 'user']);
    await page.getByTestId('trust-search').fill('Certscope Lab Root (untrusted-root)');
    const row = page.getByTestId('trust-anchor');
    await expect.poll(() => row.count()).toBe(1);
    await expect(row.textContent()).resolves.toContain('user');
    await screenshot(page, 'trust-stores');
    await row.getByTestId('trust-remove').click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => untrusted.getByTestId('lab-trust').textContent()).toContain('Trust its root');

    await page.getByTestId('trust-search').fill('ISRG Root X1');
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    const before = await row.count();
    await row.first().getByTestId('trust-distrust').click();
    await expect.poll(() => page.getByTestId('trust-distrusted').count()).toBe(1);
    // Distrusted everywhere: in the public and the system store alike.
    await expect.poll(() => row.count()).toBe(0);
    await page.getByTestId('trust-again').click();
    await expect.poll(() => row.count()).toBe(before);
  });
});
