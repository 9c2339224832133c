/**
 * Debian's PostgreSQL: a cluster made by initdb in a temp folder and the server in the foreground,
 * both as the `postgres` user (it refuses root), with ssl=on on a random port.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  freePort,
  requireRoot,
  startServerIn,
  systemUser,
  tempDir,
  type RunningServer,
  runSetup,
} from './harness';

export interface PostgresOptions {
  fullchain: string;
  key: string;
}

export interface RunningPostgres extends RunningServer {
  port: number;
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
  const server = await startServerIn(
    dir,
    {
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
    },
    () =>
      runSetup('initdb', join(bin, 'initdb'), ['-D', data, '-A', 'trust', '--no-sync', '-U', 'postgres'], {
        uid: ids.uid,
        gid: ids.gid,
        cwd: dir.dir,
      }),
  );
  return {
    port,
    ...server,
  };
}
