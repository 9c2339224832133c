/**
 * Servers only tests need: a real `openssl s_server` presenting a chain exactly as given, and a
 * tiny HTTP server for AIA, CRL and OCSP files. On 127.0.0.1, random ports, closed by `close()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabCert, LabKey, LabServer } from '../../src-main/services/lab';

export interface OpensslServerOptions {
  /** The certificates exactly as they should go on the wire, leaf first. */
  chain: LabCert[];
  key?: LabKey;
  tlsVersion?: '1.2' | '1.3';
  /** DER OCSP response to staple (`-status_file`). */
  statusFile?: Uint8Array;
  /** Require a client certificate issued by one of these (`-Verify`). */
  verifyClient?: LabCert[];
  /** Accept only this SNI name; any other gets a fatal unrecognized_name alert. */
  onlyServerName?: string;
  extraArgs?: string[];
}

/**
 * A real `openssl s_server` presenting `chain`: the leaf with `-cert`, the rest with `-cert_chain`,
 * which OpenSSL sends as given. Files live in a private temp folder removed on close.
 */
export async function startOpensslServer(options: OpensslServerOptions): Promise<LabServer> {
  const dir = await mkdtemp(join(tmpdir(), 'certscope-lab-'));
  const [leaf, ...rest] = options.chain;
  const files = {
    cert: join(dir, 'leaf.pem'),
    key: join(dir, 'key.pem'),
    chain: join(dir, 'chain.pem'),
    status: join(dir, 'ocsp.der'),
    clientCa: join(dir, 'client-ca.pem'),
  };
  await writeFile(files.cert, leaf.pem);
  await writeFile(files.key, (options.key ?? leaf.key).pkcs8Pem, { mode: 0o600 });
  const args = ['s_server', '-accept', '127.0.0.1:0', '-cert', files.cert, '-key', files.key];
  if (rest.length) {
    await writeFile(files.chain, rest.map((certificate) => certificate.pem).join(''));
    args.push('-cert_chain', files.chain);
  }
  if (options.tlsVersion === '1.2') args.push('-tls1_2');
  if (options.tlsVersion === '1.3') args.push('-tls1_3');
  if (options.statusFile) {
    await writeFile(files.status, options.statusFile);
    args.push('-status_file', files.status);
  }
  if (options.verifyClient) {
    await writeFile(files.clientCa, options.verifyClient.map((certificate) => certificate.pem).join(''));
    args.push('-Verify', '4', '-CAfile', files.clientCa);
  }
  if (options.onlyServerName) {
    // s_server checks SNI only when it has a second certificate for the named host.
    args.push(
      '-servername',
      options.onlyServerName,
      '-servername_fatal',
      '-cert2',
      files.cert,
      '-key2',
      files.key,
    );
  }
  args.push(...(options.extraArgs ?? []));

  const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const cleanup = async () => {
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const port = await waitForAcceptLine(child);
    return { host: '127.0.0.1', port, close: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function waitForAcceptLine(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`openssl s_server did not start: ${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ACCEPT\s+127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`openssl s_server exited (${code}): ${output}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  });
}

export interface HttpRoute {
  body: Uint8Array | string;
  contentType?: string;
  status?: number;
}

export interface LabHttpServer extends LabServer {
  /** `http://127.0.0.1:PORT` + path. */
  url(path: string): string;
  /** Paths requested so far, in order (to assert what a fetcher asked for). */
  requests: string[];
  setRoute(path: string, route: HttpRoute): void;
}

/** Serves fixed files (AIA issuers, CRLs, OCSP responses) on 127.0.0.1. */
export async function startHttpFileServer(routes: Record<string, HttpRoute> = {}): Promise<LabHttpServer> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const server = createHttpServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const route = table.get(path);
    if (!route) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(route.status ?? 200, {
      'Content-Type': route.contentType ?? 'application/octet-stream',
    });
    response.end(typeof route.body === 'string' ? route.body : Buffer.from(route.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    host: '127.0.0.1',
    port,
    requests,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    setRoute: (path, route) => void table.set(path, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
