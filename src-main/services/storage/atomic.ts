/**
 * Crash-safe files: write a temp file beside the target, fsync it, rename it over the target,
 * fsync the folder. A reader sees the old file or the new one, never a torn one. Failures come
 * back as plain sentences (disk full, read-only folder) and leave the old file untouched.
 *
 * A writer killed mid-write leaves its temp file behind (875 after 40 kills, once). Temp files
 * carry their writer's process id, and the first write (or store load) in a folder by a process
 * removes those whose writer is gone — never one a live process may still rename.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export function describeWriteError(error: unknown, path: string): StorageError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new StorageError(`could not save ${path}: the disk is full`, code);
  if (code === 'EROFS')
    return new StorageError(`could not save ${path}: the folder is on a read-only file system`, code);
  if (code === 'EACCES' || code === 'EPERM')
    return new StorageError(`could not save ${path}: the folder is not writable`, code);
  if (code === 'ENOENT') return new StorageError(`could not save ${path}: the folder does not exist`, code);
  return new StorageError(
    `could not save ${path}: ${error instanceof Error ? error.message : String(error)}`,
    code,
  );
}

/** The file-system calls a write needs, injectable so tests can make them fail. */
export interface WriteFs {
  open: typeof open;
  rename: typeof rename;
  rm: typeof rm;
}

const realFs: WriteFs = { open, rename, rm };

/** `.name.<pid>-<random>.tmp`, and the pid-less form older versions wrote. */
const tempPattern = /^\..+\.(\d+)-[0-9a-f]{12}\.tmp$/;
const legacyTempPattern = /^\..+\.[0-9a-f]{12}\.tmp$/;
/** A pid-less temp file this old can't belong to a write still under way. */
const legacyStaleMs = 10 * 60_000;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just isn't ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temp files in `dir` that killed writers left; returns how many. Never throws. */
export async function removeStaleTempFiles(
  dir: string,
  alive: (pid: number) => boolean = processAlive,
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(dir, name);
    const match = tempPattern.exec(name);
    let stale = match ? !alive(Number(match[1])) : false;
    if (!match && legacyTempPattern.test(name)) {
      const info = await stat(path).catch(() => undefined);
      stale = info !== undefined && Date.now() - info.mtimeMs > legacyStaleMs;
    }
    if (
      stale &&
      (await rm(path, { force: true }).then(
        () => true,
        () => false,
      ))
    )
      removed++;
  }
  return removed;
}

const swept = new Map<string, Promise<number>>();
/** `removeStaleTempFiles` once per folder per process: at its first write or load there. */
export function sweepStaleTempFiles(dir: string): Promise<number> {
  let sweeping = swept.get(dir);
  if (!sweeping) {
    sweeping = removeStaleTempFiles(dir);
    swept.set(dir, sweeping);
  }
  return sweeping;
}

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  fs: WriteFs = realFs,
): Promise<void> {
  await sweepStaleTempFiles(dirname(path));
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw describeWriteError(error, path);
  }
  // Make the rename itself durable; a folder that can't be opened for sync is not an error.
  try {
    const folder = await open(dirname(path), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // some file systems refuse fsync on directories
  }
}
