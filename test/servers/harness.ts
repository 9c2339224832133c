/**
 * What every real-server harness shares: free ports, a private temp folder, starting a daemon in
 * the foreground in its own process group, waiting until it listens, its log for when a test
 * fails, and stopping it — also when the test run itself dies.
 *
 * A server that can't be started is an error with the reason and the server's own log: these
 * tests never skip quietly.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export type LoopbackHost = '127.0.0.1' | '::1';

/** A port nothing listens on right now (the kernel's pick, released before we return). */
export function freePort(host: LoopbackHost = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Several distinct free ports. */
export async function freePorts(count: number, host: LoopbackHost = '127.0.0.1'): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort(host));
  return [...ports];
}

/** The uid and gid of a system user (`postgres`, `prosody`…), or a clear error. */
export function systemUser(name: string): { uid: number; gid: number } {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', name], { stdio: 'pipe' }).toString().trim()),
      gid: Number(execFileSync('id', ['-g', name], { stdio: 'pipe' }).toString().trim()),
    };
  } catch {
    throw new Error(`there is no "${name}" user: is its package installed (see .ci/run)?`);
  }
}

/** Fails with the package to install when a server's binary is missing. */
export function requireBinary(path: string, aptPackage: string): string {
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    throw new Error(`${path} is missing: apt-get install ${aptPackage} (.ci/run installs it)`);
  }
}

/** Starting a daemon as root: CI runs as root, and so must whoever runs these tests. */
export function requireRoot(what: string): void {
  if (process.getuid?.() !== 0)
    throw new Error(`${what} needs root to start (CI runs as root); run the tests as root`);
}

export interface TempDir {
  dir: string;
  path(name: string): string;
  /** Writes a file; `owner` hands it to a system user (a daemon that drops privileges reads it). */
  write(name: string, content: string | Uint8Array, options?: { mode?: number; owner?: string }): string;
  /** A sub-folder (mode 0755 unless told), returned as a path. */
  mkdir(name: string, options?: { mode?: number; owner?: string }): string;
  /** Hands the folder itself (or a path in it) to a system user. */
  chown(owner: string, name?: string): void;
  remove(): void;
}

/** A private folder any daemon user can traverse (login processes run as nobody-like users). */
export function tempDir(prefix: string): TempDir {
  const dir = mkdtempSync(join(tmpdir(), `certscope-${prefix}-`));
  chmodSync(dir, 0o755);
  const path = (name: string) => join(dir, name);
  const chown = (owner: string, name?: string) => {
    const { uid, gid } = systemUser(owner);
    chownSync(name ? path(name) : dir, uid, gid);
  };
  return {
    dir,
    path,
    write(name, content, options = {}) {
      writeFileSync(path(name), content, { mode: options.mode ?? 0o644 });
      if (options.owner) chown(options.owner, name);
      return path(name);
    },
    mkdir(name, options = {}) {
      mkdirSync(path(name), { recursive: true, mode: options.mode ?? 0o755 });
      chmodSync(path(name), options.mode ?? 0o755);
      if (options.owner) chown(options.owner, name);
      return path(name);
    },
    chown,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Daemon {
  name: string;
  pid: number;
  /** What the server printed, and the log files it was told to write. */
  log(): string;
  stop(): Promise<void>;
}

export interface DaemonOptions {
  /** For messages: `nginx`, `Postfix`… */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this system user (the daemon refuses root, or must not own its files as root). */
  user?: string;
  /** Ready once each of these accepts a TCP connection. */
  ports: { host: LoopbackHost; port: number }[];
  /** Log files the daemon writes (shown when it fails to start or a test fails). */
  logFiles?: string[];
  startTimeoutMs?: number;
  /** The signal that stops it quickly (default SIGTERM; PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** If the test process dies, take the daemons with it (each leads its own process group). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function canConnect(host: LoopbackHost, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `command` in the foreground and waits until every port in `ports` accepts connections. */
export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  installExitHook();
  const ids = options.user ? systemUser(options.user) : undefined;
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(ids ? { uid: ids.uid, gid: ids.gid } : {}),
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-64 * 1024);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(
    () => running.delete(child),
    () => undefined,
  );

  const log = () => {
    const files = (options.logFiles ?? []).map((file) => {
      try {
        return `--- ${file}\n${readFileSync(file, 'utf8').slice(-32 * 1024)}`;
      } catch {
        return `--- ${file} (not written)`;
      }
    });
    return [`--- ${options.name} output`, output, ...files].join('\n');
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, options.stopSignal ?? 'SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!stopped) {
      killGroup(child, 'SIGKILL');
      await Promise.race([exited, sleep(2000)]);
    }
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (spawnError) throw new Error(`${options.name} could not be started: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${options.name} exited (${child.exitCode ?? child.signalCode}) before it listened:\n${log()}`,
      );
    }
    const ready = await Promise.all(options.ports.map(({ host, port }) => canConnect(host, port)));
    if (ready.every(Boolean)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `${options.name} did not listen on ${options.ports.map(({ host, port }) => `${host}:${port}`).join(', ')} within ${(options.startTimeoutMs ?? 30_000) / 1000} s:\n${log()}`,
      );
    }
    await sleep(50);
  }
  return { name: options.name, pid: child.pid as number, log, stop };
}

/** Prints each daemon's log after a failed test, so the failure says what the server saw. */
export function showLogsOnFailure(daemons: () => (Daemon | undefined)[]): void {
  afterEach((context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const daemon of daemons()) if (daemon) console.error(daemon.log());
  });
}

/** A running server: its daemon, the folder it lives in, and how to stop it (which removes the folder). */
export interface RunningServer {
  daemon: Daemon;
  dir: TempDir;
  stop(): Promise<void>;
}

/**
 * Runs `prepare` (initdb, slapadd, `postfix check`…) then starts the daemon of a server that lives
 * in `dir`: the folder is removed when either fails, and when the server is stopped.
 */
export async function startServerIn(
  dir: TempDir,
  options: DaemonOptions,
  prepare?: () => void | Promise<void>,
): Promise<RunningServer> {
  let daemon: Daemon;
  try {
    await prepare?.();
    daemon = await startDaemon(options);
  } catch (error) {
    dir.remove();
    throw error;
  }
  return {
    daemon,
    dir,
    stop: async () => {
      await daemon.stop();
      dir.remove();
    },
  };
}

/** Runs a command for a server's setup; its stderr becomes the error when it fails. */
export function runSetup(
  what: string,
  command: string,
  args: string[],
  options: { uid?: number; gid?: number; cwd?: string } = {},
): void {
  try {
    execFileSync(command, args, { stdio: 'pipe', ...options });
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`${what} failed:\n${output}`);
  }
}

/**
 * Servers with several sites (nginx server blocks, Apache virtual hosts): a free port for each,
 * its config text from `render`, and every address:port to wait for.
 */
export async function siteBlocks<Name extends string, Site extends { hosts?: LoopbackHost[] }>(
  sites: Record<Name, Site>,
  render: (site: Site, port: number) => string,
): Promise<{
  ports: Record<Name, number>;
  blocks: string[];
  listening: { host: LoopbackHost; port: number }[];
}> {
  const ports = {} as Record<Name, number>;
  const blocks: string[] = [];
  const listening: { host: LoopbackHost; port: number }[] = [];
  for (const [name, site] of Object.entries(sites) as [Name, Site][]) {
    ports[name] = await freePort();
    blocks.push(render(site, ports[name]));
    for (const host of site.hosts ?? ['127.0.0.1']) listening.push({ host, port: ports[name] });
  }
  return { ports, blocks, listening };
}
