/**
 * A dropped PEM of 5,000 certificates: the list is windowed — only the rows in view are in the
 * DOM — and scrolling (wheel-like steps, or End on the focused list) reaches the last certificate
 * with no gap on the way.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, screenshot, openAppPage, type WebApp } from './support/browser';
import { bulkName, bulkPem } from './support/bulk-pem';

const count = 5000;

describe('inspector: 5,000 dropped certificates', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const pem = await bulkPem(count);
    ({ app, browser, page } = await openAppPage({}, { viewport: { width: 1024, height: 700 } }, 'drop-zone'));
    await dropFiles(page, [{ name: 'bulk.pem', content: pem }]);
    await page.getByTestId('certificate-row').first().waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const rows = () => page.getByTestId('certificate-row');
  const scroller = () => page.getByTestId('certificate-scroller');

  it('draws only the rows in view, and the first certificate first', async () => {
    await expect(page.getByTestId('loaded-file-name').textContent()).resolves.toBe('bulk.pem');
    await expect(page.locator('.loaded__header').textContent()).resolves.toContain('5000 certificates');
    expect(await rows().count()).toBeLessThan(40);
    await expect(page.getByTestId('certificate-subject').first().textContent()).resolves.toBe(bulkName(0));
    await expect(rows().first().getAttribute('aria-setsize')).resolves.toBe(String(count));
    // The scrollbar stands for the whole list.
    const height = await scroller().evaluate((element) => element.scrollHeight);
    expect(height).toBeGreaterThan(count * 70);
    await screenshot(page, 'virtual-list-top');
  });

  it('scrolls to the end with the view always filled, and shows the last certificate', async () => {
    const gaps = await scroller().evaluate(async (element) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const found: string[] = [];
      const view = element.getBoundingClientRect();
      for (let step = 0; step < 40; step++) {
        element.scrollTop += element.scrollHeight / 40;
        await frame();
        await frame();
        const drawn = Array.from(element.querySelectorAll('li')).map((item) => item.getBoundingClientRect());
        const top = Math.min(...drawn.map((box) => box.top));
        const bottom = Math.max(...drawn.map((box) => box.bottom));
        if (top > view.top + 1 || bottom < Math.min(view.bottom, view.top + element.scrollHeight) - 1)
          found.push(`step ${step}: rows cover ${top}–${bottom} of ${view.top}–${view.bottom}`);
      }
      return found;
    });
    expect(gaps).toEqual([]);
    await scroller().evaluate((element) => (element.scrollTop = element.scrollHeight));
    await expect
      .poll(() => page.getByTestId('certificate-subject').last().textContent())
      .toBe(bulkName(count - 1));
    await expect(page.getByText(bulkName(count - 1), { exact: true }).isVisible()).resolves.toBe(true);
    await expect(rows().last().getAttribute('aria-posinset')).resolves.toBe(String(count));
    expect(await rows().count()).toBeLessThan(40);
    await screenshot(page, 'virtual-list-end');
  });

  it('keyboard: the list takes focus, and Home/End move through it', async () => {
    await scroller().focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('certificate-subject').first().textContent()).toBe(bulkName(0));
    await page.keyboard.press('End');
    await expect
      .poll(() => page.getByTestId('certificate-subject').last().textContent())
      .toBe(bulkName(count - 1));
    await expect(scroller().getAttribute('aria-label')).resolves.toBe('5000 certificates in bulk.pem');
  });

  it('keyboard: arrows, Page Down and End move focus row by row through rows not drawn yet', async () => {
    const focusedName = () =>
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim());
    await scroller().focus();
    await page.keyboard.press('Home');
    await expect.poll(focusedName).toBe(bulkName(0));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedName).toBe(bulkName(2));
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedName).toBe(bulkName(1));
    // A page is the rows that fit in the view, less one; eight pages go far past the rows first drawn.
    const pageRows = await scroller().evaluate((element) => Math.floor(element.clientHeight / 80) - 1);
    for (let press = 0; press < 8; press++) await page.keyboard.press('PageDown');
    await expect.poll(focusedName).toBe(bulkName(1 + 8 * pageRows));
    await expect(
      page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset')),
    ).resolves.toBe(String(2 + 8 * pageRows));
    await page.keyboard.press('End');
    await expect.poll(focusedName).toBe(bulkName(count - 1));
    // Enter on the focused row opens it, as a click would.
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.cert-row--selected [data-testid="certificate-subject"]').textContent())
      .toBe(bulkName(count - 1));
    await screenshot(page, 'virtual-list-keyboard');
  });
});
