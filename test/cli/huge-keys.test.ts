/**
 * A 32,768-bit DSA CA key (issue 15), from files and from a TLS server presenting it: the CLI ends
 * at once with the `key-too-large` finding instead of spending minutes on the arithmetic.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { startNodeTlsServer, type LabServer } from '../../src-main/services/lab';
import { memoryIo } from '../main/support/cli-io';
import { hugeKeyChain, type HugeKeyChain } from '../support/huge-keys';

describe('a 32,768-bit DSA key in the chain', () => {
  let dir: string;
  let chain: HugeKeyChain;
  let server: LabServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certscope-huge-dsa-'));
    chain = await hugeKeyChain('dsa', 32_768);
    await writeFile(join(dir, 'chain.pem'), chain.leaf.pem + chain.ca.pem);
    await writeFile(join(dir, 'root.pem'), chain.root.pem);
    server = await startNodeTlsServer({ chain: [chain.leaf, chain.ca] });
    // One ordinary run first: the test runner compiles the CLI's modules on first use (over a
    // second here), which is not what is timed below.
    const ordinary = await hugeKeyChain('dsa', 2048, { qBits: 256 });
    await writeFile(join(dir, 'ordinary.pem'), ordinary.leaf.pem + ordinary.ca.pem);
    await runCli(
      ['verify', join(dir, 'ordinary.pem'), '--ca-only', '--ca', join(dir, 'root.pem')],
      memoryIo(),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  const timed = async (args: string[]) => {
    const io = memoryIo();
    const started = performance.now();
    const code = await runCli(args, io);
    return { code, io, elapsed: performance.now() - started };
  };

  it('certscope verify refuses it at once from files', async () => {
    const { code, io, elapsed } = await timed([
      'verify',
      join(dir, 'chain.pem'),
      '--ca',
      join(dir, 'root.pem'),
      '--ca-only',
      '--no-aia',
      '--json',
    ]);
    expect(elapsed).toBeLessThan(2000);
    expect(code).toBe(1);
    const verdict = JSON.parse(io.out) as { trusted: boolean; findings: { code: string; detail?: string }[] };
    expect(verdict.trusted).toBe(false);
    expect(verdict.findings).toContainEqual(
      expect.objectContaining({ code: 'key-too-large', detail: expect.stringMatching(/32,768 bits/) }),
    );
  });

  it('certscope inspect refuses it at once from a TLS server that sends it', async () => {
    const { code, io, elapsed } = await timed([
      'inspect',
      `127.0.0.1:${server.port}`,
      '--ca',
      join(dir, 'root.pem'),
      '--ca-only',
      '--no-aia',
    ]);
    expect(elapsed).toBeLessThan(2000);
    expect(code).toBe(1);
    expect(io.out).toMatch(/Key too large to check/);
    expect(io.out).toMatch(/DSA prime p of 32,768 bits/);
  });
});
