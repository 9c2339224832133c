/**
 * A real OCSP responder for tests: `openssl ocsp -index … -port N` answering for one CA from an
 * index of good and revoked certificates (any other serial is "unknown"), signed by the CA itself
 * or by a delegated responder certificate. OpenSSL 3.0 takes only a port number, so it listens on
 * every interface of this machine; the URL it is reached at is 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { ocspResponderArgs, type OcspSigning } from './ocsp';

/** Whose certificates it answers for, signed by whom; nextUpdate one day on by default. */
export type OcspResponderOptions = OcspSigning;

export interface LabOcspResponder {
  port: number;
  /** `http://127.0.0.1:PORT/` — put it into certificates with `issueCert({ ocspUrl })`. */
  url: string;
  /** How many requests it has received so far. */
  requests(): number;
  close(): Promise<void>;
}

export async function startOcspResponder(options: OcspResponderOptions): Promise<LabOcspResponder> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      // Another process may take the free port between our check and openssl's bind.
      if (attempt >= 2) throw error;
    }
  }
}

async function startOnce(options: OcspResponderOptions, port: number): Promise<LabOcspResponder> {
  const { args, work } = ocspResponderArgs({ ...options, validDays: options.validDays ?? 1 });
  const child = spawn('openssl', [...args, '-port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let requests = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`openssl ocsp did not start: ${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      requests = (output.match(/Received request/g) ?? []).length;
      if (/ACCEPT|waiting for OCSP client connections/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      work.remove();
      reject(new Error(`openssl ocsp exited: ${output}`));
    });
  });
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    requests: () => requests,
    close: async () => {
      if (child.exitCode === null) child.kill();
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
