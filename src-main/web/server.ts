/**
 * Web mode: the same services as the desktop app, behind a loopback-only HTTP adapter.
 *
 * Who may talk to it: only a page that holds the random per-launch API token, and only under our
 * own Host and Origin, so other sites in the same browser and DNS rebinding can't reach it.
 *
 * Login: the launch URL carries a one-time code in its fragment (`#code=…`, never sent to any
 * server, never in a Referer). The page takes it out of the address bar and trades it, once, for
 * the API token (`POST /api/login`); the code is then spent and a fresh login URL is offered
 * (`onLoginUrl`, printed by `npm run web`) for another tab. Browsers keep the launch URL in their
 * history database whatever a page does (Chromium does, even after `history.replaceState`), so
 * what stays there must be worthless: a spent code is. The page keeps the token in its own
 * session storage (bound to this origin, port included, and to the tab) and sends it with each
 * call — the `X-Certscope-Token` header over HTTP, a `Sec-WebSocket-Protocol` entry when it opens
 * the socket. No cookie is ever set, so nothing the browser sends to other local ports (cookies
 * ignore ports) is worth anything.
 * It serves the built renderer (public code, no data) and the contract's methods — over HTTP, and
 * as messages on one WebSocket (`/api/socket`), which a browser answers in a fraction of a fetch's
 * round trip — nothing else.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import {
  apiMethods,
  isApiMethodName,
  type ApiMethodName,
  type CertscopeApi,
} from '../../src-core/api/contract';
import { decodeWire, encodeWire } from '../../src-core/api/wire';
import { contentSecurityPolicy } from '../security/csp';

export interface WebServerOptions {
  api: CertscopeApi;
  /** Folder with the built renderer (index.html and assets). */
  staticDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed API token, for tests; random otherwise. */
  token?: string;
  /** Told each new login URL once the previous one's code has been spent. */
  onLoginUrl?: (url: string) => void;
}

export interface WebServer {
  port: number;
  /** The API token pages hold once logged in. */
  token: string;
  /** The first login URL: open it in a browser. Its code works once. */
  url: string;
  /** The login URL whose code is unspent now. */
  loginUrl(): string;
  close(): Promise<void>;
}

/** Upper bound for one API request body (PKCS#12 uploads and PEM bundles fit easily). */
export const MAX_API_BODY_BYTES = 32 * 1024 * 1024;
export const TOKEN_HEADER = 'x-certscope-token';
export const LOGIN_PATH = '/api/login';
export const SOCKET_PATH = '/api/socket';
/** The socket's subprotocol; the token rides beside it as `certscope-token.<token>`. */
export const SOCKET_PROTOCOL = 'certscope';
export const SOCKET_TOKEN_PREFIX = 'certscope-token.';

