/**
 * nginx (OpenSSL) beside `openssl s_client`: stapled OCSP over TLS 1.2 and 1.3, `ssl_verify_client
 * on`, a dual RSA + ECDSA server over TLS 1.2, RFC 7919 DHE, and the CLI's `--all-addresses`,
 * PKCS#12 and option-file messages against it.
 */
import { execFileSync } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { probe } from '../../src-main/services/probe';
import { probeEveryFamily } from '../../src-main/services/probe/every-certificate';
import { sha256Hex } from '../../src-main/services/trust/user-trust';
import { memoryIo, validateReport } from '../main/support/cli-io';
import { expectAgreement, opensslOcspFacts } from './agree';
import { showLogsOnFailure, tempDir, type TempDir } from './harness';
import { startNginx, type RunningNginx } from './nginx';
import { ders, serverPki, writeClient, writeHierarchy, type HierarchyFiles, type ServerPki } from './pki';
import { sClient } from './s-client';

type Site = 'tls12' | 'tls13' | 'verify' | 'dual' | 'dhe' | 'both';
let pki: ServerPki;
let files: TempDir;
let rsa: HierarchyFiles;
let nginx: RunningNginx<Site> | undefined;
let stranger: { cert: string; key: string };
showLogsOnFailure(() => [nginx?.daemon]);

beforeAll(async () => {
  pki = await serverPki();
  files = tempDir('nginx-pki');
  rsa = writeHierarchy(files, pki.rsa, 'rsa');
  const ecdsa = writeHierarchy(files, pki.ecdsa, 'ecdsa');
  stranger = writeClient(files, pki.strangerClient, 'stranger');
  const caFile = files.write('client-ca.pem', pki.clientRoot.pem);
  // RFC 7919's ffdhe2048, as `openssl genpkey` writes it (no slow prime search).
  const dhparam = files.path('ffdhe2048.pem');
  execFileSync('openssl', [
    'genpkey',
    '-genparam',
    '-algorithm',
    'DH',
    '-pkeyopt',
    'group:ffdhe2048',
    '-out',
    dhparam,
  ]);
  nginx = await startNginx<Site>({
    tls12: { certificates: [rsa], protocols: 'TLSv1.2', staplingFile: rsa.ocsp },
    tls13: { certificates: [rsa], protocols: 'TLSv1.3', staplingFile: rsa.ocsp },
    verify: { certificates: [rsa], protocols: 'TLSv1.2', verifyClient: { mode: 'on', caFile } },
    dual: { certificates: [rsa, ecdsa], protocols: 'TLSv1.2' },
    dhe: { certificates: [rsa], protocols: 'TLSv1.2', ciphers: 'DHE-RSA-AES128-GCM-SHA256', dhparam },
    both: { certificates: [rsa], hosts: ['127.0.0.1', '::1'] },
  });
}, 120_000);

afterAll(async () => {
  await nginx?.stop();
  files?.remove();
});

const target = (site: Site) => `127.0.0.1:${nginx!.ports[site]}`;

describe('nginx beside openssl s_client', () => {
  for (const site of ['tls12', 'tls13', 'verify', 'dual', 'dhe'] as const) {
    it(`${site}: chain, version, cipher, group, stapled OCSP and CA names agree`, async () => {
      const port = nginx!.ports[site];
      const [ours, reference] = await Promise.all([probe({ target: target(site) }), sClient({ port })]);
      expectAgreement(ours, reference);
    });
  }
});

describe('nginx on ::1', () => {
  it('[::1]:port: the probe and openssl agree over IPv6', async () => {
    const port = nginx!.ports.both;
    const [ours, reference] = await Promise.all([
      probe({ target: `[::1]:${port}` }),
      sClient({ host: '::1', port }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.rsa.chain) });
    expect(ours.target.address).toBe('::1');
  });
});

