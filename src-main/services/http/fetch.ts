/**
 * The one plain-HTTP client of the services that fetch PKI objects (AIA issuers, OCSP, CRLs):
 * http:// only, a byte limit and a deadline per request, only to addresses the address policy
 * allows (connecting to the very address it checked), optionally through the user's HTTP proxy
 * (absolute-form requests, RFC 9112 §3.2.2, as proxies expect for http), every failure a
 * `HttpFetchError` whose message says what happened in plain words.
 */
import { request as httpRequest, type RequestOptions } from 'node:http';
import { parseProxy, ProxyError, type ProxySettings } from '../probe/proxy';
import {
  AddressRefused,
  allowedAddress,
  checkProxiedHost,
  policyFor,
  type AddressPolicy,
} from './address-policy';

export class HttpFetchError extends Error {
  override name = 'HttpFetchError';
  constructor(
    message: string,
    /** The HTTP status, when the server answered with one other than 200. */
    readonly status?: number,
    /** Not fetched at all: the address policy refused the target. */
    readonly refused = false,
  ) {
    super(message);
  }
}

export interface HttpFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  /** What is fetched, for the https refusal: 'AIA issuers', 'OCSP responses'… */
  what: string;
  method?: 'GET' | 'POST';
  body?: Uint8Array;
  contentType?: string;
  /** The user's proxy: the request goes to it, naming the whole URL. */
  proxy?: ProxySettings;
  /** Which addresses may be fetched from (default: public ones only). */
  policy?: AddressPolicy;
}

export function httpFetch(url: string, options: HttpFetchOptions): Promise<Uint8Array> {
  return httpFetchFrom(url, options).then((answer) => answer.body);
}

/** The body, and the address it came from (none through a proxy). */
export async function httpFetchFrom(
  url: string,
  options: HttpFetchOptions,
): Promise<{ body: Uint8Array; address?: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HttpFetchError(`not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:')
    throw new HttpFetchError(`${options.what} are fetched over http only, not ${parsed.protocol}`);
  let proxy: ReturnType<typeof parseProxy> | undefined;
  try {
    proxy = options.proxy ? parseProxy(options.proxy) : undefined;
  } catch (error) {
    throw new HttpFetchError((error as ProxyError).message);
  }
  const policy = options.policy ?? policyFor(null);
  let address: string | undefined;
  try {
    if (proxy) await checkProxiedHost(parsed.hostname, policy);
    else address = await allowedAddress(parsed.hostname, policy);
  } catch (error) {
    if (error instanceof AddressRefused) throw new HttpFetchError(error.message, undefined, true);
    throw new HttpFetchError(`${url}: ${plainError(error as Error)}`);
  }
  const body = await send(url, parsed, options, proxy, address);
  return { body, ...(address ? { address } : {}) };
}

function send(
  url: string,
  parsed: URL,
  options: HttpFetchOptions,
  proxy: ReturnType<typeof parseProxy> | undefined,
  address: string | undefined,
): Promise<Uint8Array> {
  const seconds = `${options.timeoutMs / 1000} s`;
  const headers: Record<string, string | number> = {
    ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
    ...(options.body ? { 'Content-Length': options.body.byteLength } : {}),
  };
  const common = { method: options.method ?? 'GET', timeout: options.timeoutMs };
  // Through a proxy: connect to it and name the whole URL in the request line.
  const target: RequestOptions = proxy
    ? {
        ...common,
        host: proxy.host,
        port: proxy.port,
        path: parsed.href,
        headers: {
          ...headers,
          Host: parsed.host,
          ...(proxy.authorization ? { 'Proxy-Authorization': proxy.authorization } : {}),
        },
      }
    : {
        // The address the policy checked, never the name again: no second DNS answer to trust.
        ...common,
        host: address,
        port: parsed.port || 80,
        path: `${parsed.pathname}${parsed.search}`,
        headers: { ...headers, Host: parsed.host },
      };
  const via = proxy ? ` (through the proxy ${proxy.host}:${proxy.port})` : '';
  return new Promise((resolve, reject) => {
    const request = httpRequest(target, (response) => {
      if (proxy && response.statusCode === 407) {
        response.resume();
        const refused = proxy.authorization
          ? 'refused the credentials given'
          : 'asks for credentials (give a user name and password)';
        reject(new HttpFetchError(`the proxy ${proxy.host}:${proxy.port} ${refused}`, 407));
        return;
      }
      if (response.statusCode !== 200) {
        response.resume();
        reject(new HttpFetchError(`${url} answered HTTP ${response.statusCode}${via}`, response.statusCode));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          request.destroy(new HttpFetchError(`${url} sent more than ${options.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      response.on('error', reject);
    });
    request.on('timeout', () =>
      request.destroy(new HttpFetchError(`${url} did not answer within ${seconds}${via}`)),
    );
    request.on('error', (error) => {
      if (error instanceof HttpFetchError) return reject(error);
      reject(
        new HttpFetchError(
          proxy
            ? `could not reach the proxy ${proxy.host}:${proxy.port}: ${plainError(error)}`
            : `${url}: ${plainError(error)}`,
        ),
      );
    });
    // The socket timeout is per inactivity; this bounds the whole exchange.
    setTimeout(
      () => request.destroy(new HttpFetchError(`${url} took longer than ${seconds}${via}`)),
      options.timeoutMs,
    ).unref();
    request.end(options.body ? Buffer.from(options.body) : undefined);
  });
}

function plainError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'connection refused (nothing listens there)';
  if (code === 'ECONNRESET' || error.message === 'socket hang up')
    return 'the server closed the connection without answering';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  return error.message;
}
