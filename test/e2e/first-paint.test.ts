/**
 * The first paint comes from the page itself (index.html), before the script has loaded: the
 * header bar, drawn as the app draws it, so nothing moves when the app mounts over it.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, startWebApp, type WebApp } from './support/browser';

describe('first paint', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the header bar before the script runs, and the app replaces it in place', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Hold the app's script back until the shell has been looked at.
    await page.route(/\/assets\/.*\.js$/, async (route: Route) => {
      await held;
      await route.continue();
    });
    const loaded = page.goto(app.url);
    const shell = page.locator('.boot__bar');
    await shell.waitFor();
    const brand = page.getByText('Certscope', { exact: true });
    const before = { bar: await shell.boundingBox(), brand: await brand.boundingBox() };
    await expect(page.getByTestId('host-input').count()).resolves.toBe(0);
    await screenshot(page, 'first-paint-shell');
    release();
    await loaded;
    await page.getByTestId('host-input').waitFor();
    await expect(shell.count()).resolves.toBe(0);
    const bar = await page.locator('header.app__bar').boundingBox();
    expect(bar).toEqual(before.bar);
    expect(await page.locator('.app__brand').boundingBox()).toEqual(before.brand);
    await page.unroute(/\/assets\/.*\.js$/);
  });
});
