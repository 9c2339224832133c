/** What a CLI command may touch: its output streams and files. Tests pass in memory versions. */
import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import type { WriteFs } from '../services/storage/atomic';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<Uint8Array>;
  isTty: boolean;
  /** The file-system calls report files are written with (the real ones unless a test fails them). */
  writeFs?: WriteFs;
  /** Asks for a password without echoing it (absent: nowhere to ask). */
  readSecret?: (prompt: string) => Promise<string>;
  /** Environment variables (default: the process's). */
  env?: Record<string, string | undefined>;
  /** Every address of a name (A and AAAA); `--all-addresses` uses it. Tests give their own. */
  resolveAll?: (host: string) => Promise<string[]>;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: async (path) => new Uint8Array(await readFile(path)),
  isTty: Boolean(process.stdout.isTTY),
  readSecret: async (prompt) => (await import('./terminal-secret')).readSecretFromTerminal(prompt),
  resolveAll: async (host) =>
    (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address),
};

/** Why a file named by an option can't be read, in words (not `ENOENT: …`). */
export async function readOptionFile(io: CliIo, option: string, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder, not a file'
            : error instanceof Error
              ? error.message
              : String(error);
    throw new InputError(`--${option} ${path}: ${why}`);
  }
}

/** Bad input the user can fix (a missing file…): one line on stderr, exit 2, no usage text. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Exit codes shared by every command. */
export const exitCodes = { ok: 0, problems: 1, usage: 2 } as const;

import { UsageError } from './usage-error';

export { UsageError };

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
  /** Every value of options that may repeat (e.g. `--ca a.pem --ca b.pem`). */
  lists: Map<string, string[]>;
}

/**
 * `--name value`, `--name=value` and boolean `--flag`, checked against the options a command
 * declares; anything else is a usage error (exit 2). An optional-value option (`--password`)
 * takes `=value` or a following argument that is not an option, and is `true` alone.
 */
export function parseArgs(
  argv: string[],
  spec: { values: string[]; booleans: string[]; repeatable?: string[]; optionalValues?: string[] },
): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (spec.booleans.includes(name)) {
      flags.set(name, true);
    } else if (spec.optionalValues?.includes(name)) {
      const next = argv[i + 1];
      if (inline !== undefined) flags.set(name, inline);
      else if (next !== undefined && !next.startsWith('--')) flags.set(name, argv[++i]);
      else flags.set(name, true);
    } else if (spec.values.includes(name) || spec.repeatable?.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
      lists.set(name, [...(lists.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positionals, flags, lists };
}
