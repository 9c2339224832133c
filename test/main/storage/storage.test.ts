/**
 * Durable app data: atomic writes that survive a writer killed at random points (200 times), clear
 * messages for a full disk or a read-only folder, and corrupt or future-version files set aside.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src-main/services/storage/atomic';
import { failingFs } from '../support/failing-fs';
import { createJsonStore } from '../../../src-main/services/storage/json-store';

const stateA = { items: Array.from({ length: 2000 }, (_, i) => `a-${i}`) };
const stateB = { items: Array.from({ length: 3000 }, (_, i) => `b-${i}`) };

describe('atomic writes', () => {
  let dir: string;
  let writer: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'certscope-storage-'));
    // The child runs the real module, bundled once so each start is fast.
    buildSync({
      entryPoints: [join(import.meta.dirname, '../../../src-main/services/storage/json-store.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: join(dir, 'json-store.mjs'),
      logLevel: 'silent',
    });
    writer = join(dir, 'writer.mjs');
    writeFileSync(
      writer,
      `import { createJsonStore } from './json-store.mjs';
const store = createJsonStore({ dir: process.argv[2], name: 'state.json', schemaVersion: 1, defaults: () => ({ items: [] }), validate: (d) => d });
const states = [${JSON.stringify(stateA)}, ${JSON.stringify(stateB)}];
process.stdout.write('ready\\n');
for (let i = 0; ; i++) await store.save(states[i % 2]);`,
    );
  });

  it('a writer killed at 200 random points leaves the old or the new state, never a torn or empty file', async () => {
    const target = join(dir, 'kill');
    const store = createJsonStore({
      dir: target,
      name: 'state.json',
      schemaVersion: 1,
      defaults: () => ({ items: [] as string[] }),
      validate: (data) => data as { items: string[] },
    });
    await store.save(stateA);
    let outcomes = { a: 0, b: 0 };
    for (let round = 0; round < 200; round++) {
      const child = spawn(process.execPath, [writer, target], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const loaded = await store.load();
      expect(loaded.problem, `round ${round}`).toBeUndefined();
      const items = (loaded.data as { items: string[] }).items;
      if (items.length === stateA.items.length) outcomes = { ...outcomes, a: outcomes.a + 1 };
      else if (items.length === stateB.items.length) outcomes = { ...outcomes, b: outcomes.b + 1 };
      else throw new Error(`round ${round}: a torn or empty state with ${items.length} items`);
    }
    expect(outcomes.a + outcomes.b).toBe(200);
    // Leftover temp files from killed writers are harmless and never read.
    expect(readdirSync(target).filter((name) => name === 'state.json')).toHaveLength(1);
  }, 120_000);

  it('says the disk is full, and keeps the previous file and no temp file', async () => {
    const path = join(dir, 'full.json');
    writeFileSync(path, 'previous');
    await expect(writeFileAtomic(path, 'next', failingFs('ENOSPC'))).rejects.toThrow(
      `could not save ${path}: the disk is full`,
    );
    expect(readFileSync(path, 'utf8')).toBe('previous');
    expect(readdirSync(dir).filter((name) => name.startsWith('.full.json'))).toEqual([]);
  });

  it('says the folder is read-only or not writable', async () => {
    const path = join(dir, 'ro.json');
    await expect(writeFileAtomic(path, 'x', failingFs('EROFS'))).rejects.toThrow(/read-only file system/);
    await expect(writeFileAtomic(path, 'x', failingFs('EACCES'))).rejects.toThrow(
      /the folder is not writable/,
    );
    await expect(writeFileAtomic(join(dir, 'missing', 'x.json'), 'x')).rejects.toThrow(
      /the folder does not exist/,
    );
  });
});

describe('versioned JSON store', () => {
  const make = (dir: string) =>
    createJsonStore({
      dir,
      name: 'settings.json',
      schemaVersion: 2,
      defaults: () => ({ theme: 'system' }),
      validate: (data) => {
        const value = data as { theme?: unknown };
        if (typeof value?.theme !== 'string') throw new Error('theme is missing');
        return { theme: value.theme };
      },
    });

  it('round-trips across a restart (a new store object reading the same file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-json-'));
    await make(dir).save({ theme: 'dark' });
    expect(await make(dir).load()).toEqual({ data: { theme: 'dark' } });
  });

  for (const [label, content, reason] of [
    ['bad JSON', '{"schemaVersion": 2, "data": {"theme": ', /not valid JSON/],
    [
      'a future version',
      '{"schemaVersion": 9, "data": {"theme": "dark"}}',
      /written by a newer Certscope \(schema 9\)/,
    ],
    ['invalid content', '{"schemaVersion": 2, "data": {"colour": 1}}', /theme is missing/],
  ] as const) {
    it(`sets aside ${label} under a timestamped name, reports it, and starts from defaults`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'certscope-json-'));
      writeFileSync(join(dir, 'settings.json'), content);
      const loaded = await make(dir).load();
      expect(loaded.data).toEqual({ theme: 'system' });
      expect(loaded.problem?.reason).toMatch(reason);
      const aside = readdirSync(dir).find((name) => name.startsWith('settings.json.corrupt-'));
      expect(aside).toBeDefined();
      expect(readFileSync(join(dir, aside as string), 'utf8')).toBe(content);
      await rm(dir, { recursive: true });
    });
  }
});
