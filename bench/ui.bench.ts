/**
 * The UI in web mode, in Debian's Chromium (needs `npm run build` first), each figure beside a
 * baseline measured in the same run:
 * - first contentful paint of the app beside a blank page's, both over loopback in fresh contexts;
 * - a 5,000-certificate PEM dropped → first rows drawn, and the last row reached by scrolling,
 *   beside the core's decoding of the same file in Node;
 * - Enter → verdict drawn against a loopback lab server, beside the probe called directly here
 *   (and the core's verification of the same capture in Node);
 * - the verify step as the progress line shows it: cold (the first inspection after a launch of
 *   web mode, and the first after a trust change) beside warm (every later inspection).
 * All times are taken inside the page (performance.now(), a MutationObserver for "drawn").
 */
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { decodeInput } from '../src-core/inspect/decode-input';
import { verifyProbeResult } from '../src-core/inspect/verify-probe';
import { buildScenario, startNodeTlsServer } from '../src-main/services/lab';
import { probe } from '../src-main/services/probe';
import { loadTrustStores } from '../src-main/services/trust/stores';
import { dataDirTrusting, launchChromium, startWebApp, type WebApp } from '../test/e2e/support/browser';
import { bulkName, bulkPem } from '../test/e2e/support/bulk-pem';
import { formatMs, formatRatio, markdownTable, median } from './stats';

const paintRuns = Number(process.env.BENCH_UI_PAINT_RUNS ?? 10);
const listRuns = Number(process.env.BENCH_UI_LIST_RUNS ?? 3);
const verdictRuns = Number(process.env.BENCH_UI_VERDICT_RUNS ?? 15);
/** Launches of web mode, each inspected once: as soon as the app is mounted, or after typing time. */
const launchRuns = Number(process.env.BENCH_UI_LAUNCH_RUNS ?? 7);
/** About what a person takes to type a host name and press Enter, from the field appearing. */
const typingMs = 1500;
/** Trust changes (the root untrusted, trusted again…), each followed by an inspection. */
const trustRuns = Number(process.env.BENCH_UI_TRUST_RUNS ?? 6);
const listSize = 5000;
/** Quiet time after each verdict before the baseline is measured (and the next run starts). */
const settleMs = Number(process.env.BENCH_UI_SETTLE_MS ?? 300);

