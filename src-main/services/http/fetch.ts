/**
 * The one plain-HTTP client of the services that fetch PKI objects (AIA issuers, OCSP, CRLs):
 * http:// only, a byte limit and a deadline per request, every failure a `HttpFetchError` whose
 * message says what happened in plain words.
 */
import { request as httpRequest } from 'node:http';

export class HttpFetchError extends Error {
  override name = 'HttpFetchError';
  constructor(
    message: string,
    /** The HTTP status, when the server answered with one other than 200. */
    readonly status?: number,
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
}

export function httpFetch(url: string, options: HttpFetchOptions): Promise<Uint8Array> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new HttpFetchError(`not a URL: ${url}`));
  }
  if (parsed.protocol !== 'http:')
    return Promise.reject(
      new HttpFetchError(`${options.what} are fetched over http only, not ${parsed.protocol}`),
    );
  const seconds = `${options.timeoutMs / 1000} s`;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      parsed,
      {
        method: options.method ?? 'GET',
        timeout: options.timeoutMs,
        headers: {
          ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
          ...(options.body ? { 'Content-Length': options.body.byteLength } : {}),
        },
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new HttpFetchError(`${url} answered HTTP ${response.statusCode}`, response.statusCode));
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
      },
    );
    request.on('timeout', () =>
      request.destroy(new HttpFetchError(`${url} did not answer within ${seconds}`)),
    );
    request.on('error', (error) =>
      reject(error instanceof HttpFetchError ? error : new HttpFetchError(`${url}: ${plainError(error)}`)),
    );
    // The socket timeout is per inactivity; this bounds the whole exchange.
    setTimeout(
      () => request.destroy(new HttpFetchError(`${url} took longer than ${seconds}`)),
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
