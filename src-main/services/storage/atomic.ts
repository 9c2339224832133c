/**
 * Crash-safe files: write a temp file beside the target, fsync it, rename it over the target,
 * fsync the folder. A reader sees the old file or the new one, never a torn one. Failures come
 * back as plain sentences (disk full, read-only folder) and leave the old file untouched.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
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

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  fs: WriteFs = realFs,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
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
