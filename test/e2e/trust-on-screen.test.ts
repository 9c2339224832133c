/**
 * Trust changes show where they are made (issue 17, major points 2 and 3 for dropped files, and
 * the trust panel's minor points): a dropped PKCS#12 checked as a chain labels its self-signed
 * root a root ("root — not trusted"); "Trust this certificate as an anchor" turns that verdict
 * green on screen and becomes "Remove from my anchors", which turns it red again. The trust panel
 * spans its width, flags an expired anchor, and offers no "trust" on a public root.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, issueCert } from '../../src-main/services/lab';
import { dataDirTrusting, dropFiles, openAppPage, type WebApp } from './support/browser';
import { screenshotEveryWay } from './support/views';

describe('trust changes show on screen', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let p12: Uint8Array;

  beforeAll(async () => {
    const scenario = await buildScenario('untrusted-root');
    const dir = mkdtempSync(join(tmpdir(), 'certscope-e2e-trust-on-screen-'));
    const file = (name: string) => join(dir, name);
    writeFileSync(file('leaf.pem'), scenario.leaf.pem);
    writeFileSync(file('leaf.key'), scenario.leaf.key.pkcs8Pem, { mode: 0o600 });
    writeFileSync(file('chain.pem'), scenario.intermediates[0].pem + scenario.root.pem);
    execFileSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-in',
        file('leaf.pem'),
        '-inkey',
        file('leaf.key'),
        '-certfile',
        file('chain.pem'),
        '-passout',
        'pass:lab',
        '-out',
        file('site.p12'),
      ],
      { stdio: 'pipe' },
    );
    p12 = new Uint8Array(readFileSync(file('site.p12')));
    // An anchor of the user's that expired last month, for the trust panel to flag.
    const expiredRoot = await issueCert({
      commonName: 'Certscope Expired Root',
      isCa: true,
      notBefore: new Date(Date.now() - 400 * 86_400_000),
      notAfter: new Date(Date.now() - 30 * 86_400_000),
    });
    ({ app, browser, page } = await openAppPage(
      { CERTSCOPE_DATA_DIR: await dataDirTrusting([expiredRoot.der]) },
      { viewport: { width: 1440, height: 900 }, bypassCSP: true },
      'drop-zone',
    ));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const sentence = () => page.getByTestId('dropped-check').getByTestId('verdict-sentence').textContent();

  it('a dropped PKCS#12 checked as a chain: its self-signed root is "root — not trusted"', async () => {
    await dropFiles(page, [{ name: 'site.p12', content: p12 }]);
    await page.getByTestId('password-input').fill('lab');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('dropped-check').waitFor();
    await page.getByTestId('dropped-host').fill('localhost');
    await page.getByTestId('dropped-check-button').click();
    await expect.poll(sentence, { timeout: 10_000 }).toMatch(/\(root not trusted\)\.$/);
    // The chain is drawn a frame after the verdict.
    await expect
      .poll(() => page.getByTestId('chain-node-role').allTextContents())
      .toEqual(['root — not trusted', 'intermediate', 'leaf']);
  });

  it('"Trust this certificate as an anchor" turns the verdict green on screen, then "Remove" turns it red', async () => {
    await page.locator('[data-testid="chain-node"][data-role="root"]').click();
    await page.getByTestId('trust-this').click();
    await expect.poll(sentence, { timeout: 10_000 }).toMatch(/^Trusted on this machine only/);
    await expect(page.getByTestId('untrust-this').textContent()).resolves.toContain('Remove from my anchors');
    // The chain is drawn a frame after the verdict.
    await expect
      .poll(() => page.getByTestId('chain-node-role').allTextContents())
      .toEqual(['root', 'intermediate', 'leaf']);
    const root = page.locator('[data-testid="graph-node"][data-role="root"]');
    await expect(root.getByTestId('graph-node-source').textContent()).resolves.toBe('in your anchors');
    const leaf = page.locator('[data-testid="graph-node"][data-role="leaf"]');
    await expect(leaf.getByTestId('graph-node-source').textContent()).resolves.toBe('from your files');
    expect(await screenshotEveryWay(page, 'dropped-chain-trusted')).toEqual([]);

    await page.getByTestId('untrust-this').click();
    await expect.poll(sentence, { timeout: 10_000 }).toMatch(/\(root not trusted\)\.$/);
    await expect(page.getByTestId('trust-this').textContent()).resolves.toContain('Trust this certificate');
  });

  it('the trust panel spans its width, flags an expired anchor, and offers no "trust" on a public root', async () => {
    await page.getByTestId('trust-toggle').click();
    await page.getByTestId('trust-anchor').first().waitFor({ timeout: 20_000 });
    const widths = await page.evaluate(() => {
      const panel = document.querySelector('[data-testid="trust-panel"]')!.getBoundingClientRect();
      const table = document.querySelector('.trust__table')!.getBoundingClientRect();
      return { panel: panel.width, table: table.width };
    });
    expect(widths.table / widths.panel).toBeGreaterThan(0.95);

    await page.getByTestId('trust-store-filter').selectOption('user');
    const expired = page.locator('[data-testid="trust-anchor"]', { hasText: 'Certscope Expired Root' });
    await expect(expired.getByTestId('trust-expired').textContent()).resolves.toBe('expired');
    await expired.getByTestId('trust-details').click();
    await page.getByTestId('trust-meaning-expired').waitFor();

    await page.getByTestId('trust-store-filter').selectOption('public');
    const firstPublic = page.getByTestId('trust-anchor').first();
    expect(await firstPublic.getByTestId('trust-remove').count()).toBe(0);
    await firstPublic.getByTestId('trust-details').click();
    const panel = page.getByTestId('trust-panel');
    await expect(panel.getByTestId('anchor-elsewhere').textContent()).resolves.toBe(
      'A trust anchor in the public store.',
    );
    expect(await panel.getByTestId('trust-this').count()).toBe(0);
    await page.getByTestId('trust-store-filter').selectOption('all');
    expect(await screenshotEveryWay(page, 'trust-panel')).toEqual([]);
  });
});
