/**
 * Apache (mod_ssl, OpenSSL) beside `openssl s_client`: two-way TLS over TLS 1.2 and 1.3 with and
 * without a client certificate, a dual RSA + ECDSA host, DHE, and a TLS 1.1-only host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeResultFromFailure } from '../../src-core/tls/describe';
import { runCli } from '../../src-main/cli/main';
import { probe } from '../../src-main/services/probe';
import { probeEveryFamily } from '../../src-main/services/probe/every-certificate';
import { sha256Hex } from '../../src-main/services/trust/user-trust';
import { memoryIo, validateReport } from '../main/support/cli-io';
import { expectAgreement, probeFailure } from './agree';
import { startApache, type RunningApache } from './apache';
import { showLogsOnFailure, tempDir, type TempDir } from './harness';
import { ders, serverPki, writeClient, writeHierarchy, type ServerPki } from './pki';
import { sClient } from './s-client';

type Site = 'require12' | 'require13' | 'dual' | 'dhe' | 'tls11';
let pki: ServerPki;
let files: TempDir;
let apache: RunningApache<Site> | undefined;
let client: { cert: string; key: string };
let stranger: { cert: string; key: string };
let rsaRoot: string;
showLogsOnFailure(() => [apache?.daemon]);

beforeAll(async () => {
  pki = await serverPki();
  files = tempDir('apache-pki');
  const rsa = writeHierarchy(files, pki.rsa, 'rsa');
  const ecdsa = writeHierarchy(files, pki.ecdsa, 'ecdsa');
  rsaRoot = rsa.root;
  const caFile = files.write('client-ca.pem', pki.clientRoot.pem);
  client = writeClient(files, pki.client, 'client');
  stranger = writeClient(files, pki.strangerClient, 'stranger');
  apache = await startApache<Site>({
    require12: { certificates: [rsa], protocol: 'TLSv1.2', verifyClient: { mode: 'require', caFile } },
    require13: { certificates: [rsa], protocol: 'TLSv1.3', verifyClient: { mode: 'require', caFile } },
    dual: { certificates: [rsa, ecdsa] },
    dhe: { certificates: [rsa], protocol: 'TLSv1.2', cipherSuite: 'DHE-RSA-AES256-GCM-SHA384' },
    tls11: {
      certificates: [rsa],
      protocol: 'TLSv1.1',
      cipherSuite: 'DEFAULT:@SECLEVEL=0',
      openSslConf: ['MinProtocol TLSv1.1'],
    },
  });
}, 120_000);

afterAll(async () => {
  await apache?.stop();
  files?.remove();
});

const target = (site: Site) => `127.0.0.1:${apache!.ports[site]}`;
const clientPem = () => ({ certificatePem: pki.client.pem, privateKeyPem: pki.client.key.pkcs8Pem });

describe('Apache, TLS 1.2, SSLVerifyClient require (issue 16 points 1 and 2)', () => {
  it('no client certificate: the chain, the CA names and the diagnosis, as openssl sees them', async () => {
    const [error, reference] = await Promise.all([
      probeFailure(probe({ target: target('require12') })),
      sClient({ port: apache!.ports.require12 }),
    ]);
    expect(error.code).toBe('client-certificate-required');
    expect(error.message).toBe(
      'the server requires a client certificate (it asked for one from these CAs: CN=Real Test Client Root,O=Certscope Real Servers); we sent none, and it ended the handshake with the alert "handshake_failure"',
    );
    // openssl: the same 2-certificate chain, version, cipher, CA names — and alert 40.
    const partial = probeResultFromFailure(error);
    expect(partial).toBeDefined();
    expectAgreement(partial!, reference, { chain: ders(pki.rsa.chain) });
    expect(reference.alerts.join(' ')).toMatch(/handshake failure|number 40/);
    expect(error.partial?.alert).toBe('handshake_failure');
  });

  it('an untrusted client certificate: refused, named as such, with the chain kept', async () => {
    const error = await probeFailure(
      probe({
        target: target('require12'),
        clientCertificate: {
          certificatePem: pki.strangerClient.pem,
          privateKeyPem: pki.strangerClient.key.pkcs8Pem,
        },
      }),
    );
    const reference = await sClient({
      port: apache!.ports.require12,
      cert: stranger.cert,
      key: stranger.key,
    });
    expect(error.code).toBe('client-certificate-refused');
    expect(error.message).toMatch(
      /^the server refused our client certificate \(alert "[a-z_]+"; it asked for one from these CAs: CN=Real Test Client Root,O=Certscope Real Servers\)$/,
    );
    expect(error.partial?.presented).toEqual(ders(pki.rsa.chain));
    expect(error.partial?.clientCertificateSent).toBe(true);
    expect(reference.alerts.length, reference.output).toBeGreaterThan(0);
  });

  it('the trusted client certificate: accepted, known from the server Finished without any wait', async () => {
    const result = await probe({ target: target('require12'), clientCertificate: clientPem() });
    const reference = await sClient({ port: apache!.ports.require12, cert: client.cert, key: client.key });
    expectAgreement(result, reference, { chain: ders(pki.rsa.chain) });
    expect(result.handshake.clientCertificateSent).toBe(true);
    expect(result.handshake.clientCertificateAccepted).toBe(true);
    expect(result.handshake.clientCertificateVerdict).toBe('server-finished');
    expect(result.timings.verdictWaitMs).toBeUndefined();
    // The client's own TLS 1.2 flight, as openssl -msg lists it for the same certificate.
    const ours = result.handshake.messages
      .filter((message) => message.direction === 'client' && message.name !== 'ClientHello' && message.size)
      .map((message) => `${message.name} ${message.size}`);
    const theirs = reference.messages
      .filter(
        (message) =>
          message.direction === 'client' &&
          /^(Certificate|CertificateVerify|ClientKeyExchange|Finished)$/.test(message.name),
      )
      .map((message) => `${message.name} ${message.size}`);
    // The Finished too: encrypted under keys we don't hold, sized by its AEAD record.
    expect(ours.filter((line) => !line.startsWith('ChangeCipherSpec'))).toEqual(theirs);
    expect(theirs).toContain('Finished 16');
    const serverFinished = (messages: { direction: string; name: string; size: number }[]) =>
      messages
        .filter((message) => message.direction === 'server' && message.name === 'Finished')
        .map((m) => m.size);
    expect(serverFinished(result.handshake.messages)).toEqual(serverFinished(reference.messages));
  });

  it('certscope inspect --json still writes the report: partial chain, CA names, failure; exit 1', async () => {
    const io = memoryIo();
    const code = await runCli(['inspect', target('require12'), '--json', '--no-aia', '--ca', rsaRoot], io);
    expect(code).toBe(1);
    expect(io.err).toMatch(
      /the server requires a client certificate \(it asked for one from these CAs: CN=Real Test Client Root/,
    );
    const report = JSON.parse(io.out) as {
      presented: { sha256: string }[];
      trusted: boolean;
      failure: { code: string; message: string; alert: string };
      handshake: {
        certificateRequest: { certificateAuthorityNames: string[]; certificateAuthorities: string[] };
      };
    };
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.presented.map((item) => item.sha256)).toEqual(
      pki.rsa.chain.map((cert) => sha256Hex(cert.der)),
    );
    expect(report.trusted).toBe(true);
    expect(report.failure).toMatchObject({ code: 'client-certificate-required', alert: 'handshake_failure' });
    expect(report.handshake.certificateRequest.certificateAuthorityNames).toEqual([
      'CN=Real Test Client Root,O=Certscope Real Servers',
    ]);
  });

  it('certscope inspect (text) shows the chain, the acceptable CAs by name and the diagnosis', async () => {
    const io = memoryIo();
    const code = await runCli(['inspect', target('require12'), '--no-aia', '--ca', rsaRoot], io);
    expect(code).toBe(1);
    expect(io.out).toMatch(/^The handshake did not complete: the server requires a client certificate/);
    expect(io.out).toMatch(/acceptable CAs:\n {4}CN=Real Test Client Root,O=Certscope Real Servers\n/);
    expect(io.out).toMatch(
      /CertificateRequest +\d+ B {2}acceptable CAs: CN=Real Test Client Root,O=Certscope Real Servers/,
    );
    expect(io.out).toContain('Certificates as sent (2, wire order)');
  });
});

describe('Apache, TLS 1.3, SSLVerifyClient require', () => {
  it('our encrypted client flight is listed message by message, the sizes openssl -msg shows', async () => {
    const result = await probe({ target: target('require13'), clientCertificate: clientPem() });
    const reference = await sClient({ port: apache!.ports.require13, cert: client.cert, key: client.key });
    expectAgreement(result, reference, { chain: ders(pki.rsa.chain) });
    const flight = (messages: { direction: string; name: string; size: number }[]) =>
      messages
        .filter((message) => message.direction === 'client' && message.name !== 'ClientHello')
        .map((message) => `${message.name} ${message.size}`);
    const ours = flight(result.handshake.messages);
    expect(ours).toEqual([
      'Certificate ' + ours[0].split(' ')[1],
      expect.stringMatching(/^CertificateVerify /),
      'Finished 52',
    ]);
    expect(ours).toEqual(flight(reference.messages));
    expect(
      result.handshake.messages
        .filter((message) => message.direction === 'client')
        .slice(1)
        .every((message) => message.encrypted),
    ).toBe(true);
    expect(result.handshake.clientCertificateSent).toBe(true);
    expect(result.handshake.clientCertificateAccepted).toBe(true);
    expect(result.handshake.clientCertificateVerdict).toBe('post-handshake-message');
  });

  it('no client certificate: an empty Certificate goes out, and the server says certificate_required', async () => {
    const result = await probe({ target: target('require13') });
    expect(result.presented).toEqual(ders(pki.rsa.chain));
    const names = result.handshake.messages
      .filter((message) => message.direction === 'client')
      .map((message) => `${message.name} ${message.size}`);
    expect(names.slice(1)).toEqual(['Certificate 8', 'Finished 52']);
    expect(result.handshake.clientCertificateSent).toBe(false);
    expect(result.handshake.clientCertificateAccepted).toBe(false);
    expect(result.handshake.clientCertificateVerdict).toBe('alert');
    expect(result.handshake.postHandshakeAlert).toBe('certificate_required');
    expect(result.handshake.certificateRequest?.certificateAuthorityNames).toEqual([
      'CN=Real Test Client Root,O=Certscope Real Servers',
    ]);
  });
});

describe('Apache with an RSA and an ECDSA certificate (issue 16 point 12)', () => {
  it('one handshake per signature family finds both chains, as openssl -sigalgs does', async () => {
    const outcomes = await probeEveryFamily({ target: target('dual') });
    const byFamily = Object.fromEntries(outcomes.map((outcome) => [outcome.family, outcome]));
    expect(byFamily.rsa.result?.presented).toEqual(ders(pki.rsa.chain));
    expect(byFamily.ecdsa.result?.presented).toEqual(ders(pki.ecdsa.chain));
    expect(byFamily.eddsa.failure?.code).toBeDefined();
    const [rsaReference, ecdsaReference] = await Promise.all([
      sClient({ port: apache!.ports.dual, sigalgs: 'RSA-PSS+SHA256:RSA+SHA256' }),
      sClient({ port: apache!.ports.dual, sigalgs: 'ECDSA+SHA256' }),
    ]);
    expect(rsaReference.certificates).toEqual(byFamily.rsa.result?.presented);
    expect(ecdsaReference.certificates).toEqual(byFamily.ecdsa.result?.presented);
  });

  it('certscope inspect --all-certificates shows each chain, and the JSON report carries them', async () => {
    const text = memoryIo();
    await runCli(
      ['inspect', target('dual'), '--all-certificates', '--no-aia', '--ca-only', '--ca', rsaRoot],
      text,
    );
    expect(text.out).toContain(
      'Every certificate the server has (one handshake per signature algorithm family):',
    );
    expect(text.out).toMatch(/ {2}ECDSA {2}TLS 1\.3, \S+: 2 certificates, NOT TRUSTED/);
    expect(text.out).toMatch(/ {2}RSA {4}TLS 1\.3, \S+: 2 certificates, TRUSTED/);
    expect(text.out).toMatch(/ {2}EdDSA {2}none — /);
    expect(text.out).toMatch(/The server has 2 different certificates: ECDSA; RSA\./);
    const json = memoryIo();
    await runCli(
      ['inspect', target('dual'), '--all-certificates', '--json', '--no-aia', '--ca-only', '--ca', rsaRoot],
      json,
    );
    const report = JSON.parse(json.out) as {
      certificatesByAlgorithm: { family: string; presented?: { sha256: string }[]; trusted?: boolean }[];
    };
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    const chain = (family: string) =>
      report.certificatesByAlgorithm
        .find((entry) => entry.family === family)
        ?.presented?.map((item) => item.sha256);
    expect(chain('rsa')).toEqual(pki.rsa.chain.map((cert) => sha256Hex(cert.der)));
    expect(chain('ecdsa')).toEqual(pki.ecdsa.chain.map((cert) => sha256Hex(cert.der)));
    expect(chain('eddsa')).toBeUndefined();
  });
});

describe('Apache, DHE (issue 16 point 10)', () => {
  it('the group and its size, as openssl prints "Server Temp Key: DH, 2048 bits"', async () => {
    const [ours, reference] = await Promise.all([
      probe({ target: target('dhe') }),
      sClient({ port: apache!.ports.dhe }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.rsa.chain), group: 'DH 2048 bits' });
    expect(ours.handshake.cipherSuite).toBe('TLS_DHE_RSA_WITH_AES_256_GCM_SHA384');
    const keyExchange = ours.handshake.messages.find((message) => message.name === 'ServerKeyExchange');
    expect(keyExchange?.facts).toContainEqual({
      label: 'key exchange',
      value: expect.stringMatching(/^DH 2048 bits/),
    });
  });
});

describe('Apache, TLS 1.1 only (issue 16 point 11)', () => {
  it('the probe sees TLS 1.1 as openssl does, and the verdict carries the legacy-tls-version warning', async () => {
    const ours = await probe({ target: target('tls11') });
    const reference = await sClient({ port: apache!.ports.tls11, cipher: 'DEFAULT:@SECLEVEL=0' });
    expectAgreement(ours, reference, { chain: ders(pki.rsa.chain), version: 'TLS 1.1' });
    const io = memoryIo();
    const code = await runCli(['inspect', target('tls11'), '--json', '--no-aia', '--ca', rsaRoot], io);
    const report = JSON.parse(io.out) as {
      trusted: boolean;
      findings: { code: string; severity: string; detail?: string }[];
    };
    expect(report.trusted).toBe(true);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        code: 'legacy-tls-version',
        severity: 'warning',
        detail: 'the server negotiated TLS 1.1',
      }),
    );
    // The exit code is the chosen client's: Chrome refuses TLS 1.1; OpenSSL at security level 2 has no
    // version floor (docs/clients.md, tlsMin), so for curl it is a warning.
    expect(code).toBe(1);
    expect(io.out).toMatch(/"client": "chrome"/);
    const asCurl = memoryIo();
    expect(
      await runCli(['inspect', target('tls11'), '--no-aia', '--ca', rsaRoot, '--client', 'openssl'], asCurl),
    ).toBe(0);
  });
});
