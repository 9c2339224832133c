/** History in the app: every inspection kept, reopened, and two of the same host compared. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, startNodeTlsServer, type LabServer } from '../../src-main/services/lab';
import { screenshot, openAppPage, type WebApp } from './support/browser';

describe('history', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const servers: LabServer[] = [];

  beforeAll(async () => {
    ({ app, browser, page } = await openAppPage({
      CERTSCOPE_DATA_DIR: await mkdtemp(join(tmpdir(), 'certscope-e2e-history-')),
    }));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await browser?.close();
    await app?.stop();
  });

  async function inspect(chain: Awaited<ReturnType<typeof buildScenario>>['presented']) {
    const server = await startNodeTlsServer({ chain });
    servers.push(server);
    await page.getByTestId('host-input').fill(`localhost:${server.port}`);
    await page.getByTestId('host-input').press('Enter');
    await page.getByTestId('verdict').waitFor();
  }

  it('keeps each inspection and compares two in plain words, saying when they are two servers', async () => {
    await inspect((await buildScenario('good')).presented);
    await inspect((await buildScenario('long-chain', { depth: 1 })).presented);
    await page.getByTestId('history-toggle').click();
    await expect.poll(() => page.getByTestId('history-entry').count()).toBe(2);
    const boxes = page.locator('[data-testid="history-entry"] input[type="checkbox"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByTestId('history-compare').click();
    const diff = page.getByTestId('history-diff');
    await diff.waitFor();
    await expect(diff.textContent()).resolves.toMatch(/New key: the public key changed/);
    await expect(diff.textContent()).resolves.toMatch(
      /New issuer: Certscope Lab Intermediate 1 \(was Certscope Lab Intermediate \(good\)\)/,
    );
    // Two lab servers on two ports: not one server over time, and the diff says so first.
    await expect(page.getByTestId('history-diff-servers').textContent()).resolves.toMatch(
      /^\s*These are two different servers, localhost:\d+ and localhost:\d+/,
    );
    await expect(page.getByTestId('history-entry').first().textContent()).resolves.toMatch(
      /· (\d+ errors|1 error), (\d+ warnings|1 warning)/,
    );
    await screenshot(page, 'history-diff');
  });

  it('reopens a past inspection with its chain as it was sent, saying it is from the past', async () => {
    await page.getByTestId('history-open').nth(1).click();
    await expect
      .poll(() => page.getByTestId('presented-subject').allTextContents())
      .toEqual(['good.lab.certscope.test', 'Certscope Lab Intermediate (good)']);
    await expect(page.getByTestId('from-history').textContent()).resolves.toMatch(
      /From history: captured \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
    );
    // The host field holds what was reopened: Enter inspects it again.
    await expect(page.getByTestId('host-input').inputValue()).resolves.toBe(`localhost:${servers[0].port}`);
    await page.getByTestId('reinspect').click();
    await expect.poll(() => page.getByTestId('from-history').count()).toBe(0);
    await page.getByTestId('verdict').waitFor();
  });

  it('clears the history', async () => {
    await page.getByTestId('history-clear').click();
    await expect.poll(() => page.getByTestId('history-entry').count()).toBe(0);
  });
});
