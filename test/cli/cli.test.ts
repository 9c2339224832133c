import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildScenario,
  issueCert,
  startHttpFileServer,
  startLabProxy,
  startOpensslServer,
  type LabServer,
  type Scenario,
} from '../lab';
import { memoryIo } from '../main/support/cli-io';
import { runCli } from '../../src-main/cli/main';
import { sha256Hex } from '../../src-main/services/trust/user-trust';

describe('certscope CLI', () => {
  let dir: string;
  let scenario: Scenario;
  let server: LabServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certscope-cli-'));
    scenario = await buildScenario('extra-certificate');
    await writeFile(
      join(dir, 'chain.pem'),
      scenario.presented.map((certificate) => certificate.pem).join(''),
    );
    await writeFile(join(dir, 'notes.txt'), 'not a certificate');
    await writeFile(join(dir, 'root.pem'), scenario.root.pem);
    await writeFile(
      join(dir, 'leaf-and-intermediate.pem'),
      scenario.leaf.pem + scenario.intermediates[0].pem,
    );
    server = await startOpensslServer({ chain: scenario.presented, tlsVersion: '1.3' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('show --json lists every certificate with sha256, names and ISO dates (exit 0)', async () => {
    const io = memoryIo();
    expect(await runCli(['show', join(dir, 'chain.pem'), '--json'], io)).toBe(0);
    const items = JSON.parse(io.out) as { sha256: string; subject: string; notAfter: string }[];
    expect(items.map((item) => item.sha256)).toEqual(
      scenario.presented.map((certificate) => sha256Hex(certificate.der)),
    );
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

  it('inspect --json gives target, handshake and the presented list in wire order (untrusted lab root: exit 1)', async () => {
    const io = memoryIo();
    expect(await runCli(['inspect', `127.0.0.1:${server.port}`, '--json', '--no-aia'], io)).toBe(1);
    const report = JSON.parse(io.out) as {
      target: { port: number };
      handshake: { version: string };
      presented: { sha256: string; der: string }[];
    };
    expect(report.target.port).toBe(server.port);
    expect(report.handshake.version).toBe('TLS 1.3');
    expect(report.presented.map((certificate) => Buffer.from(certificate.der, 'base64'))).toEqual(
      scenario.presented.map((certificate) => Buffer.from(certificate.der)),
    );
  });

  it('inspect with --ca trusts the lab root: verdict, findings about what was sent, exit 0 only without errors', async () => {
    const io = memoryIo();
    const code = await runCli(
      ['inspect', `127.0.0.1:${server.port}`, '--ca', join(dir, 'root.pem'), '--ca-only', '--json'],
      io,
    );
    const report = JSON.parse(io.out) as {
      trusted: boolean;
      findings: { code: string; severity: string; cert?: number }[];
    };
    expect(report.trusted).toBe(true);
    // The server sends an unrelated CA as well: a warning, not an error, so the exit code is 0.
    expect(report.findings).toContainEqual(
      expect.objectContaining({ code: 'extra-certificate', severity: 'warning', cert: 1 }),
    );
    expect(code).toBe(0);
    const human = memoryIo();
    await runCli(['inspect', `127.0.0.1:${server.port}`, '--ca', join(dir, 'root.pem'), '--ca-only'], human);
    expect(human.out).toMatch(/TRUSTED — anchored in the cli store/);
    expect(human.out).toMatch(/WARNING extra-certificate: Unneeded certificate sent \(Unrelated Lab CA\)/);
  });

  it('verify checks files against --ca and a host', async () => {
    const ok = memoryIo();
    expect(
      await runCli(
        [
          'verify',
          join(dir, 'leaf-and-intermediate.pem'),
          '--ca',
          join(dir, 'root.pem'),
          '--ca-only',
          '--host',
          scenario.host,
        ],
        ok,
      ),
    ).toBe(0);
    expect(ok.out).toMatch(/^\nChrome: TRUSTED/);
    const wrongHost = memoryIo();
    expect(
      await runCli(
        [
          'verify',
          join(dir, 'leaf-and-intermediate.pem'),
          '--ca',
          join(dir, 'root.pem'),
          '--ca-only',
          '--host',
          'other.test',
          '--json',
        ],
        wrongHost,
      ),
    ).toBe(1);
    expect(JSON.parse(wrongHost.out).findings.map((item: { code: string }) => item.code)).toContain(
      'hostname-mismatch',
    );
    const future = memoryIo();
    expect(
      await runCli(
        [
          'verify',
          join(dir, 'leaf-and-intermediate.pem'),
          '--ca',
          join(dir, 'root.pem'),
          '--ca-only',
          '--at',
          '2100-01-01',
          '--json',
        ],
        future,
      ),
    ).toBe(1);
    expect(JSON.parse(future.out).findings.map((item: { code: string }) => item.code)).toContain('expired');
    expect(
      await runCli(['verify', join(dir, 'leaf-and-intermediate.pem'), '--at', 'yesterday'], memoryIo()),
    ).toBe(2);
  });

  it('verify --proxy fetches a missing intermediate (AIA) through the proxy', async () => {
    const files = await startHttpFileServer({ '/cli-int.der': { body: scenario.intermediates[0].der } });
    const proxy = await startLabProxy();
    try {
      const leaf = await issueCert({
        commonName: scenario.host,
        issuer: scenario.intermediates[0],
        dnsNames: [scenario.host],
        aiaCaIssuersUrl: files.url('/cli-int.der'),
      });
      await writeFile(join(dir, 'leaf-alone.pem'), leaf.pem);
      const io = memoryIo();
      const code = await runCli(
        [
          'verify',
          join(dir, 'leaf-alone.pem'),
          '--ca',
          join(dir, 'root.pem'),
          '--ca-only',
          '--host',
          scenario.host,
          '--proxy',
          proxy.url,
          // the lab's servers are on 127.0.0.1: files may fetch from there only when allowed
          '--allow-private-fetches',
        ],
        io,
      );
      expect(io.out).toMatch(/^\nChrome: TRUSTED/);
      expect(io.out).toContain('[aia]');
      expect(code).toBe(0);
      expect(proxy.requests).toEqual([`GET ${files.url('/cli-int.der')} HTTP/1.1`]);
    } finally {
      await Promise.all([files.close(), proxy.close()]);
    }
  });

  it('verify --batch answers one JSON line per request, and an error object for a malformed line', async () => {
    const lines = [
      JSON.stringify({
        id: 'ok',
        leaf: scenario.leaf.pem,
        intermediates: [scenario.intermediates[0].pem],
        anchors: [scenario.root.pem],
        host: scenario.host,
      }),
      'this is not json',
      JSON.stringify({ id: 'no-intermediate', leaf: scenario.leaf.pem, anchors: [scenario.root.pem] }),
    ];
    await writeFile(join(dir, 'requests.jsonl'), lines.join('\n') + '\n');
    const io = memoryIo();
    expect(await runCli(['verify', '--batch', join(dir, 'requests.jsonl')], io)).toBe(1);
    const answers = io.out
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            id: string | null;
            trusted?: boolean;
            path?: string[];
            error?: string;
            findings?: { code: string }[];
          },
      );
    expect(answers).toHaveLength(3);
    expect(answers[0]).toMatchObject({ id: 'ok', trusted: true });
    expect(answers[0].path).toEqual([
      sha256Hex(scenario.leaf.der),
      sha256Hex(scenario.intermediates[0].der),
      sha256Hex(scenario.root.der),
    ]);
    expect(answers[1]).toMatchObject({ id: null, error: 'the line is not JSON' });
    expect(answers[2]).toMatchObject({ id: 'no-intermediate', trusted: false });
    expect(answers[2].findings?.map((item) => item.code)).toContain('unknown-issuer');
  });

  it('inspect --all-addresses probes every address of the name', async () => {
    const io = memoryIo();
    await runCli(['inspect', `localhost:${server.port}`, '--all-addresses', '--json', '--no-aia'], io);
    const report = JSON.parse(io.out) as {
      addresses: { address: string; chain?: string[]; error?: string }[];
      sameChainEverywhere: boolean;
    };
    expect(report.addresses.map((entry) => entry.address)).toContain('127.0.0.1');
    const ipv4 = report.addresses.find((entry) => entry.address === '127.0.0.1');
    expect(ipv4?.chain?.[0]).toBe(sha256Hex(scenario.leaf.der));
    // ::1 may resolve too; the lab server listens on 127.0.0.1 only, so that one fails clearly.
    for (const entry of report.addresses.filter((candidate) => candidate.address !== '127.0.0.1'))
      expect(entry.error).toMatch(/nothing is listening|unreachable/);
  });

  it('inspect --save-fixed-chain writes what the server should send, and openssl verify -untrusted agrees', async () => {
    const fixed = join(dir, 'fixed.pem');
    const presented = join(dir, 'presented.pem');
    await runCli(
      [
        'inspect',
        `127.0.0.1:${server.port}`,
        '--ca',
        join(dir, 'root.pem'),
        '--ca-only',
        '--save-fixed-chain',
        fixed,
        '--save-chain',
        presented,
      ],
      memoryIo(),
    );
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(presented, 'utf8')).toBe(
      scenario.presented.map((certificate) => certificate.pem).join(''),
    );
    // The unrelated extra is gone: leaf, then its intermediate.
    expect(readFileSync(fixed, 'utf8')).toBe(scenario.leaf.pem + scenario.intermediates[0].pem);
    // The fixed chain alone supplies what openssl needs between the leaf and the root.
    await writeFile(join(dir, 'leaf-only.pem'), scenario.leaf.pem);
    const { stdout } = await promisify(execFile)('openssl', [
      'verify',
      '-CAfile',
      join(dir, 'root.pem'),
      '-untrusted',
      fixed,
      join(dir, 'leaf-only.pem'),
    ]);
    expect(stdout).toMatch(/leaf-only\.pem: OK/);
  });

  it('batch inspects a list of hosts (one unreachable) and prints CSV and JSON', async () => {
    await writeFile(
      join(dir, 'hosts.txt'),
      `# lab hosts\n127.0.0.1:${server.port}\n127.0.0.1:1   # nothing there\n`,
    );
    const csv = memoryIo();
    expect(
      await runCli(
        [
          'batch',
          join(dir, 'hosts.txt'),
          '--csv',
          '--ca',
          join(dir, 'root.pem'),
          '--ca-only',
          '--concurrency',
          '2',
        ],
        csv,
      ),
    ).toBe(1);
    const lines = csv.out.trim().split('\n');
    expect(lines[0]).toBe('host,verdict,earliest_expiry,issuer,findings,error');
    expect(lines[1]).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.1:${server.port},trusted,\\d{4}-\\d\\d-\\d\\dT[^,]+,Certscope Lab Intermediate \\(extra-certificate\\),extra-certificate,$`,
      ),
    );
    expect(lines[2]).toMatch(/^127\.0\.0\.1:1,error,,,,nothing is listening/);
    const json = memoryIo();
    await runCli(
      ['batch', join(dir, 'hosts.txt'), '--json', '--ca', join(dir, 'root.pem'), '--ca-only'],
      json,
    );
    expect((JSON.parse(json.out) as { target: string }[]).map((row) => row.target)).toEqual([
      `127.0.0.1:${server.port}`,
      '127.0.0.1:1',
    ]);
  });

  it('inspect explains a network failure in one line on stderr and exits 2', async () => {
    const io = memoryIo();
    expect(await runCli(['inspect', '127.0.0.1:1', '--timeout', '5'], io)).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(/nothing is listening on 127\.0\.0\.1:1/);
  });

  it('runs as a real process through bin/certscope.js', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      'bin/certscope.js',
      'show',
      join(dir, 'chain.pem'),
    ]);
    expect(stdout).toContain(`subject   CN=${scenario.host}`);
  });
});
