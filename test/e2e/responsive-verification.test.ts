/**
 * A slow verdict never freezes the page: verification runs in a Web Worker. A legal but heavy
 * chain — four intermediates, each permitting 1,000 DNS names, over a leaf with 1,000 names (about
 * four million name comparisons) — is verified dropped as files, inspected on a lab server, and
 * re-evaluated by time travel, while the page records its animation frames. Each verdict takes
 * longer than a frame gap may (so on the main thread it would have shown), and the page draws a
 * frame at least every 100 ms throughout.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCert, startNodeTlsServer, type LabCert, type LabServer } from '../../src-main/services/lab';
import { dataDirTrusting, dropFiles, openAppPage, type WebApp } from './support/browser';

const maxFrameGapMs = 100;
/** Below this a verdict proves nothing: on the main thread it would not have cost a frame either. */
const heavyEnoughMs = 300;

/** Starts recording the gaps between animation frames. */
async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const frames = { gaps: [] as number[], last: performance.now(), on: true };
    (window as unknown as { frames_: typeof frames }).frames_ = frames;
    const tick = (time: number) => {
      frames.gaps.push(time - frames.last);
      frames.last = time;
      if (frames.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stops recording two frames from now; the longest gap and how many frames were drawn. */
async function stopFrames(page: Page): Promise<{ longest: number; count: number }> {
  return page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await frame();
    await frame();
    const frames = (window as unknown as { frames_: { gaps: number[]; on: boolean } }).frames_;
    frames.on = false;
    return { longest: Math.max(...frames.gaps), count: frames.gaps.length };
  });
}

/** Runs `act`, then waits until `testId` (inside `within`) is a new element; returns how long it took. */
async function timed(page: Page, act: () => Promise<void>, done: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  await act();
  await expect.poll(done, { timeout: 60_000, interval: 20 }).toBe(true);
  return Date.now() - started;
}

describe('a heavy verification keeps the page drawing', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let server: LabServer;
  let leaf: LabCert;
  const intermediates: LabCert[] = [];

  beforeAll(async () => {
    const constraints = [
      ...Array.from({ length: 998 }, (_, i) => `c${i}.example`),
      'heavy.test',
      'localhost',
    ];
    const root = await issueCert({ commonName: 'Heavy Root', isCa: true });
    let issuer = root;
    for (let depth = 0; depth < 4; depth++) {
      issuer = await issueCert({
        commonName: `Heavy Intermediate ${depth + 1}`,
        isCa: true,
        issuer,
        nameConstraints: { permittedDns: constraints },
      });
      intermediates.unshift(issuer);
    }
    leaf = await issueCert({
      commonName: 'localhost',
      issuer,
      dnsNames: [...Array.from({ length: 999 }, (_, i) => `n${i}.heavy.test`), 'localhost'],
    });
    server = await startNodeTlsServer({ chain: [leaf, ...intermediates] });
    ({ app, browser, page } = await openAppPage({ CERTSCOPE_DATA_DIR: await dataDirTrusting([root.der]) }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await server?.close();
  });

  it('dropped files: checked as a chain with no frame gap over 100 ms', async () => {
    await dropFiles(page, [
      { name: 'heavy.pem', content: [leaf, ...intermediates].map((c) => c.pem).join('') },
    ]);
    await page.getByTestId('dropped-check').waitFor();
    await page.getByTestId('dropped-host').fill('localhost');
    await startFrames(page);
    const took = await timed(
      page,
      () => page.getByTestId('dropped-check-button').click(),
      () => page.getByTestId('dropped-check').getByTestId('verdict').isVisible(),
    );
    const frames = await stopFrames(page);
    await expect(
      page.getByTestId('dropped-check').getByTestId('verdict-sentence').textContent(),
    ).resolves.toMatch(/^Trusted on this machine only/);
    expect(took).toBeGreaterThan(heavyEnoughMs);
    expect(frames.longest).toBeLessThanOrEqual(maxFrameGapMs);
    expect(frames.count).toBeGreaterThan(took / maxFrameGapMs);
    await page.getByRole('button', { name: 'Remove heavy.pem' }).click();
  });

  it('an inspection, then time travel: each verdict with no frame gap over 100 ms', async () => {
    await page.getByTestId('host-input').fill(`localhost:${server.port}`);
    await startFrames(page);
    const took = await timed(
      page,
      () => page.getByTestId('host-input').press('Enter'),
      () => page.getByTestId('verdict').isVisible(),
    );
    let frames = await stopFrames(page);
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(
      /^Trusted on this machine only/,
    );
    expect(took).toBeGreaterThan(heavyEnoughMs);
    expect(frames.longest).toBeLessThanOrEqual(maxFrameGapMs);

    // Time travel to the roots' last day, years after the leaf's: the same chain verified again, in the worker.
    const slider = page.getByTestId('travel-slider');
    await slider.waitFor();
    const before = await page.getByTestId('verdict').elementHandle();
    await startFrames(page);
    const travelled = await timed(
      page,
      () =>
        slider.evaluate((input: HTMLInputElement) => {
          input.value = input.max;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new Event('change', { bubbles: true }));
        }),
      async () => {
        const now = await page
          .getByTestId('verdict')
          .elementHandle()
          .catch(() => null);
        return Boolean(now) && !(await now!.evaluate((element, old) => element === old, before));
      },
    );
    frames = await stopFrames(page);
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(/^Not trusted/);
    expect(travelled).toBeGreaterThan(heavyEnoughMs);
    expect(frames.longest).toBeLessThanOrEqual(maxFrameGapMs);
  });
});