/** When the host field enters the DOM (the app is mounted and usable), from navigation start. */
const watchHostField = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="host-input"]')) return;
    window.hostFieldAt = performance.now();
    observer.disconnect();
  }).observe(document, { subtree: true, childList: true });`;

/** `app`: the page is the app (a fresh login URL each time: each works once), timed to its host field. */
async function firstPaint(browser: Browser, url: string, app = false) {
  const context = await browser.newContext();
  if (app) await context.addInitScript({ content: watchHostField });
  const page = await context.newPage();
  await page.goto(url);
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
  const ready = app
    ? await page.waitForFunction(() => (window as unknown as { hostFieldAt?: number }).hostFieldAt)
    : undefined;
  const hostField = ready ? Number(await ready.jsonValue()) : 0;
  await context.close();
  return { fcp, hostField };
}

/** Drops the file (already in the page) and times first rows, then the last row after a scroll. */
async function dropAndScroll(page: Page, lastName: string): Promise<{ firstRows: number; lastRow: number }> {
  return page.evaluate(async (last) => {
    const bytes = (window as unknown as { benchPem: Uint8Array }).benchPem;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const appeared = (test: () => boolean) =>
      new Promise<number>((resolve) => {
        if (test()) return resolve(performance.now());
        const observer = new MutationObserver(() => {
          if (!test()) return;
          observer.disconnect();
          resolve(performance.now());
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes.slice()], 'bulk.pem'));
    const started = performance.now();
    document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
    await appeared(() => document.querySelector('[data-testid="certificate-row"]') !== null);
    await frame();
    const firstRows = performance.now() - started;
    const scroller = document.querySelector<HTMLElement>('[data-testid="certificate-scroller"]');
    if (!scroller) throw new Error('no certificate list');
    const scrolled = performance.now();
    scroller.scrollTop = scroller.scrollHeight;
    await appeared(() =>
      Array.from(document.querySelectorAll('[data-testid="certificate-subject"]')).some(
        (element) => element.textContent === last,
      ),
    );
    await frame();
    return { firstRows, lastRow: performance.now() - scrolled };
  }, lastName);
}

/** Types the target, presses Enter, and times until the verdict is in the DOM (and painted). */
async function enterToVerdict(page: Page, target: string): Promise<number> {
  await page.getByTestId('host-input').fill(target);
  const drawn = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="host-input"]');
        let pressed = 0;
        input?.addEventListener('keydown', () => (pressed = performance.now()), { once: true });
        const previous = document.querySelector('[data-testid="verdict"]');
        const observer = new MutationObserver(() => {
          const verdict = document.querySelector('[data-testid="verdict"]');
          if (!pressed || !verdict || verdict === previous) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - pressed));
        });
        observer.observe(document.body, { subtree: true, childList: true });
      }),
  );
  await page.getByTestId('host-input').press('Enter');
  return drawn;
}

/** The verify step's own time, as the progress line shows it, once the step is done. */
async function verifyStepMs(page: Page): Promise<number> {
  const step = page.locator('[data-testid="progress-step"][data-phase="verify"][data-state="done"]');
  await step.waitFor();
  return Number(await step.getAttribute('data-ms'));
}

/** Untrusts the chain's root if the user trusts it, else trusts it; waits for the new verdict. */
async function toggleRootTrust(page: Page): Promise<void> {
  const previous = await page.getByTestId('verdict').elementHandle();
  await page.getByTestId('chain-node').first().click();
  const untrust = page.getByTestId('untrust-this');
  await ((await untrust.isVisible()) ? untrust : page.getByTestId('trust-this')).click();
  await page.waitForFunction((old) => {
    const verdict = document.querySelector('[data-testid="verdict"]');
    return verdict !== null && verdict !== old;
  }, previous);
}

/** A page whose functions from this file run as written (tsx names functions with `__name`). */
async function newPage(browser: Browser, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height } });
  await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
  return page;
}

/** Lets the page and the web-mode server finish what an inspection leaves them after its verdict. */
const settle = () => new Promise((resolve) => setTimeout(resolve, settleMs));

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export default async function run(): Promise<string> {
  const scenario = await buildScenario('good');
  const server = await startNodeTlsServer({ chain: scenario.presented });
  const target = `localhost:${server.port}`;
  const dataDir = await dataDirTrusting([scenario.root.der]);
  const blank = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="en"><title>blank</title><p>Certscope</p></html>');
  });
  await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', () => resolve()));
  const blankUrl = `http://127.0.0.1:${(blank.address() as { port: number }).port}/`;
  let app: WebApp | undefined;
  let browser: Browser | undefined;
  try {
    app = await startWebApp({ CERTSCOPE_DATA_DIR: dataDir });
    browser = await launchChromium();
    // First paint: alternate app and blank page, fresh context each time (no HTTP cache).
    await firstPaint(browser, app.url, true);
    await firstPaint(browser, blankUrl);
    const appPaints: number[] = [];
    const hostFields: number[] = [];
    const blankPaints: number[] = [];
    for (let i = 0; i < paintRuns; i++) {
      const measured = await firstPaint(browser, await app.loginUrl(), true);
      appPaints.push(measured.fcp);
      hostFields.push(measured.hostField);
      blankPaints.push((await firstPaint(browser, blankUrl)).fcp);
    }

    // 5,000 certificates: the UI in a fresh page each run, the core's decoding here in Node.
    const pem = await bulkPem(listSize);
    const pemBytes = new TextEncoder().encode(pem);
    const firstRows: number[] = [];
    const lastRows: number[] = [];
    const decodes: number[] = [];
    for (let i = 0; i < listRuns; i++) {
      const page = await newPage(browser, 800);
      await page.goto(await app.loginUrl());
      await page.getByTestId('drop-zone').waitFor();
      await page.evaluate(
        (base64) =>
          ((window as unknown as { benchPem: Uint8Array }).benchPem = Uint8Array.from(atob(base64), (c) =>
            c.charCodeAt(0),
          )),
        Buffer.from(pemBytes).toString('base64'),
      );
      const measured = await dropAndScroll(page, bulkName(listSize - 1));
      firstRows.push(measured.firstRows);
      lastRows.push(measured.lastRow);
      await page.close();
      decodes.push(await time(() => decodeInput({ name: 'bulk.pem', bytes: pemBytes })));
    }

    // Cold: the first inspection after each launch of web mode — Enter as soon as the app is
    // mounted (nothing the page does at start is over yet), and after the time a person takes to
    // type a host. Alternating, a fresh web-mode server and page each time.
    const launchVerifies: number[] = [];
    const typedVerifies: number[] = [];
    for (let i = 0; i < launchRuns * 2; i++) {
      const launched = await startWebApp({ CERTSCOPE_DATA_DIR: dataDir });
      try {
        const fresh = await newPage(browser, 900);
        await fresh.goto(launched.url);
        await fresh.getByTestId('host-input').waitFor();
        if (i % 2) await new Promise((resolve) => setTimeout(resolve, typingMs));
        await enterToVerdict(fresh, target);
        (i % 2 ? typedVerifies : launchVerifies).push(await verifyStepMs(fresh));
        await fresh.close();
      } finally {
        await launched.stop();
      }
    }

    // Enter → verdict, interleaved with the probe called directly and the core's verification.
    const page = await newPage(browser, 900);
    await page.goto(await app.loginUrl());
    await page.getByTestId('host-input').waitFor();
    const cold = await enterToVerdict(page, target);
    await settle();
    // The same stores the page verifies against: public, system and the user's (this data folder).
    const savedDataDir = process.env.CERTSCOPE_DATA_DIR;
    process.env.CERTSCOPE_DATA_DIR = dataDir;
    const anchors = await loadTrustStores();
    if (savedDataDir === undefined) delete process.env.CERTSCOPE_DATA_DIR;
    else process.env.CERTSCOPE_DATA_DIR = savedDataDir;
    const verdicts: number[] = [];
    const probes: number[] = [];
    const verifies: number[] = [];
    const warmVerifies: number[] = [];
    for (let i = 0; i < 3; i++) await probe({ target });
    for (let i = 0; i < verdictRuns; i++) {
      verdicts.push(await enterToVerdict(page, target));
      warmVerifies.push(await verifyStepMs(page));
      // What the page does after the verdict (the rest of the view, the history entry) is left to
      // finish first, so it slows neither the baseline nor the next run.
      await settle();
      const started = performance.now();
      const captured = await probe({ target });
      probes.push(performance.now() - started);
      verifies.push(await time(() => verifyProbeResult(captured, { anchors })));
    }

    // Cold again: the first inspection after each trust change (the root untrusted, then trusted).
    const trustVerifies: number[] = [];
    for (let i = 0; i < trustRuns; i++) {
      await toggleRootTrust(page);
      await settle();
      await enterToVerdict(page, target);
      trustVerifies.push(await verifyStepMs(page));
      await settle();
    }
    await page.close();

    const [mApp, mBlank, mHostField] = [median(appPaints), median(blankPaints), median(hostFields)];
    const [mFirst, mLast, mDecode] = [median(firstRows), median(lastRows), median(decodes)];
    const [mVerdict, mProbe, mVerify] = [median(verdicts), median(probes), median(verifies)];
    const [mLaunch, mTyped, mTrust, mWarm] = [
      median(launchVerifies),
      median(typedVerifies),
      median(trustVerifies),
      median(warmVerifies),
    ];
    const goal = (ok: boolean) => (ok ? 'met' : '**missed**');
    return [
      markdownTable(
        ['figure', 'median', 'baseline (same run)', 'baseline median', 'ratio', 'goal', ''],
        [
          [
            'first contentful paint, web mode',
            formatMs(mApp),
            'blank page over loopback',
            formatMs(mBlank),
            formatRatio(mApp / mBlank),
            '< 300 ms',
            goal(mApp < 300),
          ],
          [
            '… the app mounted (host field in the DOM)',
            formatMs(mHostField),
            'blank page over loopback',
            formatMs(mBlank),
            formatRatio(mHostField / mBlank),
            '(none set)',
            '',
          ],
          [
            `${listSize} certificates dropped → first rows drawn`,
            formatMs(mFirst),
            'core decodeInput of the same file (Node)',
            formatMs(mDecode),
            formatRatio(mFirst / mDecode),
            '< 1 s',
            goal(mFirst < 1000),
          ],
          [
            `… then scrolled to the end → last row drawn`,
            formatMs(mLast),
            '',
            '',
            '',
            '< 1 s (with the above)',
            goal(mFirst + mLast < 1000),
          ],
          [
            'Enter → verdict drawn (loopback lab server)',
            formatMs(mVerdict),
            'probe called directly (Node)',
            formatMs(mProbe),
            formatRatio(mVerdict / mProbe),
            'overhead < 30 ms',
            `${goal(mVerdict - mProbe < 30)} (+${formatMs(mVerdict - mProbe)})`,
          ],
          [
            '… of which verification in the page',
            '',
            'core verifyProbeResult (Node)',
            formatMs(mVerify),
            '',
            '',
            `rest: +${formatMs(mVerdict - mProbe - mVerify)}`,
          ],
          [
            'verify step, cold: first inspection after a launch, Enter at once',
            formatMs(mLaunch),
            'verify step, warm (later inspections)',
            formatMs(mWarm),
            formatRatio(mLaunch / mWarm),
            '≤ 50 ms',
            goal(mLaunch <= 50),
          ],
          [
            `… Enter after typing time (${typingMs / 1000} s)`,
            formatMs(mTyped),
            'verify step, warm (later inspections)',
            formatMs(mWarm),
            formatRatio(mTyped / mWarm),
            '≤ 50 ms',
            goal(mTyped <= 50),
          ],
          [
            'verify step, cold: first inspection after a trust change',
            formatMs(mTrust),
            'verify step, warm (later inspections)',
            formatMs(mWarm),
            formatRatio(mTrust / mWarm),
            '≤ 50 ms',
            goal(mTrust <= 50),
          ],
        ],
      ),
      '',
      `Medians: first paint ${paintRuns} runs each (fresh browser contexts, alternating); ` +
        `${listSize} certificates ${listRuns} runs (fresh pages); verdict ${verdictRuns} runs ` +
        `(the first, cold one took ${formatMs(cold)} and is not counted). ` +
        'The verdict counts from the keydown of Enter to the frame after the verdict enters the DOM; ' +
        `after each one the page is left ${settleMs} ms to finish (history entry, the rest of the view) ` +
        'before the probe is timed on its own. ' +
        `Verify step (as the progress line shows it): cold after a launch ${launchRuns} runs each way ` +
        '(web mode started afresh each time, alternating; Enter as soon as the host field is drawn: max ' +
        `${formatMs(Math.max(...launchVerifies))}; after typing time: max ${formatMs(Math.max(...typedVerifies))}), ` +
        `cold after a trust change ${trustRuns} runs (max ` +
        `${formatMs(Math.max(...trustVerifies))}), warm: the ${verdictRuns} verdict runs.`,
    ].join('\n');
  } finally {
    await browser?.close();
    await app?.stop();
    await server.close();
    blank.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
