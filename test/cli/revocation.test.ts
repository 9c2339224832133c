/**
 * `--revocation` on the command line, against a real `openssl ocsp` responder and a local CRL
 * server: the human output says how each certificate was checked, the JSON report carries it and
 * still validates against resources/report.schema.json.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo, validateReport as validate } from '../main/support/cli-io';
import { runCli } from '../../src-main/cli/main';
import {
  createCrl,
  issueCert,
  startHttpFileServer,
  startOcspResponder,
  startOpensslServer,
  type LabCert,
  type LabHttpServer,
  type LabOcspResponder,
  type LabServer,
} from '../lab';
import { clearRevocationCache } from '../../src-main/services/revocation/fetch';

describe('certscope … --revocation', () => {
  let dir: string;
  let files: LabHttpServer;
  let responder: LabOcspResponder;
  let tls: LabServer;
  let ca: LabCert;
  const goodSerial = BigInt(Date.now()) * 100n + 1n;
  const revokedSerial = goodSerial + 1n;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certscope-cli-revocation-'));
    const root = await issueCert({ commonName: 'CLI Revocation Root', isCa: true });
    files = await startHttpFileServer({ '/root.crl': { body: (await createCrl(root, [])).der } });
    ca = await issueCert({
      commonName: 'CLI Revocation CA',
      isCa: true,
      issuer: root,
      crlUrl: files.url('/root.crl'),
    });
    const notAfter = new Date(Date.now() + 80 * 86_400_000);
    responder = await startOcspResponder({
      issuer: ca,
      entries: [
        { cert: { serial: goodSerial, notAfter, subject: 'good' }, status: 'good' },
        { cert: { serial: revokedSerial, notAfter, subject: 'revoked' }, status: 'revoked' },
      ],
    });
    const leaf = (serial: bigint) =>
      issueCert({
        commonName: 'cli-revocation.test',
        issuer: ca,
        serial,
        dnsNames: ['cli-revocation.test'],
        ipAddresses: ['127.0.0.1'],
        ocspUrl: responder.url,
        notAfter,
      });
    const good = await leaf(goodSerial);
    await writeFile(join(dir, 'good.pem'), good.pem + ca.pem);
    await writeFile(join(dir, 'revoked.pem'), (await leaf(revokedSerial)).pem + ca.pem);
    await writeFile(join(dir, 'root.pem'), root.pem);
    tls = await startOpensslServer({ chain: [good, ca] });
  });
  afterAll(async () => {
    await Promise.all([files?.close(), responder?.close(), tls?.close()]);
  });

  const trust = () => ['--ca', join(dir, 'root.pem'), '--ca-only', '--no-aia'];

  it('verify: good says how each certificate was checked (exit 0); revoked is an error (exit 1)', async () => {
    clearRevocationCache();
    const good = memoryIo();
    // The lab's responders are on 127.0.0.1: files may fetch from there only when allowed.
    const args = ['--revocation', '--allow-private-fetches'];
    expect(await runCli(['verify', join(dir, 'good.pem'), ...trust(), ...args], good)).toBe(0);
    expect(good.out).toContain('Revocation (leaf first):');
    expect(good.out).toContain(`cli-revocation.test: good — OCSP responder ${responder.url}`);
    expect(good.out).toContain(`CLI Revocation CA: good — CRL ${files.url('/root.crl')}`);
    expect(good.out).toMatch(/CLI Revocation Root: not checked — a trust anchor is trusted as it is/);

    const revoked = memoryIo();
    expect(await runCli(['verify', join(dir, 'revoked.pem'), ...trust(), ...args], revoked)).toBe(1);
    expect(revoked.out).toContain(`REVOKED — OCSP responder ${responder.url}`);
    expect(revoked.out).toMatch(
      /ERROR\s+revoked: Revoked \(cli-revocation\.test\) — according to the OCSP responder/,
    );
  });

  it('without --revocation nothing is fetched and nothing is said about it', async () => {
    clearRevocationCache();
    const asked = responder.requests();
    const io = memoryIo();
    expect(await runCli(['verify', join(dir, 'revoked.pem'), ...trust()], io)).toBe(0);
    expect(io.out).not.toContain('Revocation (leaf first)');
    expect(responder.requests()).toBe(asked);
  });

  it('inspect --revocation --json: the report carries the checks and validates against the schema', async () => {
    clearRevocationCache();
    const io = memoryIo();
    const code = await runCli(['inspect', `127.0.0.1:${tls.port}`, ...trust(), '--revocation', '--json'], io);
    const report = JSON.parse(io.out) as {
      revocation?: { method: string; status: string; urls: string[] }[];
    };
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.revocation?.map(({ method, status }) => `${method}:${status}`)).toEqual([
      'ocsp:good',
      'crl:good',
      'none:not-checked',
    ]);
    expect(report.revocation?.[0].urls).toEqual([responder.url]);
    expect(code).toBe(0);
  });

  it('the Markdown and HTML reports say how each certificate was checked', async () => {
    clearRevocationCache();
    const markdown = join(dir, 'report.md');
    const html = join(dir, 'report.html');
    const args = ['--revocation', '--markdown', markdown, '--html', html, '--force'];
    await runCli(['inspect', `127.0.0.1:${tls.port}`, ...trust(), ...args], memoryIo());
    expect(await readFile(markdown, 'utf8')).toContain(
      `- **cli-revocation.test**: good — OCSP responder ${responder.url}`,
    );
    expect(await readFile(html, 'utf8')).toContain(
      `<li><strong>CLI Revocation CA</strong>: good — CRL ${files.url('/root.crl')}</li>`,
    );
  });

  it('the help texts mention it', async () => {
    for (const command of ['inspect', 'verify']) {
      const io = memoryIo();
      await runCli([command, '--help'], io);
      expect(io.out).toMatch(/--revocation\s+check revocation online/);
    }
  });
});
