import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, startOpensslServer, type LabServer, type Scenario } from '../../src-main/services/lab';
import { processIo, type CliIo } from '../../src-main/cli/io';
import { runCli } from '../../src-main/cli/main';
import { sha256Hex } from '../../src-main/cli/hash';

function memoryIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    readFile: processIo.readFile,
    isTty: false,
  };
  return io;
}

describe('certscope CLI', () => {
  let dir: string;
  let scenario: Scenario;
  let server: LabServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certscope-cli-'));
    scenario = await buildScenario('extra-certificate');
    await writeFile(join(dir, 'chain.pem'), scenario.presented.map((certificate) => certificate.pem).join(''));
    await writeFile(join(dir, 'notes.txt'), 'not a certificate');
    server = await startOpensslServer({ chain: scenario.presented, tlsVersion: '1.3' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('show --json lists every certificate with sha256, names and ISO dates (exit 0)', async () => {
    const io = memoryIo();
    expect(await runCli(['show', join(dir, 'chain.pem'), '--json'], io)).toBe(0);
    const items = JSON.parse(io.out) as { sha256: string; subject: string; notAfter: string }[];
    expect(items.map((item) => item.sha256)).toEqual(scenario.presented.map((certificate) => sha256Hex(certificate.der)));
    expect(items[0].subject).toBe(`CN=${scenario.host}`);
    expect(items[0].notAfter).toBe(scenario.leaf.notAfter.toISOString().replace(/\.\d+Z$/, '.000Z'));
  });

  it('show reports rejected inputs on stderr, still shows the rest, and exits 1', async () => {
    const io = memoryIo();
    expect(await runCli(['show', join(dir, 'notes.txt'), join(dir, 'chain.pem')], io)).toBe(1);
    expect(io.err).toMatch(/notes\.txt is not a certificate/);
    expect(io.out).toContain(`CN=${scenario.host}`);
  });

  it('usage errors exit 2 with help', async () => {
    const io = memoryIo();
    expect(await runCli(['show'], io)).toBe(2);
    expect(io.err).toMatch(/give at least one file/);
    expect(await runCli(['show', '--bogus', 'x'], memoryIo())).toBe(2);
    expect(await runCli(['frobnicate'], memoryIo())).toBe(2);
    expect(await runCli(['inspect', 'a', 'b'], memoryIo())).toBe(2);
  });

  it('inspect --json gives target, handshake and the presented list in wire order', async () => {
    const io = memoryIo();
    expect(await runCli(['inspect', `127.0.0.1:${server.port}`, '--json'], io)).toBe(0);
    const report = JSON.parse(io.out) as { target: { port: number }; handshake: { version: string }; presented: { sha256: string; der: string }[] };
    expect(report.target.port).toBe(server.port);
    expect(report.handshake.version).toBe('TLS 1.3');
    expect(report.presented.map((certificate) => Buffer.from(certificate.der, 'base64'))).toEqual(
      scenario.presented.map((certificate) => Buffer.from(certificate.der)),
    );
  });

  it('inspect explains a network failure in one line on stderr and exits 2', async () => {
    const io = memoryIo();
    expect(await runCli(['inspect', '127.0.0.1:1', '--timeout', '5'], io)).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(/nothing is listening on 127\.0\.0\.1:1/);
  });

  it('runs as a real process through bin/certscope.js', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/certscope.js', 'show', join(dir, 'chain.pem')]);
    expect(stdout).toContain(`subject   CN=${scenario.host}`);
  });
});
