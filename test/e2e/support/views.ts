/**
 * Every screen, every way a user sees it: full-page screenshots at 1440×900 and 1024×700, light
 * and dark, each checked by axe (no serious or critical violation) and for sideways scrolling.
 * The page comes back at the size and theme it had.
 */
import type { Page } from 'playwright-core';
import { horizontalScrollbars, seriousViolations } from './a11y';
import { screenshot } from './browser';

export const reviewSizes = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/** Problems found, one line each (empty when every variant passed). */
export async function screenshotEveryWay(page: Page, name: string): Promise<string[]> {
  const size = page.viewportSize();
  const theme = await page.evaluate(() => document.documentElement.dataset.theme ?? 'light');
  const problems: string[] = [];
  try {
    for (const viewport of reviewSizes) {
      await page.setViewportSize(viewport);
      for (const mode of ['light', 'dark'] as const) {
        await page.evaluate((value) => (document.documentElement.dataset.theme = value), mode);
        // Two frames: the theme's colours and the new width's layout are painted.
        await page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
        );
        const variant = `${name}-${viewport.width}-${mode}`;
        await wholePage(page, () => screenshot(page, variant));
        problems.push(...(await seriousViolations(page)).map((line) => `${variant}: ${line}`));
        problems.push(
          ...(await horizontalScrollbars(page)).map((line) => `${variant}: scrolls sideways: ${line}`),
        );
      }
    }
  } finally {
    if (size) await page.setViewportSize(size);
    await page.evaluate((value) => (document.documentElement.dataset.theme = value), theme);
  }
  return problems;
}

/** Runs `shoot` with the main area grown to its content, so a full-page screenshot shows all of it. */
async function wholePage(page: Page, shoot: () => Promise<unknown>): Promise<void> {
  const style = await page.addStyleTag({
    // …and everything drawn, even what the browser would skip until it scrolls near the view.
    content:
      '.app { height: auto !important } .app__main { overflow: visible !important } * { content-visibility: visible !important }',
  });
  try {
    await shoot();
  } finally {
    await style.evaluate((element) => (element as Element).remove());
  }
}
