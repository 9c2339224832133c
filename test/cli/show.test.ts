/**
 * `certscope show` on every kind of input openssl makes: certificates with their SANs, key and
 * extensions; a PKCS#12 file (needs --password; wrong password → exit 1 with a clear line); a
 * CSR with its signature checked; a CRL with its entries; a private key matched to its
 * certificate — and never a byte of the key in the output.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { memoryIo } from '../main/support/cli-io';
import { opensslCa, opensslWorkspace, rsaSecretTraces, type OpensslWorkspace } from '../support/openssl';

interface Item {
  kind: string;
  [field: string]: unknown;
}

describe('certscope show', () => {
  let lab: OpensslWorkspace;

  beforeAll(() => {
    lab = opensslWorkspace('cli-show');
    lab.selfSigned('leaf', '/O=Show Lab/CN=show.example', {
      key: 'rsa',
      extra: [
        '-addext',
        'subjectAltName=DNS:show.example,IP:192.0.2.9',
        '-addext',
        'certificatePolicies=2.23.140.1.2.1',
      ],
    });
    lab.run(
      'pkcs12',
      '-export',
      '-in',
      lab.file('leaf.pem'),
      '-inkey',
      lab.file('leaf.key'),
      '-name',
      'Show key',
      '-passout',
      'pass:pw',
      '-out',
      lab.file('leaf.p12'),
    );
    lab.run(
      'req',
      '-new',
      '-key',
      lab.file('leaf.key'),
      '-subj',
      '/CN=csr.example',
      '-out',
      lab.file('leaf.csr'),
    );
    // The self-signed leaf signs its own CRL, which lists it as revoked.
    const ca = opensslCa(lab, 'leaf', { crlDays: 3 });
    ca.revoke('leaf.pem', 'cessationOfOperation');
    ca.gencrl('list.crl');
  });

  const show = async (...args: string[]) => {
    const io = memoryIo();
    const code = await runCli(['show', ...args], io);
    return { code, io, items: args.includes('--json') && io.out ? (JSON.parse(io.out) as Item[]) : [] };
  };

  it('--json: one object per item with kind, fingerprints, names, serial, dates, SANs, key and extensions', async () => {
    const { code, items } = await show(
      lab.file('leaf.pem'),
      lab.file('leaf.csr'),
      lab.file('list.crl'),
      lab.file('leaf.key'),
      '--json',
    );
    expect(code).toBe(0);
    expect(items.map((item) => item.kind)).toEqual(['certificate', 'csr', 'crl', 'key']);
    const [certificate, csr, crl, key] = items;
    const native = lab
      .run('x509', '-in', lab.file('leaf.pem'), '-noout', '-serial', '-fingerprint', '-sha256')
      .toString();
    // openssl prints the magnitude; ours is the DER contents (a leading 00 when the top bit is set).
    const nativeSerial = /serial=([0-9A-F]+)/.exec(native)?.[1] ?? '';
    expect(BigInt(`0x${String(certificate.serial)}`)).toBe(BigInt(`0x${nativeSerial}`));
    expect(native.replace(/:/g, '').toLowerCase()).toContain(String(certificate.sha256));
    expect(certificate).toMatchObject({
      subject: 'CN=show.example,O=Show Lab',
      issuer: 'CN=show.example,O=Show Lab',
      sans: ['DNS:show.example', 'IP:192.0.2.9'],
      publicKey: { algorithm: 'RSA', bits: 2048, exponent: 65537 },
      validationLevel: 'DV',
    });
    expect(String(certificate.notAfter)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    const extensions = certificate.extensions as { name: string; critical: boolean; parsed: boolean }[];
    expect(extensions.map((extension) => extension.name)).toEqual(
      expect.arrayContaining(['subjectAltName', 'certificatePolicies', 'basicConstraints']),
    );
    expect(extensions.every((extension) => extension.parsed)).toBe(true);
    expect(csr).toMatchObject({
      subject: 'CN=csr.example',
      signature: 'valid',
      publicKey: { algorithm: 'RSA' },
    });
    expect(crl).toMatchObject({
      issuer: 'CN=show.example,O=Show Lab',
      entries: [{ serial: certificate.serial, reason: 'cessationOfOperation' }],
    });
    expect(key).toMatchObject({
      algorithm: 'RSA',
      bits: 2048,
      format: 'pkcs8',
      matches: { sha256: certificate.sha256 },
    });
  });

  it('reads a PKCS#12 file with --password, and says clearly when it is missing or wrong', async () => {
    const missing = await show(lab.file('leaf.p12'));
    expect(missing.code).toBe(1);
    expect(missing.io.err).toMatch(/password/i);
    expect(missing.io.err).toContain('--password');
    const wrong = await show(lab.file('leaf.p12'), '--password', 'nope');
    expect(wrong.code).toBe(1);
    expect(wrong.io.err).toMatch(/The password for this PKCS#12 file is wrong/);
    const opened = await show(lab.file('leaf.p12'), '--password', 'pw', '--json');
    expect(opened.code).toBe(0);
    expect(opened.items).toEqual([
      expect.objectContaining({
        kind: 'certificate',
        friendlyName: 'Show key',
        subject: 'CN=show.example,O=Show Lab',
      }),
      expect.objectContaining({
        kind: 'key',
        source: 'pkcs12',
        friendlyName: 'Show key',
        matches: expect.objectContaining({ subject: 'CN=show.example,O=Show Lab' }),
      }),
    ]);
  });

  it('the readable summary names the key and its certificate, and no key material ever appears', async () => {
    const { code, io } = await show(lab.file('leaf.pem'), lab.file('leaf.key'));
    expect(code).toBe(0);
    expect(io.out).toContain('belongs   to the certificate CN=show.example,O=Show Lab');
    expect(io.out).toContain('subjectAltName');
    const json = await show(
      lab.file('leaf.pem'),
      lab.file('leaf.key'),
      lab.file('leaf.p12'),
      '--password',
      'pw',
      '--json',
    );
    for (const trace of rsaSecretTraces(lab.file('leaf.key'))) {
      expect(io.out.toLowerCase()).not.toContain(trace.toLowerCase());
      expect(json.io.out).not.toContain(trace);
    }
    expect(json.io.out).not.toContain('"pw"');
  });
});
