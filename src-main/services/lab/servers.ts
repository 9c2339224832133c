/**
 * The Lab's TLS servers on 127.0.0.1: Node's `tls`, presenting a chain exactly in the order given
 * (extras and duplicates included). Tests have more (a real `openssl s_server`, an HTTP file
 * server, STARTTLS fakes, hostile servers) in test/lab/.
 */
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { LabCert } from './certs';
import type { LabKey } from './keys';

export interface LabServer {
  host: '127.0.0.1' | '::1';
  port: number;
  close(): Promise<void>;
}

export type TlsVersionName = 'TLSv1.2' | 'TLSv1.3';

export interface NodeTlsServerOptions {
  /** The certificates exactly as they should go on the wire, leaf first. */
  chain: LabCert[];
  /** The leaf's private key (defaults to `chain[0].key`). */
  key?: LabKey;
  minVersion?: TlsVersionName;
  maxVersion?: TlsVersionName;
  /** Ask for a client certificate (two-way TLS), accepting those issued by `clientCa`. */
  requestClientCert?: boolean;
  clientCa?: LabCert[];
  /** DER OCSP response to staple when the client asks for it. */
  ocspResponse?: Uint8Array;
  alpn?: string[];
  /** Called for every accepted TLS connection (after the handshake). */
  onSecureConnection?: (socket: TLSSocket) => void;
  /** Loopback address to listen on (default 127.0.0.1). */
  host?: '127.0.0.1' | '::1';
  /**
   * OpenSSL's security level for this server (default: the system's). 0 lets it present what
   * today's defaults refuse to load, e.g. a SHA-1-signed chain ("ca md too weak").
   */
  securityLevel?: 0 | 1 | 2;
}

/** Node's TLS server: `cert` given as one PEM bundle goes on the wire in that order, duplicates kept. */
export async function startNodeTlsServer(options: NodeTlsServerOptions): Promise<LabServer> {
  const server = createTlsServer({
    cert: options.chain.map((certificate) => certificate.pem).join(''),
    key: (options.key ?? options.chain[0].key).pkcs8Pem,
    minVersion: options.minVersion ?? 'TLSv1.2',
    maxVersion: options.maxVersion ?? 'TLSv1.3',
    requestCert: options.requestClientCert ?? false,
    rejectUnauthorized: false,
    ...(options.clientCa ? { ca: options.clientCa.map((certificate) => certificate.pem) } : {}),
    ...(options.alpn ? { ALPNProtocols: options.alpn } : {}),
    ...(options.securityLevel !== undefined ? { ciphers: `DEFAULT:@SECLEVEL=${options.securityLevel}` } : {}),
  });
  if (options.ocspResponse) {
    const response = Buffer.from(options.ocspResponse);
    server.on('OCSPRequest', (_certificate, _issuer, callback) => callback(null, response));
  }
  server.on('secureConnection', (socket) => {
    options.onSecureConnection?.(socket);
    // A lab server has nothing to say; end politely so clients see a clean close.
    socket.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    host: options.host ?? '127.0.0.1',
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
