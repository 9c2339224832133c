import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertscopeApi } from '../../../src-core/api/contract';
import { decodeWire, encodeWire } from '../../../src-core/api/wire';
import { createApi } from '../../../src-main/services/api';
import { WebSocket } from 'ws';
import {
  MAX_API_BODY_BYTES,
  SOCKET_PATH,
  SOCKET_PROTOCOL,
  SOCKET_TOKEN_PREFIX,
  startWebServer,
  type WebServer,
} from '../../../src-main/web/server';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so tests can send the Host and Origin headers a browser or attacker would. */
function send(
  server: WebServer,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('web mode server', () => {
  let server: WebServer;
  let staticDir: string;
  /** What the page sends with each HTTP call. */
  let auth: Record<string, string>;
  const api: CertscopeApi = createApi({ mode: 'web' });

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'certscope-static-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Certscope</title>');
    await writeFile(join(tmpdir(), 'certscope-secret-outside.txt'), 'outside');
    server = await startWebServer({ api, staticDir });
    auth = { 'X-Certscope-Token': server.token };
  });
  afterAll(async () => {
    await server.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('listens on loopback only; the launch URL carries a one-time code in its fragment, not the token', () => {
    // A fragment is never sent to a server: not to us, not in a Referer, not to another local site.
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#code=[\w-]{40,}$/);
    expect(server.url).not.toContain(server.token);
  });

  describe('login', () => {
    const login = (
      code: string,
      headers: Record<string, string> = { Origin: `http://127.0.0.1:${server.port}` },
    ) =>
      send(server, {
        method: 'POST',
        path: '/api/login',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ code }),
      });
    const codeOf = (url: string) => new URL(url).hash.slice('#code='.length);

    it('trades the code for the API token once; the next login URL is offered then', async () => {
      const offered: string[] = [];
      const own = await startWebServer({ api, staticDir, onLoginUrl: (url) => offered.push(url) });
      try {
        const first = codeOf(own.url);
        const trade = (code: string) =>
          send(own, {
            method: 'POST',
            path: '/api/login',
            headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${own.port}` },
            body: JSON.stringify({ code }),
          });
        const answer = await trade(first);
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toEqual({ token: own.token });
        expect(answer.headers['set-cookie']).toBeUndefined();
        // Spent: the copy a browser's history keeps is worth nothing.
        const again = await trade(first);
        expect(again.status).toBe(401);
        expect(again.body).toMatch(/used already/);
        expect(offered).toEqual([own.loginUrl()]);
        expect(codeOf(offered[0])).not.toBe(first);
        expect((await trade(codeOf(offered[0]))).status).toBe(200);
        expect(offered).toHaveLength(2);
      } finally {
        await own.close();
      }
    });

    it('refuses a wrong code, a login without an Origin or from another site, and GET', async () => {
      expect((await login('wrong')).status).toBe(401);
      expect((await login(codeOf(server.loginUrl()), {})).status).toBe(403);
      expect((await login(codeOf(server.loginUrl()), { Origin: 'http://127.0.0.1:1' })).status).toBe(403);
      expect((await send(server, { path: '/api/login' })).status).toBe(405);
    });
  });

  it('sets no cookie, whatever the request, so the browser has nothing to send to other ports', async () => {
    for (const path of ['/', `/?token=${server.token}`, '/index.html']) {
      const response = await send(server, { path });
      expect(response.headers['set-cookie'], path).toBeUndefined();
    }
  });

  it('refuses a wrong token', async () => {
    const response = await send(server, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: { 'Content-Type': 'application/json', 'X-Certscope-Token': 'wrong' },
      body: encodeWire({ args: [] }),
    });
    expect(response.status).toBe(401);
  });

  it('refuses every API call without the token, a cookie or query carrying it included', async () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { Cookie: `certscope_token=${server.token}` },
      { Authorization: `Bearer ${server.token}` },
    ]) {
      const response = await send(server, {
        method: 'POST',
        path: `/api/getAppInfo?token=${server.token}`,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: encodeWire({ args: [] }),
      });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.body).not.toContain('Certscope","version');
    }
  });

  it('serves the app (public code, no data) with a strict Content Security Policy', async () => {
    const response = await send(server, { path: '/' });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>Certscope</title>');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const response = await send(server, {
      path: '/',
      headers: { Host: `attacker.example:${server.port}`, ...auth },
    });
    expect(response.status).toBe(421);
  });

  it('refuses a foreign Origin (another site in the same browser), even with the token', async () => {
    const response = await send(server, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: { Origin: 'https://evil.example', ...auth, 'Content-Type': 'application/json' },
      body: encodeWire({ args: [] }),
    });
    expect(response.status).toBe(403);
  });

  it('refuses cross-site fetch metadata', async () => {
    const response = await send(server, {
      path: '/',
      headers: { ...auth, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(response.status).toBe(403);
  });

  it('answers contract methods over POST with the wire encoding', async () => {
    const response = await send(server, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: {
        Origin: `http://127.0.0.1:${server.port}`,
        ...auth,
        'Content-Type': 'application/json',
      },
      body: encodeWire({ args: [] }),
    });
    expect(response.status).toBe(200);
    const reply = decodeWire(response.body) as { ok: boolean; result: { name: string; mode: string } };
    expect(reply).toMatchObject({ ok: true, result: { name: 'Certscope', mode: 'web' } });
  });

  it('refuses methods outside the contract and non-JSON bodies', async () => {
    const unknown = await send(server, {
      method: 'POST',
      path: '/api/readFile',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: encodeWire({ args: ['/etc/passwd'] }),
    });
    expect(unknown.status).toBe(404);
    const form = await send(server, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'args=[]',
    });
    expect(form.status).toBe(415);
  });

  it('rejects arguments that do not match the contract', async () => {
    const response = await send(server, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: encodeWire({ args: ['unexpected'] }),
    });
    expect(response.status).toBe(400);
    expect(decodeWire(response.body)).toMatchObject({ ok: false, error: { name: 'ApiArgumentError' } });
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of [
      '/../certscope-secret-outside.txt',
      '/%2e%2e/certscope-secret-outside.txt',
      '/..%2fcertscope-secret-outside.txt',
    ]) {
      const response = await send(server, { path, headers: auth });
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('outside');
    }
  });

  it('refuses request bodies over the limit', async () => {
    const response = await send(server, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: 'x'.repeat(33 * 1024 * 1024),
    }).catch((error: NodeJS.ErrnoException) => ({
      status: error.code === 'EPIPE' || error.code === 'ECONNRESET' ? 413 : 0,
    }));
    expect(response.status).toBe(413);
  });

  describe('the API socket', () => {
    /**
     * Opens the socket as a page would (the token offered as a subprotocol) with these headers:
     * resolves open, or with the HTTP status it was refused with.
     */
    const open = (headers: Record<string, string>, path = SOCKET_PATH, protocols = withToken()) =>
      new Promise<{ socket?: WebSocket; status?: number }>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, protocols, { headers });
        socket.once('open', () => resolve({ socket }));
        socket.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode }));
        socket.once('error', () => resolve({}));
      });
    const withToken = (token = server.token) => [SOCKET_PROTOCOL, `${SOCKET_TOKEN_PREFIX}${token}`];
    const origin = () => `http://127.0.0.1:${server.port}`;
    const ask = (socket: WebSocket, message: unknown) =>
      new Promise<Record<string, unknown>>((resolve) => {
        socket.once('message', (data) => resolve(decodeWire(String(data)) as Record<string, unknown>));
        socket.send(typeof message === 'string' ? message : encodeWire(message));
      });

    it('answers contract calls by id, and bad arguments or methods as errors', async () => {
      const { socket } = await open({ Origin: origin() });
      expect(socket).toBeDefined();
      // The server picks the plain protocol name: the token is never echoed back.
      expect(socket!.protocol).toBe(SOCKET_PROTOCOL);
      try {
        await expect(ask(socket!, { id: 7, method: 'getAppInfo', args: [] })).resolves.toMatchObject({
          id: 7,
          ok: true,
          result: { name: 'Certscope', mode: 'web' },
        });
        await expect(
          ask(socket!, { id: 8, method: 'getAppInfo', args: ['unexpected'] }),
        ).resolves.toMatchObject({
          id: 8,
          ok: false,
          error: { name: 'ApiArgumentError' },
        });
        await expect(
          ask(socket!, { id: 9, method: 'readFile', args: ['/etc/passwd'] }),
        ).resolves.toMatchObject({
          id: 9,
          ok: false,
          error: { message: 'no such API method' },
        });
        await expect(ask(socket!, 'not json')).resolves.toMatchObject({ ok: false });
      } finally {
        socket!.terminate();
      }
    });

    it('is refused without the token, to a foreign or missing Origin, a foreign Host, or on another path', async () => {
      expect((await open({ Origin: origin() }, SOCKET_PATH, [SOCKET_PROTOCOL])).status).toBe(401);
      expect((await open({ Origin: origin() }, SOCKET_PATH, withToken('wrong'))).status).toBe(401);
      expect(
        (await open({ Origin: origin(), Cookie: `certscope_token=${server.token}` }, SOCKET_PATH, [])).status,
      ).toBe(401);
      expect((await open({ Origin: 'http://evil.example' })).status).toBe(403);
      expect((await open({})).status).toBe(403);
      expect((await open({ Origin: origin(), Host: 'evil.example' })).status).toBe(421);
      expect((await open({ Origin: origin() }, '/api/other')).status).toBe(404);
    });

    it('closes on binary messages and on messages over the size limit', async () => {
      const { socket } = await open({ Origin: origin() });
      const closed = new Promise<number>((resolve) => socket!.once('close', (code) => resolve(code)));
      socket!.send(new Uint8Array([1, 2, 3]));
      expect(await closed).toBe(1003);
      const { socket: second } = await open({ Origin: origin() });
      const tooBig = new Promise<number>((resolve) => second!.once('close', (code) => resolve(code)));
      second!.send('x'.repeat(MAX_API_BODY_BYTES + 1));
      expect(await tooBig).toBe(1009); // "message too big"
    });
  });
});
