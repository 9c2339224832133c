/**
 * Web mode's login against another local site (issue 15): cookies ignore ports, so whatever the
 * browser keeps for Certscope's origin it would also send to any other server on 127.0.0.1 or
 * localhost — a dev server, another user's service. A second loopback server, visited by the same
 * Chromium after logging in, records every request it receives (headers, cookies, URL, Referer)
 * and what its page can read (cookies, storage), then replays all of it against Certscope's API
 * over HTTP and the socket: every replay gets 401, and the token appears nowhere in what it saw.
 * The launch URL leaves the address bar and the tab's history at once; Chromium's history database
 * keeps it anyway (it does, whatever a page does), so the code it carries must be spent by then:
 * the token is nowhere in the profile's history files and the code found there logs no one in.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, screenshot, startWebApp, type WebApp } from './support/browser';

interface Recorded {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The other local site: a page whose script reports what it can see and try, and a log of every request. */
async function startOtherSite(
  certscopeOrigin: string,
): Promise<{ server: Server; port: number; seen: Recorded[] }> {
  const seen: Recorded[] = [];
  const page = `<!doctype html><title>another local site</title><script>
    (async () => {
      const report = (what, value) => fetch('/report', { method: 'POST', body: JSON.stringify({ what, value }) });
      await report('document.cookie', document.cookie);
      await report('sessionStorage', JSON.stringify({ ...sessionStorage }));
      await report('localStorage', JSON.stringify({ ...localStorage }));
      await report('location', location.href);
      await report('referrer', document.referrer);
      try {
        const answer = await fetch(${JSON.stringify(certscopeOrigin)} + '/api/getAppInfo', {
          method: 'POST', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{"args":[]}',
        });
        await report('api', answer.status + ' ' + (await answer.text()));
      } catch (error) { await report('api', 'failed: ' + error); }
      const socket = new WebSocket(${JSON.stringify(certscopeOrigin.replace(/^http/, 'ws'))} + '/api/socket');
      socket.onopen = () => report('socket', 'open');
      socket.onerror = () => report('socket', 'refused');
      await new Promise((done) => setTimeout(done, 300));
      await report('done', '');
    })();
  </script>`;
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      seen.push({ url: request.url ?? '', headers: request.headers, body });
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(request.url === '/report' ? '' : page);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, seen };
}

/** Replays a request's headers against Certscope's API over HTTP: the status it gets. */
function replayHttp(app: WebApp, headers: IncomingHttpHeaders): Promise<{ status: number; body: string }> {
  const kept = Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => !['host', 'content-length', 'connection', 'transfer-encoding'].includes(name),
    ),
  );
  return new Promise((resolve, reject) => {
    const url = new URL(app.origin);
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/api/getAppInfo',
        // Our Origin and Host, as if the other site's credentials came from Certscope's own page.
        headers: { ...kept, Host: url.host, Origin: app.origin, 'Content-Type': 'application/json' },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end('{"args":[]}');
  });
}

