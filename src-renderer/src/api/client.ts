/**
 * The renderer's handle on the API contract: the preload's `window.certscope` inside Electron,
 * or the same methods over loopback in web mode — as messages on one WebSocket (a browser's
 * fetch costs several times its round trip), over HTTP where a socket can't be opened. Callers
 * can't tell the difference.
 */
import { apiMethodNames, type ApiMethodName, type CertscopeApi } from '../../../src-core/api/contract';
import { decodeWire, encodeWire } from '../../../src-core/api/wire';
import { webLoginProblem, webToken } from './web-token';

export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

interface WireReply {
  ok: boolean;
  result?: unknown;
  error?: { name: string; message: string; code?: string };
}

/** Web mode's calls carry the page's token in a header; no cookie is involved. */
export function createHttpApi(
  baseUrl = '',
  token: () => Promise<string | undefined> = webToken,
): CertscopeApi {
  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    let response: Response;
    const header = (await token()) ?? '';
    try {
      response = await fetch(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Certscope-Token': header },
        body: encodeWire({ args }),
        credentials: 'omit',
      });
    } catch {
      throw new ApiCallError(
        'Certscope lost its connection to the local service. Is `npm run web` still running?',
      );
    }
    const text = await response.text();
    if (response.status === 401) throw new ApiCallError(webLoginProblem() ?? text, 'unauthorized');
    let reply: WireReply;
    try {
      reply = decodeWire(text) as WireReply;
    } catch {
      throw new ApiCallError(`The local service answered ${response.status}: ${text.slice(0, 200)}`);
    }
    if (!reply.ok) throw new ApiCallError(reply.error?.message ?? 'unknown error', reply.error?.code);
    return reply.result;
  };
  return Object.fromEntries(
    apiMethodNames.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as CertscopeApi;
}

const lostConnection = () =>
  new ApiCallError('Certscope lost its connection to the local service. Is `npm run web` still running?');

/**
 * The contract over one WebSocket: each call a message `{ id, method, args }`, each answer
 * `{ id, ok, result | error }`. The socket opens on the first call and again after it closes;
 * calls in flight when it closes fail. Where it can't be opened at all, `fallback` takes every call.
 * `protocols` are offered when it opens (web mode's token rides there: a page can't set headers).
 */
export function createSocketApi(
  url: string,
  fallback: CertscopeApi,
  Socket: typeof WebSocket = WebSocket,
  protocols: () => Promise<string[]> = async () => [],
): CertscopeApi {
  let opening: Promise<WebSocket | undefined> | undefined;
  let unavailable = false;
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  function connect(): Promise<WebSocket | undefined> {
    opening ??= protocols().then(open);
    return opening;
  }

  function open(offered: string[]): Promise<WebSocket | undefined> {
    return new Promise((resolve) => {
      let opened = false;
      let socket: WebSocket;
      try {
        socket = new Socket(url, offered);
      } catch {
        unavailable = true;
        return resolve(undefined);
      }
      socket.onopen = () => {
        opened = true;
        resolve(socket);
      };
      socket.onmessage = (event: MessageEvent) => {
        let reply: WireReply & { id?: unknown };
        try {
          reply = decodeWire(String(event.data)) as WireReply & { id?: unknown };
        } catch {
          return;
        }
        const waiting = typeof reply.id === 'number' ? pending.get(reply.id) : undefined;
        if (!waiting) return;
        pending.delete(reply.id as number);
        if (reply.ok) waiting.resolve(reply.result);
        else waiting.reject(new ApiCallError(reply.error?.message ?? 'unknown error', reply.error?.code));
      };
      socket.onclose = () => {
        opening = undefined;
        if (!opened) {
          unavailable = true;
          resolve(undefined);
        }
        const failed = [...pending.values()];
        pending.clear();
        failed.forEach((call) => call.reject(lostConnection()));
      };
    });
  }

  const call = async (method: ApiMethodName, args: unknown[]): Promise<unknown> => {
    const socket = unavailable ? undefined : await connect();
    if (!socket || socket.readyState !== Socket.OPEN) {
      return (fallback[method] as (...given: unknown[]) => Promise<unknown>).apply(fallback, args);
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      socket.send(encodeWire({ id, method, args }));
    });
  };
  return Object.fromEntries(
    apiMethodNames.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as CertscopeApi;
}

/** The web-mode API: the socket beside the page's origin, HTTP where it can't be had. */
function createWebApi(): CertscopeApi {
  const http = createHttpApi();
  if (typeof WebSocket !== 'function' || !location.host) return http;
  return createSocketApi(`ws://${location.host}/api/socket`, http, WebSocket, async () =>
    socketProtocols(await webToken()),
  );
}

/** What a web-mode socket offers: the token rides as a subprotocol (a page can't set headers). */
export function socketProtocols(token: string | undefined): string[] {
  // The same names as src-main/web/server.ts's SOCKET_PROTOCOL and SOCKET_TOKEN_PREFIX.
  return token ? ['certscope', `certscope-token.${token}`] : ['certscope'];
}

/** Told as each call starts and settles (the progress line shows AIA fetches this way). */
export type ApiCallListener = (method: ApiMethodName, event: 'start' | 'end') => void;
const callListeners = new Set<ApiCallListener>();

/** Watches every call made through `useApi()`; returns the function that stops watching. */
export function watchApiCalls(listener: ApiCallListener): () => void {
  callListeners.add(listener);
  return () => callListeners.delete(listener);
}

function observed(inner: CertscopeApi): CertscopeApi {
  const tell = (method: ApiMethodName, event: 'start' | 'end') =>
    callListeners.forEach((listener) => listener(method, event));
  return Object.fromEntries(
    apiMethodNames.map((method) => [
      method,
      async (...args: unknown[]) => {
        tell(method, 'start');
        try {
          // The contract's methods differ in arguments; each is called with its own, as given.
          return await (inner[method] as (...given: unknown[]) => Promise<unknown>).apply(inner, args);
        } finally {
          tell(method, 'end');
        }
      },
    ]),
  ) as unknown as CertscopeApi;
}

let api: CertscopeApi | undefined;

export function useApi(): CertscopeApi {
  api ??= observed(window.certscope ?? createWebApi());
  return api;
}
