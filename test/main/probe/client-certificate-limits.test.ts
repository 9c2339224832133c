/**
 * Client certificates and the key-derivation work OpenSSL would do for them (issue 15). A PKCS#12
 * whose integrity MAC asks for 16,777,216 iterations: OpenSSL, handed the file, ran them all —
 * 19.7 s with the web server or main process blocked. Now the core's reader sees the count first
 * and refuses it, in the service the app uses and in `certscope inspect --client-p12`, each at once
 * and with a plain message. An encrypted PEM key is refused too (OpenSSL tried an empty password).
 *
 * The file is made in milliseconds: the real openssl CLI exports the certificate and key with no
 * encryption and no MAC (so nothing is iterated while making it), then the MacData is added here,
 * naming the huge count, with a MAC value nobody will ever get to compare.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { buildScenario, startNodeTlsServer, type LabServer } from '../../../src-main/services/lab';
import { createProbeService } from '../../../src-main/services/probe/service';
import { memoryIo } from '../support/cli-io';

const hugeIterations = 16_777_216;

/** A PFX (DER) with its MacData replaced by one naming `iterations` (HMAC-SHA256, zero MAC). */
function withMacIterations(pfx: Uint8Array, iterations: number): Uint8Array {
  const parsed = asn1js.fromBER(pfx.slice().buffer).result as asn1js.Sequence;
  const [version, authSafe] = parsed.valueBlock.value;
  const macData = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.ObjectIdentifier({ value: '2.16.840.1.101.3.4.2.1' }), new asn1js.Null()],
          }),
          new asn1js.OctetString({ valueHex: new ArrayBuffer(32) }),
        ],
      }),
      new asn1js.OctetString({ valueHex: randomBytes(8).buffer }),
      new asn1js.Integer({ value: iterations }),
    ],
  });
  return new Uint8Array(new asn1js.Sequence({ value: [version, authSafe, macData] }).toBER());
}

describe('a client PKCS#12 asking for 16.7 million iterations', () => {
  let dir: string;
  let server: LabServer;
  let p12Path: string;
  let p12: Uint8Array;

  beforeAll(async () => {
    const scenario = await buildScenario('client-auth');
    dir = mkdtempSync(join(tmpdir(), 'certscope-p12-limits-'));
    writeFileSync(join(dir, 'client.pem'), scenario.others.client.pem);
    writeFileSync(join(dir, 'client.key'), scenario.others.client.key.pkcs8Pem, { mode: 0o600 });
    // no encryption, no MAC: openssl iterates nothing while writing it
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      join(dir, 'client.pem'),
      '-inkey',
      join(dir, 'client.key'),
      '-keypbe',
      'NONE',
      '-certpbe',
      'NONE',
      '-nomac',
      '-passout',
      'pass:',
      '-out',
      join(dir, 'plain.p12'),
    ]);
    p12 = withMacIterations(new Uint8Array(readFileSync(join(dir, 'plain.p12'))), hugeIterations);
    p12Path = join(dir, 'huge-iterations.p12');
    writeFileSync(p12Path, p12);
    // openssl itself reads the count we wrote (and would run it): the file is what it claims.
    const info = spawnSync(
      'openssl',
      ['pkcs12', '-in', p12Path, '-info', '-noout', '-nomacver', '-passin', 'pass:'],
      { encoding: 'utf8' },
    );
    expect(info.stderr + info.stdout).toMatch(new RegExp(`MAC: sha256, Iteration ${hugeIterations}`));
    server = await startNodeTlsServer({ chain: scenario.presented, requestClientCert: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the service the app uses refuses it at once, before connecting', async () => {
    const service = createProbeService();
    const started = performance.now();
    const outcome = await service.probeHost(
      { target: `127.0.0.1:${server.port}`, clientCertificate: { pkcs12: p12, password: '' } },
      'huge-p12',
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.code).toBe('client-certificate');
    expect(outcome.failure.message).toMatch(
      /refused before anything ran its key derivation: MAC iteration count is 16777216 \(limit 1000000\)/,
    );
  });

  it('certscope inspect --client-p12 refuses it at once, saying why', async () => {
    const io = memoryIo();
    const started = performance.now();
    const code = await runCli(
      ['inspect', `127.0.0.1:${server.port}`, '--client-p12', p12Path, '--no-aia'],
      io,
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(code).toBe(2);
    expect(io.err).toMatch(/MAC iteration count is 16777216 \(limit 1000000\)/);
    expect(io.err).toMatch(/real files use 2,000 to 600,000/);
  });

  it('an encrypted PEM client key is refused before OpenSSL tries an empty password on it', async () => {
    // 65,536 iterations as openssl wrote them, then 8,388,607 in the same three bytes.
    execFileSync('openssl', [
      'pkcs8',
      '-topk8',
      '-in',
      join(dir, 'client.key'),
      '-v2',
      'aes-256-cbc',
      '-iter',
      '65536',
      '-outform',
      'DER',
      '-out',
      join(dir, 'client.enc.der'),
      '-passout',
      'pass:secret',
    ]);
    const der = readFileSync(join(dir, 'client.enc.der'));
    const at = der.indexOf(Buffer.from([0x02, 0x03, 0x01, 0x00, 0x00]));
    expect(at).toBeGreaterThan(0);
    der.set([0x7f, 0xff, 0xff], at + 2);
    const pem = `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
    const started = performance.now();
    const outcome = await createProbeService().probeHost(
      {
        target: `127.0.0.1:${server.port}`,
        clientCertificate: {
          certificatePem: readFileSync(join(dir, 'client.pem'), 'utf8'),
          privateKeyPem: pem,
        },
      },
      'encrypted-pem',
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.failure.message).toMatch(/client private key is encrypted/);
  });
});