type ApiReply =
  | { ok: true; result: unknown; badArguments?: undefined }
  | { ok: false; error: ReturnType<typeof describeError>; badArguments?: boolean };

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let loginCode = randomBytes(32).toString('base64url');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('web mode: could not read the listening port');
  const port = address.port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));

  // The socket takes the same checks as every request, and a browser always sends an Origin with it.
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_API_BODY_BYTES,
    // Answer with the plain protocol name: the token is never echoed back.
    handleProtocols: (offered) => (offered.has(SOCKET_PROTOCOL) ? SOCKET_PROTOCOL : false),
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      checkHostAndOrigin(request);
      if (request.headers.origin === undefined) throw new HttpRefusal(403, 'a WebSocket needs an Origin');
      if (!socketHasToken(request)) throw new HttpRefusal(401, 'no access token');
      if (new URL(request.url ?? '/', `http://127.0.0.1:${port}`).pathname !== SOCKET_PATH)
        throw new HttpRefusal(404, 'no such socket');
    } catch (error) {
      const refusal = error instanceof HttpRefusal ? error : new HttpRefusal(400, 'bad upgrade');
      socket.end(
        `HTTP/1.1 ${refusal.status} ${refusal.message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, serveSocket);
  });

  /** Each message is one call, `{ id, method, args }`; each answer carries its id back. */
  function serveSocket(socket: WebSocket): void {
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => {
      if (isBinary) return socket.close(1003, 'API calls are text');
      void (async () => {
        let id: unknown;
        let reply: ApiReply;
        try {
          const message = decodeWire(String(data)) as { id?: unknown; method?: unknown; args?: unknown };
          id = message.id;
          if (typeof id !== 'number' || typeof message.method !== 'string')
            throw new Error('missing id or method');
          reply = isApiMethodName(message.method)
            ? await callApi(message.method, message.args)
            : { ok: false, error: { name: 'ApiArgumentError', message: 'no such API method' } };
        } catch (error) {
          reply = { ok: false, error: describeError(error) };
        }
        if (socket.readyState === socket.OPEN) socket.send(encodeWire({ id, ...reply }));
      })();
    });
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      const refusal = error instanceof HttpRefusal ? error : new HttpRefusal(500, 'internal error');
      if (!response.headersSent) {
        sendText(response, refusal.status, refusal.message);
      } else {
        response.destroy();
      }
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    checkHostAndOrigin(request);
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === LOGIN_PATH) {
      await handleLogin(request, response);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (!sameSecret(headerValue(request, TOKEN_HEADER), token)) {
        throw new HttpRefusal(
          401,
          'Certscope web mode: open the URL printed when it started (it carries the access token).',
        );
      }
      await handleApi(request, response, url.pathname.slice('/api/'.length));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      throw new HttpRefusal(405, 'method not allowed');
    await serveStatic(response, url.pathname);
  }

  function checkHostAndOrigin(request: IncomingMessage): void {
    if (!allowedHosts.has(request.headers.host ?? ''))
      throw new HttpRefusal(421, 'unknown Host header refused');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin))
      throw new HttpRefusal(403, 'foreign Origin refused');
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site') throw new HttpRefusal(403, 'cross-site request refused');
  }

  /** The one-time code for the API token; the code is spent and a new login URL offered. */
  async function handleLogin(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') throw new HttpRefusal(405, 'log in with POST');
    // Only our own page logs in (a browser always sends Origin with a POST from a page).
    if (request.headers.origin === undefined) throw new HttpRefusal(403, 'a login needs an Origin');
    const body = await readBody(request, 1024);
    let code: unknown;
    try {
      code = (JSON.parse(body.toString('utf8')) as { code?: unknown }).code;
    } catch {
      throw new HttpRefusal(400, 'a login is {"code": "…"}');
    }
    if (typeof code !== 'string' || !sameSecret(code, loginCode)) {
      throw new HttpRefusal(
        401,
        'This Certscope login link was used already (or is wrong). Open the newest URL Certscope printed where it runs.',
      );
    }
    loginCode = randomBytes(32).toString('base64url');
    sendJson(response, 200, { token });
    options.onLoginUrl?.(loginUrl());
  }

  function loginUrl(): string {
    return `http://127.0.0.1:${port}/#code=${loginCode}`;
  }

  /** `Sec-WebSocket-Protocol: certscope, certscope-token.<token>` (a page can't set other headers). */
  function socketHasToken(request: IncomingMessage): boolean {
    const offered = headerValue(request, 'sec-websocket-protocol')
      .split(',')
      .map((entry) => entry.trim());
    const given = offered.find((entry) => entry.startsWith(SOCKET_TOKEN_PREFIX));
    return given !== undefined && sameSecret(given.slice(SOCKET_TOKEN_PREFIX.length), token);
  }

  async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    method: string,
  ): Promise<void> {
    if (request.method !== 'POST') throw new HttpRefusal(405, 'API calls are POST');
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new HttpRefusal(415, 'API calls are application/json');
    }
    if (!isApiMethodName(method)) throw new HttpRefusal(404, 'no such API method');
    const body = await readBody(request, MAX_API_BODY_BYTES);
    let decoded: { args?: unknown };
    try {
      decoded = decodeWire(body.toString('utf8')) as { args?: unknown };
    } catch (error) {
      sendJson(response, 400, { ok: false, error: describeError(error) });
      return;
    }
    const reply = await callApi(method, decoded?.args);
    sendJson(response, reply.badArguments ? 400 : 200, {
      ok: reply.ok,
      ...(reply.ok ? { result: reply.result } : { error: reply.error }),
    });
  }

  /** One call of the contract, its arguments checked first: what both transports answer. */
  async function callApi(method: ApiMethodName, rawArgs: unknown): Promise<ApiReply> {
    let args: unknown[];
    try {
      if (!Array.isArray(rawArgs)) throw new Error('missing args');
      args = apiMethods[method](rawArgs);
    } catch (error) {
      return { ok: false, error: describeError(error), badArguments: true };
    }
    try {
      const implementation = options.api[method] as (...callArgs: unknown[]) => Promise<unknown>;
      return { ok: true, result: await implementation.apply(options.api, args) };
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  }

  async function serveStatic(response: ServerResponse, pathname: string): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const resolved = normalize(join(options.staticDir, relative));
    if (!resolved.startsWith(normalize(options.staticDir) + sep)) throw new HttpRefusal(404, 'not found');
    let content: Buffer;
    try {
      content = await readFile(resolved);
    } catch {
      throw new HttpRefusal(404, 'not found');
    }
    response.writeHead(200, {
      'Content-Type': contentTypes[extname(resolved)] ?? 'application/octet-stream',
      ...securityHeaders(),
    });
    response.end(content);
  }

  return {
    port,
    token,
    url: loginUrl(),
    loginUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        // Upgraded connections are no longer the HTTP server's to close.
        sockets.clients.forEach((client) => client.terminate());
        sockets.close();
      }),
  };
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...securityHeaders() });
  response.end(encodeWire(body));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
  response.end(text);
}

function describeError(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function headerValue(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return typeof value === 'string' ? value : '';
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpRefusal(413, `request body larger than ${limit} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
