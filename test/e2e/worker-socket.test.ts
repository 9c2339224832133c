/**
 * Web mode: the verification worker reaches the service over its own socket, logged in with the
 * page's token (a worker has no session storage to read it from). Without the token the server
 * refuses the upgrade, and every anchor lookup of a verdict goes through the page's main thread,
 * which is busy drawing the capture just then.
 */
import type { Browser, WebSocket as PlaywrightSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startWebApp, type WebApp } from './support/browser';

describe("the verification worker's own connection", () => {
  let app: WebApp;
  let browser: Browser;
  const sockets: { socket: PlaywrightSocket; frames: number; errors: string[] }[] = [];

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchChromium();
    const page = await browser.newPage();
    // Chromium reports the worker's sockets to the page too.
    page.on('websocket', (socket) => {
      const seen = { socket, frames: 0, errors: [] as string[] };
      sockets.push(seen);
      socket.on('framereceived', () => seen.frames++);
      socket.on('socketerror', (error) => seen.errors.push(error));
    });
    await page.goto(app.url);
    await page.getByTestId('host-input').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('is accepted beside the page’s, and answers', async () => {
    await expect.poll(() => sockets.filter((seen) => seen.frames > 0).length, { timeout: 10_000 }).toBe(2);
    expect(sockets.flatMap((seen) => seen.errors)).toEqual([]);
    expect(sockets.every((seen) => seen.socket.url().endsWith('/api/socket'))).toBe(true);
  });
});
