/**
 * The Lab from the page: a web app with a fresh data folder and the Lab panel open (1440×900,
 * CSP bypassed for axe), and a scenario started and inspected with its own Inspect button.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openAppPage, type AppPage } from './browser';

export async function openLabPage(name: string): Promise<AppPage> {
  const opened = await openAppPage(
    { CERTSCOPE_DATA_DIR: await mkdtemp(join(tmpdir(), `certscope-e2e-${name}-`)) },
    { viewport: { width: 1440, height: 900 }, bypassCSP: true },
  );
  await opened.page.getByTestId('lab-toggle').click();
  await opened.page.getByTestId('lab-scenario').first().waitFor();
  return opened;
}

export function labRow(page: Page, scenario: string): Locator {
  return page.locator(`[data-testid="lab-scenario"][data-scenario="${scenario}"]`);
}

/** Starts the scenario (unless it runs), inspects it from its row, and waits for its verdict and chain. */
export async function inspectLabScenario(page: Page, scenario: string): Promise<void> {
  const row = labRow(page, scenario);
  if (await row.getByTestId('lab-start').isVisible()) await row.getByTestId('lab-start').click();
  await row.getByTestId('lab-inspect').click();
  const port = ((await row.getByTestId('lab-address').textContent()) ?? '').split(':')[1];
  await expect
    .poll(async () => (await page.getByTestId('probe-summary').textContent())?.includes(`:${port}`) ?? false)
    .toBe(true);
  await page.getByTestId('verdict').waitFor({ timeout: 20_000 });
  await page.getByTestId('chain-node').first().waitFor();
}