describe('stapled OCSP over TLS 1.3 is shown like TLS 1.2 (issue 16 point 9)', () => {
  for (const site of ['tls12', 'tls13'] as const) {
    it(`${site}: in the text output and the Markdown report, with its status`, async () => {
      const facts = opensslOcspFacts(pki.rsa.ocsp);
      expect(facts?.certStatus).toBe('good');
      const io = memoryIo();
      const markdown = files.path(`${site}.md`);
      await runCli(
        ['inspect', target(site), '--no-aia', '--ca', rsa.root, '--markdown', markdown, '--force'],
        io,
      );
      expect(io.out).toMatch(
        /^Stapled OCSP response: good \(produced \d{4}-\d\d-\d\d \d\d:\d\d UTC, next update \d{4}-\d\d-\d\d \d\d:\d\d UTC\), \d+ bytes$/m,
      );
      // The handshake list says where it came: a message of its own in 1.2, the Certificate in 1.3.
      expect(io.out).toMatch(
        site === 'tls12'
          ? /← CertificateStatus \d+ B {2}OCSP response: good/
          : /← Certificate \(encrypted\) \d+ B {2}certificates: 2; OCSP response: good/,
      );
      const { readFileSync } = await import('node:fs');
      const text = readFileSync(markdown, 'utf8');
      expect(text).toMatch(/^- Stapled OCSP response: good \(produced .*\), \d+ bytes$/m);
    });
  }
});

