/**
 * The renderer's handle on the API contract: the preload's `window.certscope` inside Electron,
 * or the same methods over loopback HTTP in web mode. Callers can't tell the difference.
 */
import { apiMethodNames, type ApiMethodName, type CertscopeApi } from '../../../src-core/api/contract';
import { decodeWire, encodeWire } from '../../../src-core/api/wire';

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

export function createHttpApi(baseUrl = ''): CertscopeApi {
  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: encodeWire({ args }),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiCallError(
        'Certscope lost its connection to the local service. Is `npm run web` still running?',
      );
    }
    const text = await response.text();
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
  api ??= observed(window.certscope ?? createHttpApi());
  return api;
}