/** The same over the API socket: the status of the refused upgrade (or 101 if it opened). */
function replaySocket(app: WebApp, headers: IncomingHttpHeaders, protocols: string[]): Promise<number> {
  const kept = Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => name === 'cookie' || name === 'authorization' || name.startsWith('x-'),
    ),
  ) as Record<string, string>;
  return new Promise((resolve) => {
    const socket = new WebSocket(`${app.origin.replace(/^http/, 'ws')}/api/socket`, protocols, {
      headers: { ...kept, Origin: app.origin },
    });
    socket.once('open', () => {
      socket.terminate();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    try {
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    } catch {
      return [];
    }
  });
}

describe('web mode login and another local site', () => {
  let app: WebApp;
  let other: Awaited<ReturnType<typeof startOtherSite>>;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  /** The API token, as the logged-in page holds it. */
  let token: string;

  beforeAll(async () => {
    app = await startWebApp();
    other = await startOtherSite(app.origin);
    profile = mkdtempSync(join(tmpdir(), 'certscope-e2e-profile-'));
    // A persistent profile, so the browser's own history database can be searched afterwards.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await app?.stop();
    other?.server.close();
    if (profile && !process.env.KEEP_PROFILE) rmSync(profile, { recursive: true, force: true });
  });

  it('logs in from the launch URL and takes the code out of the address bar and tab history', async () => {
    // The page's calls go over the API socket (the token offered as a subprotocol), not only HTTP.
    const socketFrames: string[] = [];
    page.on('websocket', (socket) => {
      if (socket.url().endsWith('/api/socket'))
        socket.on('framesent', (frame) => socketFrames.push(String(frame.payload)));
    });
    await page.goto(app.url);
    await page.getByTestId('host-input').waitFor();
    expect(page.url()).toBe(`${app.origin}/`);
    await expect
      .poll(() => page.evaluate(() => sessionStorage.getItem('certscope-web-token')))
      .toMatch(/^[\w-]{40,}$/);
    token = (await page.evaluate(() => sessionStorage.getItem('certscope-web-token')))!;
    // The API answers the page (the trust stores come from it), and still after a reload.
    await page.getByTestId('trust-toggle').click();
    await page.getByTestId('trust-anchor').first().waitFor({ timeout: 20_000 });
    expect(socketFrames.some((frame) => frame.includes('"getTrustStores"'))).toBe(true);
    await page.reload();
    await page.getByTestId('trust-toggle').click();
    await page.getByTestId('trust-anchor').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'web-login-after-launch');
    // The tab's history holds the clean URL only: back is the blank page the tab started on.
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    await page.goForward();
    expect(page.url()).toBe(`${app.origin}/`);
  });

  it('says plainly when a login link was used already, and the newest one works in another tab', async () => {
    const used = await context.newPage();
    await used.goto(app.url);
    const notice = used.getByTestId('web-login-problem');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toMatch(/login link was used already.*newest URL/);
    await screenshot(used, 'web-login-used-link');
    await used.goto(await app.loginUrl());
    await used.getByTestId('trust-toggle').click();
    await used.getByTestId('trust-anchor').first().waitFor({ timeout: 20_000 });
    await used.close();
  });

  it('gives another local site nothing it can use against the API', async () => {
    // The same tab goes on to the other site (Referer, cookies), and a second tab opens it as localhost.
    await page.goto(`http://127.0.0.1:${other.port}/`);
    const second = await context.newPage();
    await second.goto(`http://localhost:${other.port}/`);
    await expect
      .poll(() => other.seen.filter((entry) => entry.body.includes('"what":"done"')).length, {
        timeout: 20_000,
      })
      .toBe(2);

    const reports = other.seen
      .filter((entry) => entry.url === '/report')
      .map((entry) => JSON.parse(entry.body) as { what: string; value: string });
    // What its page could see and try.
    expect(reports.filter((entry) => entry.what === 'document.cookie').map((entry) => entry.value)).toEqual([
      '',
      '',
    ]);
    for (const entry of reports.filter((item) => item.what === 'api'))
      expect(entry.value).not.toMatch(/^200/);
    expect(reports.filter((entry) => entry.what === 'socket').map((entry) => entry.value)).toEqual([
      'refused',
      'refused',
    ]);
    // What the browser sent it: never the token, in any header, URL or body.
    expect(other.seen.length).toBeGreaterThan(4);
    for (const entry of other.seen) expect(JSON.stringify(entry)).not.toContain(token);

    // Everything it received, replayed against Certscope: refused every time.
    for (const entry of other.seen) {
      const replayed = await replayHttp(app, entry.headers);
      expect(replayed.status, JSON.stringify(entry.headers)).toBe(401);
      expect(replayed.body).not.toContain('"version"');
      expect(await replaySocket(app, entry.headers, ['certscope'])).toBe(401);
    }
    // Its page's own storage holds nothing of ours either.
    for (const entry of reports.filter((item) => item.what.endsWith('Storage')))
      expect(entry.value).toBe('{}');
    await second.close();
  });

  it('leaves nothing usable in the history the browser keeps on disk', async () => {
    await context.close();
    const historyFiles = filesUnder(profile).filter((path) =>
      /(^|\/)(History|History-journal|Visited Links|Top Sites|Favicons)[^/]*$|\/Sessions\//.test(path),
    );
    const history = historyFiles.find((path) => /\/History$/.test(path));
    expect(history).toBeDefined();
    for (const path of historyFiles)
      expect(readFileSync(path).includes(Buffer.from(token)), path).toBe(false);
    // The launch URLs are in there (Chromium keeps them); their codes are spent.
    const codes = [
      ...readFileSync(history!)
        .toString('latin1')
        .matchAll(/#code=([\w-]{40,})/g),
    ].map((match) => match[1]);
    expect(codes).toContain(new URL(app.url).hash.slice('#code='.length));
    for (const code of new Set(codes)) {
      const answer = await fetch(`${app.origin}/api/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: app.origin },
        body: JSON.stringify({ code }),
      });
      expect(answer.status).toBe(401);
    }
  });
});
