/**
 * A lab HTTP proxy: CONNECT tunnels (what the probe uses) and absolute-form requests (what AIA,
 * OCSP and CRL fetches use), optionally insisting on basic-auth credentials, recording the request
 * line of everything it was asked.
 */
import { createServer, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface LabProxy {
  port: number;
  url: string;
  /** Request lines, in order: `CONNECT host:port HTTP/1.1`, `GET http://… HTTP/1.1`. */
  requests: string[];
  close(): Promise<void>;
}

export async function startLabProxy(credentials?: { username: string; password: string }): Promise<LabProxy> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const expected = credentials
    ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
    : undefined;
  const denied =
    'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="lab"\r\nContent-Length: 0\r\n\r\n';
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url} HTTP/${request.httpVersion}`);
    if (expected && request.headers['proxy-authorization'] !== expected) {
      response.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="lab"' }).end();
      return;
    }
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400).end('absolute-form request expected');
      return;
    }
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port || 80,
        path: `${target.pathname}${target.search}`,
        method: request.method,
        headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    requests.push(`CONNECT ${request.url} HTTP/${request.httpVersion}`);
    client.on('error', () => undefined);
    if (expected && request.headers['proxy-authorization'] !== expected) {
      client.end(denied);
      return;
    }
    const [, host, port] = /^\[?([^\]]+?)\]?:(\d+)$/.exec(request.url ?? '') ?? [];
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
