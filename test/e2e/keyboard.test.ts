/**
 * The keyboard audit: every control is reached by Tab, in the page's order (no positive tabindex),
 * each shows a focus ring as it gets focus; Enter and Space activate; Esc cancels an inspection.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, startNodeTlsServer, type LabServer } from '../../src-main/services/lab';
import { focused, type FocusedElement } from './support/a11y';
import { dataDirTrusting, dropFiles, screenshot, openAppPage, type WebApp } from './support/browser';
import { selfSigned } from '../support/openssl';

describe('keyboard', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let server: LabServer;

  beforeAll(async () => {
    const scenario = await buildScenario('good');
    server = await startNodeTlsServer({ chain: scenario.presented });
    const dataDir = await dataDirTrusting([scenario.root.der]);
    ({ app, browser, page } = await openAppPage(
      { CERTSCOPE_DATA_DIR: dataDir },
      { viewport: { width: 1024, height: 700 } },
      'drop-zone',
    ));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await server?.close();
  });

  /** Tabs from the page's first control until focus leaves the page (or comes round). */
  async function tabThrough(limit = 150): Promise<FocusedElement[]> {
    await page.getByTestId('host-input').focus();
    const first = await focused(page);
    const stops: FocusedElement[] = first ? [first] : [];
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (!now || (stops.length && now.name === stops[0].name)) break;
      stops.push(now);
    }
    return stops;
  }

  /** What Tab should reach: every visible, enabled control, in document order. */
  async function controls(): Promise<string[]> {
    return page.evaluate(() =>
      Array.from(
        document.querySelectorAll<HTMLElement>(
          'a[href], button, input, select, textarea, summary, [tabindex]',
        ),
      )
        .filter((element) => {
          if (element.matches(':disabled') || element.tabIndex < 0) return false;
          // Not hidden, not in a closed <details>, not display:none anywhere up the tree. A section
          // the browser skips drawing (content-visibility: auto, far below the view) is still
          // reached by Tab, so it counts.
          return element.checkVisibility({ visibilityProperty: true });
        })
        .map(
          (element) =>
            element.dataset.testid ??
            `${element.tagName.toLowerCase()}:${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}`,
        ),
    );
  }

  const noPositiveTabindex = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('[tabindex]'))
        .filter((element) => element.tabIndex > 0)
        .map((element) => element.outerHTML.slice(0, 80)),
    );

  it('empty inspector: the header, then the drop zone, each with a visible focus ring', async () => {
    const stops = await tabThrough();
    expect(stops.map((stop) => stop.name)).toEqual([
      'host-input',
      'options-toggle',
      'open-files-bar',
      'history-toggle',
      'lab-toggle',
      'batch-toggle',
      'trust-toggle',
      'settings-toggle',
      'open-files',
    ]);
    expect(stops.filter((stop) => !stop.ring || !stop.visible)).toEqual([]);
  });

  it('an inspection result: every control reached in page order, each with a ring', async () => {
    await page.getByTestId('host-input').focus();
    await page.keyboard.type(`localhost:${server.port}`);
    await page.keyboard.press('Enter');
    await page.getByTestId('verdict').waitFor();
    await expect.poll(() => page.locator('[data-phase="verify"]').getAttribute('data-state')).toBe('done');
    await page.getByTestId('chain-node').first().waitFor(); // drawn a frame after the verdict
    // Every client's answer, worked out once the verdict is drawn.
    await page.getByTestId('client-verdicts-pending').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await noPositiveTabindex()).toEqual([]);
    const expected = await controls();
    const stops = await tabThrough(expected.length + 20);
    expect(stops.map((stop) => stop.name)).toEqual(expected);
    expect(stops.filter((stop) => !stop.ring)).toEqual([]);
    expect(stops.filter((stop) => !stop.visible)).toEqual([]);
    expect(expected).toEqual(expect.arrayContaining(['export-button', 'chain-node', 'travel-slider']));
  });

  it('each panel, opened from the keyboard: every control reached in order, each with a ring', async () => {
    for (const panel of ['history', 'lab', 'batch', 'trust', 'settings']) {
      await page.getByTestId(`${panel}-toggle`).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId(`${panel}-toggle`).getAttribute('aria-expanded')).resolves.toBe('true');
      await page.waitForTimeout(300); // lists fill in from the services
      const expected = await controls();
      const stops = await tabThrough(expected.length + 20);
      expect(
        stops.map((stop) => stop.name),
        panel,
      ).toEqual(expected);
      expect(
        stops.filter((stop) => !stop.ring || !stop.visible),
        panel,
      ).toEqual([]);
      await page.getByTestId(`${panel}-toggle`).focus();
      await page.keyboard.press('Enter');
    }
  });

  it('Enter and Space activate buttons, toggles and chain nodes', async () => {
    const history = page.getByTestId('history-toggle');
    await history.focus();
    await page.keyboard.press('Enter');
    await expect(history.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.keyboard.press('Space');
    await expect(history.getAttribute('aria-expanded')).resolves.toBe('false');

    await page.getByTestId('options-toggle').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('option-sni-mode').waitFor();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('option-sni-mode').count()).resolves.toBe(0);

    const root = page.getByTestId('chain-node').first();
    await root.focus();
    await page.keyboard.press('Space');
    await expect(root.getAttribute('aria-pressed')).resolves.toBe('true');
    const leaf = page.getByTestId('chain-node').last();
    await leaf.focus();
    await page.keyboard.press('Enter');
    await expect(leaf.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(root.getAttribute('aria-pressed')).resolves.toBe('false');
    await screenshot(page, 'keyboard-focus-chain-node');
  });

  it('the password dialog: focus in it, Tab never leaves it for the page, Esc closes it (skipping the file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-e2e-keyboard-p12-'));
    const file = (name: string) => join(dir, name);
    selfSigned(file, 'p12', '/CN=keyboard.lab.test');
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      file('p12.pem'),
      '-inkey',
      file('p12.key'),
      '-passout',
      'pass:s3cret',
      '-out',
      file('bundle.p12'),
    ]);
    await dropFiles(page, [{ name: 'bundle.p12', content: readFileSync(file('bundle.p12')) }]);
    const dialog = page.getByTestId('password-dialog');
    await page.getByTestId('password-input').waitFor();
    await expect.poll(async () => (await focused(page))?.name).toBe('password-input');
    // The page behind a modal dialog is inert: Tab goes through the dialog's controls, then to the
    // browser's own UI (no element of the page), then round again.
    const reached = new Set<string>();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (!now) continue;
      expect(now.ring, now.name).toBe(true);
      const inDialog = await page.evaluate(() =>
        Boolean(document.activeElement?.closest('[data-testid="password-dialog"]')),
      );
      expect(inDialog, now.name).toBe(true);
      reached.add(now.name);
    }
    expect([...reached].sort()).toEqual(['password-input', 'password-skip', 'password-submit']);
    await screenshot(page, 'keyboard-password-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.getByText('bundle.p12').count()).toBeGreaterThan(0);
  });

  it('Esc cancels a running inspection, from the keyboard alone', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      await page.getByTestId('host-input').focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(`127.0.0.1:${(silent.address() as { port: number }).port}`);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.locator('[data-phase="handshake"]').getAttribute('aria-current'))
        .toBe('step');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('probe-cancelled').textContent()).resolves.toMatch(/^\s*Cancelled\./);
      // Said neutrally: no failure, no red alert.
      await expect(page.getByTestId('probe-failure').count()).resolves.toBe(0);
    } finally {
      silent.close();
    }
  });
});
