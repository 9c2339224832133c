/**
 * The progress line of a host inspection, end to end: each phase appears as it happens (the probe's
 * DNS, connect and handshake from the main process, then AIA and verification in the page), the
 * current one highlighted with its elapsed time, and Esc still cancels — marked where it stopped.
 * Slow lab servers make each phase last long enough to be seen: a TCP front that holds the
 * ClientHello back, and an AIA server that answers late.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCert, startNodeTlsServer, type LabServer } from '../../src-main/services/lab';
import { dataDirTrusting, screenshot, openAppPage, type WebApp } from './support/browser';

const holdMs = 700;

async function listen(server: Server | HttpServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as { port: number }).port;
}

/** Accepts at once, then holds everything back for `ms` before passing it on to `port`. */
function slowFront(port: number, ms: number, sockets: Set<Socket>): Server {
  return createServer((client) => {
    sockets.add(client);
    client.pause();
    client.on('error', () => undefined);
    setTimeout(() => {
      const upstream = connect(port, '127.0.0.1', () => {
        client.pipe(upstream).pipe(client);
        client.resume();
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
    }, ms);
  });
}

describe('inspector: the progress line', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let tls: LabServer;
  let front: Server;
  let frontPort: number;
  let aia: HttpServer;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    const root = await issueCert({ commonName: 'Certscope Progress Root', isCa: true });
    const intermediate = await issueCert({
      commonName: 'Certscope Progress Intermediate',
      isCa: true,
      issuer: root,
    });
    aia = createHttpServer((_request, response) => {
      setTimeout(() => {
        response.writeHead(200, { 'Content-Type': 'application/pkix-cert' });
        response.end(Buffer.from(intermediate.der));
      }, holdMs);
    });
    const aiaPort = await listen(aia);
    const leaf = await issueCert({
      commonName: 'localhost',
      dnsNames: ['localhost'],
      issuer: intermediate,
      aiaCaIssuersUrl: `http://127.0.0.1:${aiaPort}/intermediate.cer`,
    });
    // Only the leaf is sent: the intermediate has to come from AIA.
    tls = await startNodeTlsServer({ chain: [leaf] });
    front = slowFront(tls.port, holdMs, sockets);
    frontPort = await listen(front);
    const dataDir = await dataDirTrusting([root.der]);
    ({ app, browser, page } = await openAppPage({ CERTSCOPE_DATA_DIR: dataDir }));
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => front?.close(resolve));
    aia?.closeAllConnections();
    await new Promise((resolve) => aia?.close(resolve));
    await tls?.close();
    await browser?.close();
    await app?.stop();
  });

  /** Every change of the progress line, as `phase:state` lists, recorded in the page. */
  async function recordSteps(): Promise<void> {
    await page.evaluate(() => {
      const log: string[] = [];
      (window as unknown as { progressLog: string[] }).progressLog = log;
      const snapshot = () => {
        const steps = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="progress-step"]'));
        const line = steps
          .map(
            (step) =>
              `${step.dataset.phase}:${step.getAttribute('aria-current') ? 'current' : step.dataset.state}`,
          )
          .join(' ');
        if (line && line !== log.at(-1)) log.push(line);
      };
      new MutationObserver(snapshot).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-state', 'aria-current'],
      });
    });
  }
  const progressLog = () => page.evaluate(() => (window as unknown as { progressLog: string[] }).progressLog);
  const step = (phase: string) => page.locator(`[data-testid="progress-step"][data-phase="${phase}"]`);

  it('shows DNS, connect, handshake, AIA and verify as each happens, the current one highlighted', async () => {
    await recordSteps();
    await page.getByTestId('host-input').fill(`localhost:${frontPort}`);
    await page.getByTestId('host-input').press('Enter');

    // The server holds the handshake back: DNS and connect are done, the handshake is current.
    await expect.poll(() => step('handshake').getAttribute('aria-current')).toBe('step');
    await expect(step('dns').getAttribute('data-state')).resolves.toBe('done');
    await expect(step('connect').getAttribute('data-state')).resolves.toBe('done');
    await expect(page.getByTestId('cancel-probe').isVisible()).resolves.toBe(true);
    // Its elapsed time counts up while it lasts.
    const elapsed = async () =>
      Number.parseInt((await step('handshake').getByTestId('progress-step-time').textContent()) ?? '', 10);
    const first = await elapsed();
    await expect.poll(elapsed).toBeGreaterThan(first);
    await screenshot(page, 'progress-handshake');

    // The intermediate comes late from AIA: the page is fetching it, the probe is over.
    await expect.poll(() => step('aia').getAttribute('aria-current'), { timeout: 5000 }).toBe('step');
    await expect(step('handshake').getAttribute('data-state')).resolves.toBe('done');
    await expect(page.getByTestId('cancel-probe').isVisible()).resolves.toBe(false);
    // What was sent is not held back for a verdict that waits on the network.
    await page.getByTestId('presented-certificate').first().waitFor();
    await expect(page.getByTestId('verdict').count()).resolves.toBe(0);
    await expect(step('aia').getAttribute('aria-current')).resolves.toBe('step');
    await screenshot(page, 'progress-aia');

    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(
      /^Trusted on this machine only/,
    );
    await expect.poll(() => step('verify').getAttribute('data-state')).toBe('done');
    expect(await page.getByTestId('progress-step-name').allTextContents()).toEqual([
      'DNS',
      'connect',
      'handshake',
      'AIA',
      'verify',
    ]);
    const times = await page.getByTestId('progress-step-time').allTextContents();
    times.forEach((time) => expect(time).toMatch(/^\d+ ms$|^\d+\.\d s$/));
    // The held-back handshake and the late AIA answer show in their own phases. (The hold starts
    // when the front accepts, a little before the probe hears it has connected: on a busy machine
    // some of it may be counted as connecting.)
    const ms = (text: string) =>
      text.endsWith(' s') ? Number.parseFloat(text) * 1000 : Number.parseInt(text);
    expect(ms(times[1]) + ms(times[2])).toBeGreaterThanOrEqual(holdMs - 100);
    expect(ms(times[2])).toBeGreaterThan(holdMs / 2);
    expect(ms(times[3])).toBeGreaterThanOrEqual(holdMs - 100);
    // The figures add up: the steps, the time between them, the whole.
    const total = ((await page.getByTestId('progress-total').textContent()) ?? '').replace(
      /^= | in all$/g,
      '',
    );
    const other = (await page.getByTestId('progress-other').count())
      ? ms((await page.getByTestId('progress-other').textContent())?.replace(/^other\s*/, '') ?? '')
      : 0;
    if (!total.endsWith(' s')) expect(times.reduce((sum, time) => sum + ms(time), 0) + other).toBe(ms(total));
    await expect(page.locator('[data-testid="progress-step"][aria-current]').count()).resolves.toBe(0);

    // One phase at a time was current, each after the one before (verification goes on around
    // its AIA fetch, so it is current before and after it).
    const currents = (await progressLog())
      .map((line) => line.split(' ').filter((entry) => entry.endsWith(':current')))
      .filter((current) => current.length > 0);
    expect(currents.every((current) => current.length === 1)).toBe(true);
    const order = currents
      .map(([current]) => current.split(':')[0])
      .filter((phase, index, all) => phase !== all[index - 1]);
    expect(order.filter((phase) => phase !== 'dns' && phase !== 'connect')).toEqual(
      expect.arrayContaining(['handshake', 'aia', 'verify']),
    );
    expect(order.indexOf('handshake')).toBeLessThan(order.indexOf('aia'));
    expect(order.at(-1)).toBe('verify');
    await screenshot(page, 'progress-done');
  });

  it('Esc cancels in the middle of the handshake, and the line says where it stopped', async () => {
    const silent = createServer((socket) => sockets.add(socket));
    const port = await listen(silent);
    try {
      await page.getByTestId('host-input').fill(`127.0.0.1:${port}`);
      await page.getByTestId('host-input').press('Enter');
      await expect.poll(() => step('handshake').getAttribute('aria-current')).toBe('step');
      // An IP address: no DNS phase at all.
      await expect(step('dns').count()).resolves.toBe(0);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('probe-cancelled').textContent()).resolves.toMatch(/^\s*Cancelled\./);
      // Said neutrally: no failure, no red alert.
      await expect(page.getByTestId('probe-failure').count()).resolves.toBe(0);
      await expect(step('handshake').getAttribute('data-state')).resolves.toBe('cancelled');
      await expect(step('connect').getAttribute('data-state')).resolves.toBe('done');
      await screenshot(page, 'progress-cancelled');
    } finally {
      silent.close();
    }
  });

  it('a refused connection fails at connect', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    await page.getByTestId('host-input').fill(`127.0.0.1:${port}`);
    await page.getByTestId('host-input').press('Enter');
    await page.getByTestId('probe-failure').waitFor();
    await expect.poll(() => step('connect').getAttribute('data-state')).toBe('failed');
    await expect(step('handshake').count()).resolves.toBe(0);
  });
});