describe('ssl_verify_client on with an untrusted client certificate (issue 16 point 11)', () => {
  it('TLS lets it through (nginx judges at the HTTP level): worded as "nothing in TLS refused it"', async () => {
    const result = await probe({
      target: target('verify'),
      clientCertificate: {
        certificatePem: pki.strangerClient.pem,
        privateKeyPem: pki.strangerClient.key.pkcs8Pem,
      },
    });
    expect(result.handshake.clientCertificateSent).toBe(true);
    expect(result.handshake.clientCertificateAccepted).toBe(true);
    expect(result.handshake.clientCertificateVerdict).toBe('server-finished');
    const io = memoryIo();
    await runCli(
      [
        'inspect',
        target('verify'),
        '--no-aia',
        '--ca',
        rsa.root,
        '--client-cert',
        stranger.cert,
        '--client-key',
        stranger.key,
      ],
      io,
    );
    expect(io.out).toMatch(
      /^Client certificate: our client certificate went through the handshake: nothing in TLS refused it\. The server may still refuse it above TLS/m,
    );
    expect(io.out).not.toMatch(/accepted/);
    // …and nginx does refuse it, in HTTP: the wording is right not to say "accepted".
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpsRequest(
        {
          host: '127.0.0.1',
          port: nginx!.ports.verify,
          path: '/',
          rejectUnauthorized: false,
          cert: pki.strangerClient.pem,
          key: pki.strangerClient.key.pkcs8Pem,
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(400);
  });
});

describe('nginx with an RSA and an ECDSA certificate over TLS 1.2 (issue 16 point 12)', () => {
  it('one handshake per family: each chain, and the TLS 1.2 suite that goes with it', async () => {
    const outcomes = await probeEveryFamily({ target: target('dual') });
    const byFamily = Object.fromEntries(outcomes.map((outcome) => [outcome.family, outcome]));
    expect(byFamily.rsa.result?.presented).toEqual(ders(pki.rsa.chain));
    expect(byFamily.rsa.result?.handshake.cipherSuite).toMatch(/^TLS_ECDHE_RSA_/);
    expect(byFamily.ecdsa.result?.presented).toEqual(ders(pki.ecdsa.chain));
    expect(byFamily.ecdsa.result?.handshake.cipherSuite).toMatch(/^TLS_ECDHE_ECDSA_/);
    expect(byFamily.eddsa.result).toBeUndefined();
    const rsaReference = await sClient({ port: nginx!.ports.dual, cipher: 'aRSA' });
    expect(rsaReference.certificates).toEqual(byFamily.rsa.result?.presented);
  });
});

describe('DHE with RFC 7919 parameters (issue 16 point 10)', () => {
  it('the size as openssl prints it, and the named group', async () => {
    const [ours, reference] = await Promise.all([
      probe({ target: target('dhe') }),
      sClient({ port: nginx!.ports.dhe }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.rsa.chain), group: 'DH 2048 bits' });
    const keyExchange = ours.handshake.messages.find((message) => message.name === 'ServerKeyExchange');
    expect(keyExchange?.facts).toContainEqual({
      label: 'key exchange',
      value: 'DH 2048 bits (ffdhe2048, RFC 7919)',
    });
  });
});

describe('--all-addresses when one address fails (issue 16 point 5)', () => {
  // nginx listens on 127.0.0.1 only; the name resolves to ::1 as well.
  const resolveAll = () => Promise.resolve(['::1', '127.0.0.1']);

  it('text: the failure is listed, and the summary does not claim "every address"', async () => {
    const io = Object.assign(memoryIo(), { resolveAll });
    const code = await runCli(
      ['inspect', `localhost:${nginx!.ports.tls12}`, '--all-addresses', '--no-aia', '--ca', rsa.root],
      io,
    );
    expect(io.out).toMatch(/^::1 +nothing is listening on \[::1\]:\d+ \(connection refused\) \[refused\]$/m);
    expect(io.out).toMatch(/^127\.0\.0\.1 +TRUSTED, 2 certificates, leaf [0-9a-f]{16}$/m);
    expect(io.out).not.toContain('Every address presents the same chain');
    expect(io.out).toMatch(
      /Only one address answered; 1 address failed, so not every address could be compared\./,
    );
    expect(code).toBe(2);
  });

  it('both addresses answering the same: "Every address presents the same chain."', async () => {
    const io = Object.assign(memoryIo(), { resolveAll });
    const code = await runCli(
      ['inspect', `localhost:${nginx!.ports.both}`, '--all-addresses', '--no-aia', '--ca', rsa.root],
      io,
    );
    expect(io.out).toMatch(/^::1 +TRUSTED, 2 certificates/m);
    expect(io.out).toMatch(/^127\.0\.0\.1 +TRUSTED, 2 certificates/m);
    expect(io.out).toContain('Every address presents the same chain.');
    expect(code).toBe(0);
  });

  it('JSON: sameChainEverywhere is false while one address failed', async () => {
    const io = Object.assign(memoryIo(), { resolveAll });
    await runCli(['inspect', `localhost:${nginx!.ports.tls12}`, '--all-addresses', '--json', '--no-aia'], io);
    const report = JSON.parse(io.out) as {
      answered: number;
      failed: number;
      sameChainEverywhere: boolean;
      sameChainAmongAnswered: boolean;
    };
    expect(report).toMatchObject({
      answered: 1,
      failed: 1,
      sameChainEverywhere: false,
      sameChainAmongAnswered: true,
    });
  });
});

describe('client certificate files (issue 16 point 11)', () => {
  it('a PKCS#12 that needs a password, given none: says so and how to give it', async () => {
    const p12 = files.path('client.p12');
    const client = writeClient(files, pki.client, 'client');
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      client.cert,
      '-inkey',
      client.key,
      '-out',
      p12,
      '-passout',
      'pass:s3cret',
    ]);
    const io = memoryIo();
    delete process.env.CERTSCOPE_P12_PASSWORD;
    const code = await runCli(['inspect', target('verify'), '--client-p12', p12], io);
    expect(code).toBe(2);
    expect(io.err).toContain('the PKCS#12 file is protected by a password, and none was given');
    expect(io.err).toContain('--client-p12-password or the CERTSCOPE_P12_PASSWORD environment variable');
    expect(io.err).not.toMatch(/password is wrong/);
    const wrong = memoryIo();
    await runCli(['inspect', target('verify'), '--client-p12', p12, '--client-p12-password', 'nope'], wrong);
    expect(wrong.err).toContain('the password is wrong');
    const right = memoryIo();
    await runCli(
      [
        'inspect',
        target('verify'),
        '--client-p12',
        p12,
        '--client-p12-password',
        's3cret',
        '--no-aia',
        '--ca',
        rsa.root,
      ],
      right,
    );
    expect(right.out).toMatch(/^Client certificate: our client certificate went through the handshake/m);
  });

  it('a missing --client-key file is one plain line, not ENOENT', async () => {
    const client = writeClient(files, pki.client, 'client2');
    const io = memoryIo();
    const code = await runCli(
      [
        'inspect',
        target('verify'),
        '--client-cert',
        client.cert,
        '--client-key',
        files.path('no-such-key.pem'),
      ],
      io,
    );
    expect(code).toBe(2);
    expect(io.err).toBe(
      `certscope inspect: --client-key ${files.path('no-such-key.pem')}: there is no such file\n`,
    );
  });

  it('the report of a two-way TLS server validates against the schema, with the CA names', async () => {
    const io = memoryIo();
    await runCli(['inspect', target('verify'), '--json', '--no-aia', '--ca', rsa.root], io);
    const report = JSON.parse(io.out) as {
      presented: { sha256: string }[];
      handshake: {
        certificateRequest: { certificateAuthorityNames: string[] };
        clientCertificateVerdict: string;
      };
    };
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.handshake.certificateRequest.certificateAuthorityNames).toEqual([
      'CN=Real Test Client Root,O=Certscope Real Servers',
    ]);
    expect(report.handshake.clientCertificateVerdict).toBe('server-finished');
    expect(report.presented.map((item) => item.sha256)).toEqual(
      pki.rsa.chain.map((cert) => sha256Hex(cert.der)),
    );
  });
});
