/**
 * `--client` and `--clients` on verify, inspect and batch: the chosen client's answer leads and
 * sets the exit code, every client's answer with its one reason, and the JSON, Markdown and HTML
 * reports carry the per-client table.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildScenario,
  issueCert,
  startHttpFileServer,
  startOpensslServer,
  type LabServer,
  type Scenario,
} from '../lab';
import { memoryIo, validateReport } from '../main/support/cli-io';
import { runCli } from '../../src-main/cli/main';

describe('per-client verdicts in the CLI', () => {
  let dir: string;
  let scenario: Scenario;
  let files: Awaited<ReturnType<typeof startHttpFileServer>>;
  let server: LabServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certscope-cli-clients-'));
    scenario = await buildScenario('good');
    files = await startHttpFileServer({ '/int.der': { body: scenario.intermediates[0].der } });
    const leaf = await issueCert({
      commonName: scenario.host,
      issuer: scenario.intermediates[0],
      dnsNames: [scenario.host],
      aiaCaIssuersUrl: files.url('/int.der'),
    });
    await writeFile(join(dir, 'leaf-alone.pem'), leaf.pem);
    await writeFile(join(dir, 'root.pem'), scenario.root.pem);
    server = await startOpensslServer({ chain: scenario.presented, tlsVersion: '1.2' });
  });
  afterAll(async () => {
    await Promise.all([files?.close(), server?.close()]);
  });

  const trust = () => ['--ca', join(dir, 'root.pem'), '--ca-only', '--allow-private-fetches'];

  it('verify --clients all: one line per client, the one reason it differs; the exit code is the chosen client’s', async () => {
    const io = memoryIo();
    const code = await runCli(
      ['verify', join(dir, 'leaf-alone.pem'), '--host', scenario.host, ...trust(), '--clients', 'all'],
      io,
    );
    expect(code).toBe(0);
    expect(io.out).toMatch(/^\nChrome: TRUSTED/);
    expect(io.out).toContain(
      "  curl / Python / Node (OpenSSL): refused — the server doesn't send the intermediate Certscope Lab Intermediate (good) and OpenSSL doesn't fetch it\n",
    );
    expect(io.out).toContain('  Windows (.NET, PowerShell): trusted (same as the chosen client)\n');
    expect(io.out).toContain(
      "Firefox doesn't fetch it (it preloads only intermediates public CAs disclosed)",
    );
    const openssl = memoryIo();
    expect(
      await runCli(
        ['verify', join(dir, 'leaf-alone.pem'), '--host', scenario.host, ...trust(), '--client', 'openssl'],
        openssl,
      ),
    ).toBe(1);
    expect(openssl.out).toMatch(/^\ncurl \/ Python \/ Node \(OpenSSL\): NOT TRUSTED — /);
    const bad = memoryIo();
    expect(await runCli(['verify', join(dir, 'leaf-alone.pem'), '--client', 'netscape'], bad)).toBe(2);
    expect(bad.err).toMatch(/--client: unknown client "netscape" \(one of chrome, firefox/);
  });

  it('inspect --json, --markdown and --html carry the per-client table (schema 2)', async () => {
    const io = memoryIo();
    const markdown = join(dir, 'report.md');
    const html = join(dir, 'report.html');
    await runCli(
      [
        'inspect',
        `127.0.0.1:${server.port}`,
        '--sni',
        scenario.host,
        ...trust(),
        '--clients',
        'all',
        '--json',
        '--markdown',
        markdown,
        '--html',
        html,
      ],
      io,
    );
    const report = JSON.parse(io.out) as {
      schemaVersion: number;
      clients: { chosen: string; rows: { client: string; trusted: boolean }[] };
    };
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.schemaVersion).toBe(2);
    expect(report.clients.chosen).toBe('chrome');
    expect(report.clients.rows.map((row) => row.client)).toEqual([
      'chrome',
      'firefox',
      'apple',
      'windows',
      'android',
      'openssl',
      'go',
      'java',
      'rfc5280',
      'cabf',
    ]);
    // A lab chain is not made to the Baseline Requirements: only the CA/B Forum row refuses it.
    expect(report.clients.rows.filter((row) => !row.trusted).map((row) => row.client)).toEqual(['cabf']);
    expect(await readFile(markdown, 'utf8')).toContain(
      '## Who would trust it\n\n| client | answer | notes |',
    );
    expect(await readFile(html, 'utf8')).toContain('<h2>Who would trust it</h2>');
  });

  it('batch --clients go,java adds a column per client', async () => {
    await writeFile(join(dir, 'hosts.txt'), `127.0.0.1:${server.port}\n`);
    const io = memoryIo();
    await runCli(['batch', join(dir, 'hosts.txt'), '--csv', ...trust(), '--clients', 'go,java'], io);
    const [header, row] = io.out.trim().split('\n');
    expect(header).toBe('host,verdict,go,java,earliest_expiry,issuer,findings,error');
    expect(row).toMatch(/^127\.0\.0\.1:\d+,trusted,trusted,trusted,/);
  });
});
