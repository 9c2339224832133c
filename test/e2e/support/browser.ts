/**
 * End-to-end support: start Certscope in web mode (the built app, as `npm run web` does) and
 * drive it with Debian's Chromium through playwright-core. Nothing is downloaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (path): path is string => Boolean(path),
  );
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error("Chromium not found: install Debian's `chromium` package or set CHROMIUM_PATH");
  return found;
}

export interface WebApp {
  /** The first login URL (its code works once: use `loginUrl()` for any further page). */
  url: string;
  origin: string;
  /** An unspent login URL: the next one web mode printed that no one has taken yet. */
  loginUrl(): Promise<string>;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `out/main/web.js` (run `npm run build` first) and waits for its URL line. */
export async function startWebApp(env: Record<string, string> = {}): Promise<WebApp> {
  const entry = join(repoRoot, 'out/main/web.js');
  if (!existsSync(entry))
    throw new Error('out/main/web.js is missing: run `npm run build` before the e2e tests');
  const child = spawn(process.execPath, [entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  // Every login URL printed, in order; each is handed out once (its code works once).
  const printed: string[] = [];
  let handedOut = 0;
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const match of output.matchAll(/web mode: [^\n]*?open (\S+)/g))
      if (!printed.includes(match[1])) printed.push(match[1]);
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const nextUrl = async (timeoutMs = 20_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    while (printed.length <= handedOut) {
      if (child.exitCode !== null) throw new Error(`web mode exited with ${child.exitCode}: ${output}`);
      if (Date.now() > deadline) throw new Error(`web mode printed no new login URL: ${output}`);
      await new Promise((resolveLater) => setTimeout(resolveLater, 20));
    }
    return printed[handedOut++];
  };
  const url = await nextUrl();
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    loginUrl: () => nextUrl(),
    process: child,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export interface AppPage {
  app: WebApp;
  browser: Browser;
  page: Page;
}

/**
 * Web mode with this environment, Chromium, and a page (1280×900 unless `options` say otherwise)
 * on the app once `readyTestId` is drawn. Stop it with `browser.close()` and `app.stop()`.
 */
export async function openAppPage(
  env: Record<string, string> = {},
  options: Parameters<Browser['newPage']>[0] = {},
  readyTestId = 'host-input',
): Promise<AppPage> {
  const app = await startWebApp(env);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
    await page.goto(app.url);
    await page.getByTestId(readyTestId).waitFor();
    return { app, browser, page };
  } catch (error) {
    await browser?.close();
    await app.stop();
    throw error;
  }
}

/** A fresh data folder whose user trust holds these anchors (DER), for CERTSCOPE_DATA_DIR. */
export async function dataDirTrusting(anchors: Uint8Array[]): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'certscope-e2e-'));
  await writeFile(
    join(dataDir, 'user-trust.json'),
    JSON.stringify({
      schemaVersion: 1,
      data: { anchors: anchors.map((der) => Buffer.from(der).toString('base64')), distrusted: [] },
    }),
  );
  return dataDir;
}

/** Headless Chromium as tests run it: no sandbox (root in CI), nothing in the background. */
export const chromiumFlags: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...chromiumFlags] });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Simulates dropping files onto the window, the way a user drags them from a file manager. */
export async function dropFiles(
  page: Page,
  files: { name: string; content: string | Uint8Array }[],
): Promise<void> {
  // Base64, not an array of numbers: a 3 MB file then crosses to the page in a moment.
  const payload = files.map((file) => ({
    name: file.name,
    base64: Buffer.from(
      typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content,
    ).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name));
    }
    return transfer;
  }, payload);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}
