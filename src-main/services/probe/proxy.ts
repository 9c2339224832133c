/** HTTP CONNECT tunnels (RFC 9110 §9.3.6) for users behind corporate proxies, with basic auth. */
import { connect, type Socket } from 'node:net';
import type { ProxySettings } from '../../../src-core/tls/types';

export class ProxyError extends Error {
  override name = 'ProxyError';
}

export type { ProxySettings } from '../../../src-core/tls/types';

export function parseProxy(settings: ProxySettings): { host: string; port: number; authorization?: string } {
  let url: URL;
  try {
    url = new URL(settings.url);
  } catch {
    throw new ProxyError(`"${settings.url}" is not a proxy URL (use http://host:port)`);
  }
  if (url.protocol !== 'http:')
    throw new ProxyError(`only http:// CONNECT proxies are supported, not ${url.protocol}`);
  const username = settings.username ?? decodeURIComponent(url.username);
  const password = settings.password ?? decodeURIComponent(url.password);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 80),
    ...(username
      ? { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` }
      : {}),
  };
}

/** Opens a tunnel to host:port through the proxy; resolves with the socket once the proxy says 200. */
export function connectThroughProxy(
  settings: ProxySettings,
  host: string,
  port: number,
  timeoutMs: number,
  /** Called once the TCP connection to the proxy is up, before CONNECT is sent. */
  onConnected?: () => void,
): Promise<Socket> {
  const proxy = parseProxy(settings);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: proxy.host, port: proxy.port });
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          new ProxyError(`the proxy ${proxy.host}:${proxy.port} did not answer within ${timeoutMs / 1000} s`),
        ),
      timeoutMs,
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new ProxyError(
          `could not reach the proxy ${proxy.host}:${proxy.port}: ${error.code === 'ECONNREFUSED' ? 'connection refused' : error.message}`,
        ),
      ),
    );
    const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    socket.once('connect', () => {
      onConnected?.();
      socket.write(
        `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${proxy.authorization ? `Proxy-Authorization: ${proxy.authorization}\r\n` : ''}\r\n`,
      );
    });
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffer.length > 16 * 1024) fail(new ProxyError('the proxy sent an over-long answer to CONNECT'));
        return;
      }
      socket.off('data', onData);
      socket.pause();
      const statusLine = buffer.subarray(0, buffer.indexOf('\r\n')).toString('latin1');
      const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1]);
      if (status === 200) {
        clearTimeout(timer);
        const rest = buffer.subarray(end + 4);
        if (rest.length) socket.unshift(rest);
        resolve(socket);
      } else if (status === 407) {
        fail(
          new ProxyError(
            `the proxy requires authentication${proxy.authorization ? ' and refused the credentials given' : ' (give a user name and password)'}`,
          ),
        );
      } else {
        fail(
          new ProxyError(`the proxy refused to connect to ${authority}: ${statusLine || 'no status line'}`),
        );
      }
    };
    socket.on('data', onData);
  });
}
