/**
 * Debian's PostgreSQL: a cluster made by initdb in a temp folder and the server in the foreground,
 * both as the `postgres` user (it refuses root), with ssl=on on a random port.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  freePort,
  requireRoot,
  startDaemon,
  systemUser,
  tempDir,
  type Daemon,
  type TempDir,
} from './harness';

export interface PostgresOptions {
  fullchain: string;
  key: string;
}

export interface RunningPostgres {
  port: number;
  daemon: Daemon;
  dir: TempDir;
  stop(): Promise<void>;
}

/** The newest installed server's bin folder. */
function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const version = existsSync(base)
    ? readdirSync(base)
        .sort((a, b) => Number(a) - Number(b))
        .pop()
    : undefined;
  const bin = version ? join(base, version, 'bin') : undefined;
  if (!bin || !existsSync(join(bin, 'postgres')))
    throw new Error('PostgreSQL is not installed: apt-get install postgresql (.ci/run installs it)');
  return bin;
}

export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  requireRoot('PostgreSQL (started as the postgres user)');
  const bin = postgresBin();
  const ids = systemUser('postgres');
  const dir = tempDir('postgres');
  dir.chown('postgres');
  const data = dir.path('data');
  const { readFileSync } = await import('node:fs');
  const certificate = dir.write('server.crt', readFileSync(options.fullchain), { owner: 'postgres' });
  const key = dir.write('server.key', readFileSync(options.key), { mode: 0o600, owner: 'postgres' });
  const port = await freePort();
  let daemon: Daemon;
  try {
    try {
      execFileSync(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '--no-sync', '-U', 'postgres'], {
        stdio: 'pipe',
        uid: ids.uid,
        gid: ids.gid,
        cwd: dir.dir,
      });
    } catch (error) {
      const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      throw new Error(`initdb failed:\n${output}`);
    }
    daemon = await startDaemon({
      name: 'PostgreSQL',
      command: join(bin, 'postgres'),
      args: [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir.dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'ssl=on',
        '-c',
        `ssl_cert_file=${certificate}`,
        '-c',
        `ssl_key_file=${key}`,
        '-c',
        'fsync=off',
      ],
      user: 'postgres',
      cwd: dir.dir,
      ports: [{ host: '127.0.0.1', port }],
      // Fast shutdown: SIGTERM would wait for sessions to end.
      stopSignal: 'SIGINT',
    });
  } catch (error) {
    dir.remove();
    throw error;
  }
  return {
    port,
    daemon,
    dir,
    stop: async () => {
      await daemon.stop();
      dir.remove();
    },
  };
}
