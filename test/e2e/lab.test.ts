/** The Lab screen: start a classic problem locally, inspect it, trust its root, see what remains. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, startWebApp, type WebApp } from './support/browser';

describe('lab', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startWebApp({ CERTSCOPE_DATA_DIR: await mkdtemp(join(tmpdir(), 'certscope-e2e-lab-')) });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists every classic problem with a description', async () => {
    await page.getByTestId('lab-toggle').click();
    const names = await page.locator('[data-testid="lab-scenario"] strong').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['expired', 'wrong-host', 'self-signed-leaf', 'untrusted-root', 'missing-intermediate', 'wrong-order', 'extra-certificate', 'sha1-signature', 'rsa1024-key', 'client-auth']));
  });

  it('starts the "expired" lab, inspects it, and once its root is trusted the only error left is the expiry', async () => {
    const expired = page.locator('[data-testid="lab-scenario"]', { hasText: 'expired ten days ago' });
    await expired.getByTestId('lab-start').click();
    await expect(expired.getByTestId('lab-address').textContent()).resolves.toMatch(/^localhost:\d+$/);
    await expired.getByTestId('lab-trust').click();
    await expired.getByTestId('lab-inspect').click();
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(/^Not trusted: .*\(expired\)/);
    const errors = await page.locator('[data-testid="finding"].finding--error [data-testid="finding-code"]').allTextContents();
    expect(errors).toEqual(['expired']);
    await screenshot(page, 'lab-expired');
    await page.getByTestId('lab-stop').click();
    await expect(expired.getByTestId('lab-start').isVisible()).resolves.toBe(true);
  });
});
