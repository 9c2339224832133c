/**
 * The screens issue 17's items 5–7 and its minor list changed, and issue 14's row of clients, at
 * 1440×900 and 1024×700, light and dark: each one shot whole (test-results/screenshots/screen-*.png, for review) and checked by
 * axe-core for serious or critical problems. Along the way the layout facts the issue named: the
 * host field keeps its room at 1024 px, a panel button shows it is open, a disabled Inspect does
 * not look chosen, the path picker's entries differ, an expired leaf's bar is red.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { buildScenario, issueCert, startNodeTlsServer, type LabServer } from '../../src-main/services/lab';
import { startHttpFileServer, type LabHttpServer } from '../lab';
import { issueFromCa, opensslCa, opensslWorkspace, type OpensslWorkspace } from '../support/openssl';
import { seriousViolations } from './support/a11y';
import {
  dataDirTrusting,
  dropFiles,
  launchChromium,
  screenshotDir,
  startWebApp,
  type WebApp,
} from './support/browser';

const sizes = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;
const themes = ['light', 'dark'] as const;

describe('screens at two sizes, light and dark', () => {
  let app: WebApp;
  let browser: Browser;
  const servers: LabServer[] = [];
  let crossSigned: LabServer;
  let expired: LabServer;
  /** Sends only its leaf; the intermediate is at the leaf's AIA URL (browsers fetch it, curl doesn't). */
  let incomplete: LabServer;
  let issuers: LabHttpServer;
  let silent: Server;
  let silentPort: number;
  const sockets = new Set<Socket>();
  let lab: OpensslWorkspace;
  let loginsUsed = 0;

  beforeAll(async () => {
    const cross = await buildScenario('cross-signed');
    const old = await buildScenario('expired');
    crossSigned = await startNodeTlsServer({ chain: cross.presented });
    expired = await startNodeTlsServer({ chain: old.presented });
    const good = await buildScenario('good');
    issuers = await startHttpFileServer({ '/issuer.der': { body: good.intermediates[0].der } });
    const leaf = await issueCert({
      commonName: 'localhost',
      issuer: good.intermediates[0],
      dnsNames: ['localhost'],
      aiaCaIssuersUrl: issuers.url('/issuer.der'),
    });
    incomplete = await startNodeTlsServer({ chain: [leaf] });
    servers.push(crossSigned, expired, incomplete);
    silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    silentPort = (silent.address() as { port: number }).port;
    lab = opensslWorkspace('e2e-screens');
    lab.selfSigned('ca', '/O=Screens Lab/CN=Screens Root');
    issueFromCa(lab, 'leaf', 'ca', '/CN=shop.screens.test', {
      extensions: ['subjectAltName=DNS:shop.screens.test,DNS:www.screens.test'],
    });
    const ca = opensslCa(lab, 'ca', { crlNumber: '10' });
    ca.revoke('leaf.pem', 'keyCompromise');
    ca.gencrl('list.crl');
    app = await startWebApp({
      CERTSCOPE_DATA_DIR: await dataDirTrusting([
        ...cross.anchors.map((c) => c.der),
        old.root.der,
        good.root.der,
      ]),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy());
    silent?.close();
    await Promise.all(servers.map((server) => server.close()));
    await issuers?.close();
    await browser?.close();
    await app?.stop();
    lab?.remove();
  });

  /** The whole app, not only the viewport: the scrolling main area is let grow for the shot. */
  async function shoot(page: Page, name: string): Promise<void> {
    const style = await page.addStyleTag({
      // Sections below the fold are drawn only near the view (content-visibility): draw them all.
      content:
        '.app{height:auto!important}.app__main{overflow:visible!important}' +
        '.inspection__below{content-visibility:visible!important}',
    });
    await page.screenshot({ path: `${screenshotDir}/screen-${name}.png`, fullPage: true });
    await style.evaluate((element) => (element as HTMLElement).remove());
    expect(await seriousViolations(page), `${name}: axe`).toEqual([]);
  }

  async function inspect(page: Page, target: string): Promise<void> {
    await page.getByTestId('host-input').fill(target);
    await page.getByTestId('host-input').press('Enter');
    await page.getByTestId('verdict').waitFor();
    await page.getByTestId('chain-node').first().waitFor();
    await page.getByTestId('presented-certificate').first().waitFor();
  }

  for (const size of sizes) {
    for (const theme of themes) {
      it(`${size.width}×${size.height}, ${theme}`, async () => {
        const page = await browser.newPage({ viewport: size, bypassCSP: true, colorScheme: theme });
        const tag = `${size.width}-${theme}`;
        try {
          // Each login code works once: the first page takes the launch URL, the others a fresh one.
          await page.goto(loginsUsed++ === 0 ? app.url : await app.loginUrl());
          await page.getByTestId('host-input').waitFor();
          // The host field keeps its room; a disabled Inspect is not drawn as the accent colour.
          const field = await page.getByTestId('host-input').boundingBox();
          expect(field?.width).toBeGreaterThanOrEqual(400);
          const inspectButton = page.getByTestId('inspect-button');
          expect(await inspectButton.isDisabled()).toBe(true);
          const disabledLook = await inspectButton.evaluate((element) => {
            const probe = document.createElement('span');
            probe.style.color = 'var(--accent)';
            document.body.append(probe);
            const accent = getComputedStyle(probe).color;
            probe.remove();
            return getComputedStyle(element).backgroundColor !== accent;
          });
          expect(disabledLook).toBe(true);

          // Options open: its button says so.
          const optionsButton = page.getByTestId('options-toggle');
          const closedLook = await optionsButton.evaluate((element) => getComputedStyle(element).boxShadow);
          await optionsButton.click();
          await page.getByTestId('host-options').waitFor();
          expect(await optionsButton.evaluate((element) => getComputedStyle(element).boxShadow)).not.toBe(
            closedLook,
          );
          await shoot(page, `options-${tag}`);
          await optionsButton.click();

          // An expired leaf: its bar is red.
          await inspect(page, `localhost:${expired.port}`);
          const bars = page.getByTestId('travel-bar');
          await expect(bars.last().getAttribute('class')).resolves.toContain('travel__bar--expired');
          await expect(bars.first().getAttribute('class')).resolves.toContain('travel__bar--valid');

          // A cross-signed chain: two paths, told apart in the picker.
          await inspect(page, `localhost:${crossSigned.port}`);
          const labels = await page.locator('[data-testid="path-select"] option').allTextContents();
          expect(labels.length).toBeGreaterThan(1);
          expect(new Set(labels).size).toBe(labels.length);
          await shoot(page, `inspection-${tag}`);
          await page.getByTestId('chain-node').first().click();
          await page.getByTestId('details-tab-asn1').click();
          await page.locator('.asn1__byte').nth(40).click();
          await shoot(page, `asn1-${tag}`);

          // History: two inspections of two servers compared, then one reopened from the past.
          await page.getByTestId('history-toggle').click();
          const boxes = page.locator('[data-testid="history-entry"] input[type="checkbox"]');
          await boxes.nth(0).check();
          await boxes.nth(1).check();
          await page.getByTestId('history-compare').click();
          await page.getByTestId('history-diff-servers').waitFor();
          await page.getByTestId('history-open').nth(1).click();
          await page.getByTestId('from-history').waitFor();
          await shoot(page, `history-${tag}`);
          await page.getByTestId('history-clear').click();
          await page.getByTestId('history-toggle').click();

          // Batch: two servers and a dead one.
          await page.getByTestId('batch-toggle').click();
          // The list loads through the app's own button, not the browser's light file input.
          await expect(page.getByTestId('batch-file-button').textContent()).resolves.toMatch(/Load a list…/);
          await page
            .getByTestId('batch-hosts')
            .fill([`localhost:${crossSigned.port}`, `localhost:${expired.port}`, '127.0.0.1:1'].join('\n'));
          await page.getByTestId('batch-run').click();
          await expect.poll(() => page.getByTestId('batch-progress').getAttribute('aria-valuenow')).toBe('3');
          await page.getByTestId('batch-sort-verdict').click();
          await shoot(page, `batch-${tag}`);
          await page.getByTestId('batch-toggle').click();

          // Who would trust it: every client's answer and the root's programs; then OpenSSL leads.
          await inspect(page, `localhost:${incomplete.port}`);
          await expect.poll(() => page.getByTestId('client-verdict').count(), { timeout: 20_000 }).toBe(10);
          await page.locator('[data-testid="chain-node"][data-role="root"]').click();
          await page.getByTestId('root-programs-summary').waitFor();
          await shoot(page, `clients-${tag}`);
          await page.locator('[data-testid="client-verdict"][data-client="openssl"]').click();
          await expect.poll(() => page.getByTestId('verdict').getAttribute('data-client')).toBe('openssl');
          await page.locator('[data-testid="graph-node"][data-role="missing"]').waitFor();
          await shoot(page, `clients-openssl-${tag}`);
          await page.locator('[data-testid="client-verdict"][data-client="chrome"]').click();

          // Cancelled with Esc: said neutrally.
          await page.getByTestId('host-input').fill(`127.0.0.1:${silentPort}`);
          await page.getByTestId('host-input').press('Enter');
          await expect
            .poll(() => page.locator('[data-phase="handshake"]').getAttribute('aria-current'))
            .toBe('step');
          await page.keyboard.press('Escape');
          await page.getByTestId('probe-cancelled').waitFor();
          await shoot(page, `cancelled-${tag}`);

          // Dropped: a CSR and a CRL, each opened.
          await dropFiles(page, [
            { name: 'request.csr', content: lab.read('leaf.csr') },
            { name: 'list.crl', content: lab.read('list.crl') },
          ]);
          await page.getByTestId('loaded-document').first().click();
          await page.getByTestId('csr-details').waitFor();
          await shoot(page, `csr-${tag}`);
          await page.getByTestId('loaded-document').last().click();
          await page.getByTestId('crl-details').getByTestId('details-tab-entries').click();
          await page.getByTestId('crl-entry').first().waitFor();
          await shoot(page, `crl-${tag}`);
        } finally {
          await page.close();
        }
      }, 180_000);
    }
  }
});
