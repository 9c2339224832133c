/**
 * A versioned JSON document in the data folder (`{ schemaVersion, data }`), written atomically.
 * A corrupt or future-version file is reported and set aside under a timestamped name — never
 * overwritten, never silently emptied — and loading starts from the defaults.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { sweepStaleTempFiles, writeFileAtomic } from './atomic';

export interface StoreProblem {
  file: string;
  /** Where the unreadable file was moved. */
  setAsideAs: string;
  reason: string;
}

export interface JsonStoreOptions<T> {
  dir: string;
  name: string;
  schemaVersion: number;
  defaults: () => T;
  /** Throws (with a reason) when the data is not acceptable. */
  validate: (data: unknown) => T;
}

export interface Loaded<T> {
  data: T;
  problem?: StoreProblem;
}

export function createJsonStore<T>(options: JsonStoreOptions<T>) {
  const file = join(options.dir, options.name);

  async function load(): Promise<Loaded<T>> {
    await sweepStaleTempFiles(options.dir);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { data: options.defaults() };
      throw error;
    }
    let reason: string | undefined;
    try {
      const parsed = JSON.parse(text) as { schemaVersion?: unknown; data?: unknown };
      if (typeof parsed?.schemaVersion !== 'number') reason = 'it has no schema version';
      else if (parsed.schemaVersion > options.schemaVersion)
        reason = `it was written by a newer Certscope (schema ${parsed.schemaVersion})`;
      else return { data: options.validate(parsed.data) };
    } catch (error) {
      reason =
        error instanceof SyntaxError
          ? 'it is not valid JSON'
          : `its content is invalid (${error instanceof Error ? error.message : String(error)})`;
    }
    const setAsideAs = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(file, setAsideAs);
    return {
      data: options.defaults(),
      problem: {
        file,
        setAsideAs,
        reason: `${options.name} could not be loaded: ${reason}; it was set aside as ${setAsideAs}`,
      },
    };
  }

  async function save(data: T): Promise<void> {
    await mkdir(options.dir, { recursive: true });
    await writeFileAtomic(file, JSON.stringify({ schemaVersion: options.schemaVersion, data }, null, 2));
  }

  /**
   * Read, change, write — one at a time per file, so two overlapping changes (two quick saves,
   * two clicks) both land instead of the second overwriting the first with what it read.
   */
  function update(change: (current: T) => T): Promise<T> {
    return serialised(file, async () => {
      const next = change((await load()).data);
      await save(next);
      return next;
    });
  }

  return { file, load, save, update };
}

const queues = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier piece of work with the same key has settled. */
export function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(key) ?? Promise.resolve()).then(work);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  // Forget a key once its queue is empty again.
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}
