/**
 * A live HTTPS server per case on 127.0.0.1: it presents the case's chain exactly as given (leaf
 * first, extras and duplicates kept) and answers any request with a tiny page, so a browser sees
 * a complete load when it accepts the certificate.
 */
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { pemBundle, type ClientCase } from './case';

export interface CaseServer {
  port: number;
  close(): Promise<void>;
}

export const acceptedBody = 'certscope-client-case-ok';

export async function startCaseServer(testCase: ClientCase): Promise<CaseServer> {
  if (!testCase.leafKeyPem) throw new Error(`${testCase.id}: no leaf key, so no server can present it`);
  const server: Server = createServer(
    {
      cert: pemBundle(testCase.presented),
      key: testCase.leafKeyPem,
      // Present what the case says, weak keys and SHA-1 included: judging is the client's job.
      ciphers: 'DEFAULT:@SECLEVEL=0',
      minVersion: 'TLSv1.2',
    },
    (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain', Connection: 'close' });
      response.end(acceptedBody);
    },
  );
  // Clients that refuse the certificate abort the handshake; that is the expected path here.
  server.on('tlsClientError', () => undefined);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Starts a server for each case (in order), runs `body`, and always closes them. */
export async function withCaseServers<T>(
  cases: ClientCase[],
  body: (ports: Map<string, number>) => Promise<T>,
): Promise<T> {
  const servers: CaseServer[] = [];
  const ports = new Map<string, number>();
  try {
    for (const testCase of cases) {
      const server = await startCaseServer(testCase);
      servers.push(server);
      ports.set(testCase.id, server.port);
    }
    return await body(ports);
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}
