/**
 * A versioned JSON document in the data folder (`{ schemaVersion, data }`), written atomically.
 * A corrupt or future-version file is reported and set aside under a timestamped name — never
 * overwritten, never silently emptied — and loading starts from the defaults.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic';

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

  return { file, load, save };
}
