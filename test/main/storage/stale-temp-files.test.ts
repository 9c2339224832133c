/**
 * Writers killed mid-write leave their temp files behind (issue 15: 875 after 40 kills). Each temp
 * file names its writer's process; the next process to use the folder removes those whose writer
 * is gone, and never one a live process may still rename into place.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleTempFiles } from '../../../src-main/services/storage/atomic';

const state = { items: Array.from({ length: 5000 }, (_, i) => `item-${i}`) };
const temps = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('temp files of killed writers', () => {
  let dir: string;
  let bundle: string;
  const sleepers: ChildProcess[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'certscope-stale-temps-'));
    bundle = join(dir, 'json-store.mjs');
    buildSync({
      entryPoints: [join(import.meta.dirname, '../../../src-main/services/storage/json-store.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'silent',
    });
  });
  afterAll(() => sleepers.forEach((child) => child.kill('SIGKILL')));

  /** A process using the store in `target`: it loads once (its start), then saves forever, or exits. */
  function storeProcess(target: string, mode: 'write' | 'load'): ChildProcess {
    const script = `import { createJsonStore } from ${JSON.stringify(bundle)};
const store = createJsonStore({ dir: ${JSON.stringify(target)}, name: 'state.json', schemaVersion: 1, defaults: () => ({ items: [] }), validate: (d) => d });
await store.load();
process.stdout.write('ready\\n');
${mode === 'write' ? `for (;;) await store.save(${JSON.stringify(state)});` : ''}`;
    return spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  }

  it('kill -9 during writes, restart: no temp file remains, the state file is whole', async () => {
    const target = join(dir, 'killed');
    let left = 0;
    for (let round = 0; round < 200 && (round < 40 || left === 0); round++) {
      const child = storeProcess(target, 'write');
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      left = temps(target).length;
    }
    // Without the clean-up these would pile up; the last killed writer's are still there.
    expect(left).toBeGreaterThan(0);
    const restarted = storeProcess(target, 'load');
    await new Promise((resolve) => restarted.once('exit', resolve));
    expect(temps(target)).toEqual([]);
    expect(readdirSync(target)).toEqual(['state.json']);
  }, 180_000);

  it('keeps the temp file of a writer that is still running, and a recent one of an older version', async () => {
    const target = mkdtempSync(join(dir, 'alive-'));
    const sleeper = spawn('sleep', ['60']);
    sleepers.push(sleeper);
    const live = `.state.json.${sleeper.pid}-0123456789ab.tmp`;
    const dead = `.state.json.999999999-0123456789ab.tmp`;
    const legacyFresh = '.state.json.0123456789ab.tmp';
    const legacyOld = '.state.json.ba9876543210.tmp';
    for (const name of [live, dead, legacyFresh, legacyOld]) writeFileSync(join(target, name), '{}');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(target, legacyOld), hourAgo, hourAgo);
    expect(await removeStaleTempFiles(target)).toBe(2);
    expect(temps(target).sort()).toEqual([live, legacyFresh].sort());
  });
});
