/**
 * STARTTLS for every protocol: lab fakes that speak each protocol's plaintext preamble, and a
 * real PostgreSQL server started by the test with ssl=on.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildScenario, startStarttlsServer, type StarttlsFakeProtocol } from '../../lab';
import { probe, ProbeError } from '../../../src-main/services/probe';

const protocols: StarttlsFakeProtocol[] = ['smtp', 'imap', 'pop3', 'ftp', 'xmpp', 'ldap', 'postgres'];

describe('STARTTLS against protocol fakes', () => {
  for (const protocol of protocols) {
    it(`${protocol}: upgrades and captures the chain as sent`, async () => {
      const scenario = await buildScenario('extra-certificate');
      const server = await startStarttlsServer(protocol, { chain: scenario.presented });
      try {
        const result = await probe({ target: `127.0.0.1:${server.port}`, starttls: protocol });
        expect(result.presented).toEqual(scenario.presented.map((certificate) => certificate.der));
        expect(result.timings.starttlsMs).toBeGreaterThanOrEqual(0);
      } finally {
        await server.close();
      }
    });

    it(`${protocol}: a refused upgrade is a clear STARTTLS error`, async () => {
      const scenario = await buildScenario('good');
      const server = await startStarttlsServer(protocol, { chain: scenario.presented, refuse: true });
      try {
        const error = await probe({
          target: `127.0.0.1:${server.port}`,
          starttls: protocol,
          deadlineMs: 5000,
        }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ProbeError);
        expect((error as ProbeError).code).toBe('starttls');
        expect((error as ProbeError).message).toMatch(new RegExp(`^${protocol.toUpperCase()} STARTTLS: `));
      } finally {
        await server.close();
      }
    });
  }

  it('picks STARTTLS from the URL scheme (smtp://host:port)', async () => {
    const scenario = await buildScenario('good');
    const server = await startStarttlsServer('smtp', { chain: scenario.presented });
    try {
      const result = await probe({ target: `smtp://127.0.0.1:${server.port}` });
      expect(result.presented).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});

/** A real PostgreSQL, run as the `postgres` user (it refuses to run as root). */
function findPostgres(): { bin?: string; reason?: string } {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return { reason: 'PostgreSQL is not installed (apt-get install postgresql)' };
  const version = readdirSync(base).sort().pop();
  const bin = version ? join(base, version, 'bin') : undefined;
  if (!bin || !existsSync(join(bin, 'postgres')))
    return { reason: 'no postgres binary under /usr/lib/postgresql' };
  if (process.getuid?.() !== 0)
    return { reason: 'starting PostgreSQL as the postgres user needs root (CI runs as root)' };
  try {
    execFileSync('id', ['postgres'], { stdio: 'pipe' });
  } catch {
    return { reason: 'there is no postgres user' };
  }
  return { bin };
}

const postgres = findPostgres();
if (postgres.reason) console.warn(`[PostgreSQL STARTTLS test skipped] ${postgres.reason}`);

describe.skipIf(!postgres.bin)(
  `STARTTLS against a real PostgreSQL${postgres.reason ? ` (skipped: ${postgres.reason})` : ''}`,
  () => {
    let child: ChildProcess | undefined;
    let dir: string | undefined;
    afterAll(async () => {
      if (child && child.exitCode === null && dir) {
        // runuser doesn't pass signals on; ask PostgreSQL itself to stop, right away.
        const exited = new Promise<void>((resolve) => child?.once('exit', () => resolve()));
        execFileSync(
          'runuser',
          [
            '-u',
            'postgres',
            '--',
            join(postgres.bin as string, 'pg_ctl'),
            '-D',
            join(dir, 'data'),
            'stop',
            '-m',
            'immediate',
          ],
          { stdio: 'pipe' },
        );
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 30_000);

    it('captures the chain PostgreSQL presents after SSLRequest', async () => {
      const scenario = await buildScenario('good', { keySpec: 'rsa2048' });
      dir = mkdtempSync(join(tmpdir(), 'certscope-pg-'));
      chmodSync(dir, 0o755);
      const data = join(dir, 'data');
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
      execFileSync(
        'runuser',
        [
          '-u',
          'postgres',
          '--',
          join(postgres.bin as string, 'initdb'),
          '-D',
          data,
          '-A',
          'trust',
          '--no-sync',
        ],
        { stdio: 'pipe' },
      );
      const certFile = join(dir, 'server.crt');
      const keyFile = join(dir, 'server.key');
      writeFileSync(certFile, scenario.presented.map((certificate) => certificate.pem).join(''));
      writeFileSync(keyFile, scenario.leaf.key.pkcs8Pem, { mode: 0o600 });
      chownSync(certFile, uid, gid);
      chownSync(keyFile, uid, gid);
      const port = await new Promise<number>((resolve) => {
        const probeServer = createServer().listen(0, '127.0.0.1', () => {
          const free = (probeServer.address() as { port: number }).port;
          probeServer.close(() => resolve(free));
        });
      });
      child = spawn(
        'runuser',
        [
          '-u',
          'postgres',
          '--',
          join(postgres.bin as string, 'postgres'),
          '-D',
          data,
          '-p',
          String(port),
          '-k',
          dir,
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'ssl=on',
          '-c',
          `ssl_cert_file=${certFile}`,
          '-c',
          `ssl_key_file=${keyFile}`,
          '-c',
          'fsync=off',
        ],
        { stdio: 'pipe' },
      );
      let log = '';
      child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      const deadline = Date.now() + 30_000;
      for (;;) {
        const ready = await new Promise<boolean>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => {
            socket.destroy();
            resolve(true);
          });
          socket.on('error', () => resolve(false));
        });
        if (ready) break;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`PostgreSQL did not start:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const result = await probe({ target: `postgres://127.0.0.1:${port}` });
      expect(result.presented).toEqual(scenario.presented.map((certificate) => certificate.der));
      expect(result.handshake.version).toMatch(/TLS 1\.[23]/);
    }, 90_000);
  },
);
