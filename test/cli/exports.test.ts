/**
 * The CLI's file outputs when the disk says no: a full disk or a read-only folder (simulated in the
 * writer's file-system calls) and `--json > /dev/full` (a real full device). Each ends with one
 * line on stderr, exit 2 and no partial file. Also the fixed chain with its root (--with-root).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildScenario,
  startNodeTlsServer,
  type LabServer,
  type Scenario,
} from '../../src-main/services/lab';
import type { WriteFs } from '../../src-main/services/storage/atomic';
import { memoryIo } from '../main/support/cli-io';
import { runCli } from '../../src-main/cli/main';
import { failingFs } from '../main/support/failing-fs';

const repoRoot = join(import.meta.dirname, '../..');

/** The shared in-memory IO, writing report files through `writeFs` (a failing one in these tests). */
function ioWith(writeFs: WriteFs): ReturnType<typeof memoryIo> {
  return Object.assign(memoryIo(), { writeFs });
}

describe('CLI exports', () => {
  let scenario: Scenario;
  let server: LabServer;
  let rootFile: string;

  beforeAll(async () => {
    scenario = await buildScenario('good');
    server = await startNodeTlsServer({ chain: scenario.presented });
    rootFile = join(mkdtempSync(join(tmpdir(), 'certscope-cli-exports-')), 'root.pem');
    await writeFile(rootFile, scenario.root.pem);
  });
  afterAll(async () => {
    await server?.close();
  });

  const inspectArgs = () => [
    'inspect',
    `127.0.0.1:${server.port}`,
    '--ca',
    rootFile,
    '--ca-only',
    '--no-aia',
  ];

  it('--save-fixed-chain --with-root writes leaf, intermediates and then the root', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'certscope-cli-exports-')), 'full.pem');
    const io = memoryIo();
    await runCli([...inspectArgs(), '--save-fixed-chain', file, '--with-root'], io);
    expect(io.err).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(
      [scenario.leaf, ...scenario.intermediates, scenario.root]
        .map((certificate) => certificate.pem)
        .join(''),
    );
  });

  it('--with-root alone is a usage error', async () => {
    const io = memoryIo();
    expect(await runCli([...inspectArgs(), '--with-root'], io)).toBe(2);
    expect(io.err).toMatch(/--with-root goes with --save-fixed-chain/);
  });

  for (const flag of ['--html', '--markdown', '--save-chain', '--save-fixed-chain']) {
    it(`${flag} on a full disk: one line, exit 2, no partial file`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'certscope-cli-full-'));
      const file = join(dir, 'out');
      const io = ioWith(failingFs('ENOSPC', { writtenFirst: 64 }));
      expect(await runCli([...inspectArgs(), flag, file], io)).toBe(2);
      expect(io.err).toBe(`certscope inspect: could not save ${file}: the disk is full\n`);
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('a read-only folder: one line, exit 2, nothing created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-cli-ro-'));
    const file = join(dir, 'report.html');
    const io = ioWith(failingFs('EROFS', { at: 'open' }));
    expect(await runCli([...inspectArgs(), '--html', file], io)).toBe(2);
    expect(io.err).toBe(
      `certscope inspect: could not save ${file}: the folder is on a read-only file system\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--json > /dev/full (a real full device): one line on stderr, exit 2, no stack trace', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(
        process.execPath,
        [
          join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
          join(repoRoot, 'src-main/cli/entry.ts'),
          ...inspectArgs(),
          '--json',
        ],
        { stdio: ['ignore', full, 'pipe'] },
      );
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(stderr).toBe('certscope: could not save the output: the disk is full\n');
      expect(code).toBe(2);
    } finally {
      closeSync(full);
    }
  });
});
