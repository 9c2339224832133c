/**
 * A 20 MiB PEM file of 355,000 garbage blocks dropped on the page (issue 15): it froze the page for
 * 83 s drawing one message per block. Now the file shows a summary within moments, the longest
 * gap between frames while it is read stays short, and the page answers clicks right after.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLimits } from '../../src-core/inspect/decode-limits';
import { openAppPage, screenshot, type WebApp } from './support/browser';

const garbageBlock = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';

describe('a 20 MiB drop of garbage PEM blocks', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openAppPage({}, {}, 'drop-zone'));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('is summed up in one line, and the page keeps drawing frames and answering', async () => {
    const count = Math.floor(decodeLimits.maxFileBytes / garbageBlock.length);
    // The file is built in the page (not sent over the test's pipe), then dropped while frames are timed.
    const measured = await page.evaluate(
      async ({ block, count }) => {
        const bytes = new TextEncoder().encode(block.repeat(count));
        let last = performance.now();
        let longest = 0;
        let watching = true;
        const frame = () => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
          if (watching) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], 'garbage.pem'));
        const started = performance.now();
        document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }));
        document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
        while (!document.querySelector('[data-testid="input-error"]'))
          await new Promise((resolve) => setTimeout(resolve, 10));
        const shownAfter = performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 200));
        watching = false;
        return { longest, shownAfter, bytes: bytes.length };
      },
      { block: garbageBlock, count },
    );
    expect(measured.bytes).toBeGreaterThan(20 * 1024 * 1024 - garbageBlock.length);
    const error = (await page.getByTestId('input-error').textContent()) ?? '';
    expect(error).toContain(`${count.toLocaleString('en-US')} blocks could not be read; first at byte 0.`);
    expect(error.length).toBeLessThan(2000);
    // Before: 83 s without a frame. Now the whole read is a fraction of a second on an idle machine.
    expect(measured.shownAfter).toBeLessThan(5000);
    expect(measured.longest).toBeLessThan(2000);
    // …and the page answers a click at once.
    const clicked = Date.now();
    await page.getByTestId('settings-toggle').click();
    await page.getByTestId('settings-panel').waitFor({ timeout: 2000 });
    expect(Date.now() - clicked).toBeLessThan(2000);
    await screenshot(page, 'big-garbage-drop');
    console.log(
      `big drop: summary after ${Math.round(measured.shownAfter)} ms, longest frame gap ${Math.round(measured.longest)} ms`,
    );
  });
});
