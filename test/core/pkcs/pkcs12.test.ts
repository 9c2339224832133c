/**
 * PKCS#12 files made by the real openssl CLI at test time (no private keys committed): every
 * common algorithm mix, friendly names and chains, empty and non-ASCII passwords, wrong and
 * missing passwords, PBMAC1 (RFC 9579) files built here with node:crypto, and damaged files.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Pkcs12PasswordError,
  looksLikePkcs12,
  readPkcs12,
  type Pkcs12Contents,
} from '../../../src-core/pkcs/pkcs12';
import { publicKeyIdFromSpki } from '../../../src-core/pkcs/private-key';
import { selfSigned } from '../../support/openssl';
import { DerError } from '../../../src-core/asn1/der';

const legacyProviders = ['-provider', 'legacy', '-provider', 'default'];
let dir: string;
const file = (name: string) => join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
const read = (name: string) => new Uint8Array(readFileSync(file(name)));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function pemBlocks(text: string): string[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((match) =>
    Buffer.from(match[1].replace(/\s+/g, ''), 'base64').toString('hex'),
  );
}
const spkiOf = (pemFile: string) =>
  new Uint8Array(
    new X509Certificate(readFileSync(file(pemFile))).publicKey.export({ type: 'spki', format: 'der' }),
  );

function exportP12(name: string, password: string, ...options: string[]) {
  openssl(
    'pkcs12',
    '-export',
    '-in',
    file('leaf.pem'),
    '-inkey',
    file('leaf.key'),
    '-passout',
    `pass:${password}`,
    '-out',
    file(`${name}.p12`),
    ...options,
  );
}

// Minimal DER building for the PBMAC1 fixtures (independent of the code under test).
function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(parts);
  const n = body.length;
  const length =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Uint8Array.of(tag, ...length), body]);
}
const raw = (hexText: string) => Buffer.from(hexText, 'hex');
const integer = (n: number) => {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  if (bytes.length === 0 || bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
};
/** Header length and content length of the element at `at`. */
function header(bytes: Uint8Array, at: number): { start: number; length: number } {
  const first = bytes[at + 1];
  if (first < 0x80) return { start: at + 2, length: first };
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[at + 2 + i];
  return { start: at + 2 + count, length };
}
/** Splits an openssl -nomac PFX into (version + authSafe ContentInfo) and the authSafe octets. */
function splitPfx(pfx: Uint8Array) {
  const top = header(pfx, 0);
  const inner = pfx.subarray(top.start, top.start + top.length);
  const info = header(inner, 3); // after INTEGER 3
  const infoBytes = inner.subarray(3, info.start + info.length);
  const oid = header(inner, info.start);
  const explicit = header(inner, oid.start + oid.length);
  const octets = header(inner, explicit.start);
  return {
    prefix: inner.subarray(0, infoBytes.length + 3),
    authSafe: inner.subarray(octets.start, octets.start + octets.length),
  };
}
const oids = {
  pbmac1: raw('06092a864886f70d01050e'),
  pbkdf2: raw('06092a864886f70d01050c'),
  hmacSha256: raw('06082a864886f70d0209'),
  hmacSha512: raw('06082a864886f70d020b'),
  sha256: raw('0609608648016503040201'),
  sha512: raw('0609608648016503040203'),
};
const NULL = raw('0500');

function withPbmac1(
  pfx: Uint8Array,
  password: string,
  hash: 'sha256' | 'sha512',
  iterations = 2048,
): Uint8Array {
  const { prefix, authSafe } = splitPfx(pfx);
  const salt = randomBytes(16);
  const keyLength = hash === 'sha256' ? 32 : 64;
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, keyLength, hash);
  const mac = createHmac(hash, key).update(authSafe).digest();
  const hmacOid = hash === 'sha256' ? oids.hmacSha256 : oids.hmacSha512;
  const params = tlv(
    0x30,
    tlv(
      0x30,
      oids.pbkdf2,
      tlv(0x30, tlv(0x04, salt), integer(iterations), integer(keyLength), tlv(0x30, hmacOid, NULL)),
    ),
    tlv(0x30, hmacOid, NULL),
  );
  const macData = tlv(
    0x30,
    tlv(0x30, tlv(0x30, oids.pbmac1, params), tlv(0x04, mac)),
    tlv(0x04, Buffer.from('NOT USED')),
    integer(1),
  );
  return tlv(0x30, prefix, macData);
}

function withClassicMac(pfx: Uint8Array, iterations: number, digest = oids.sha256): Uint8Array {
  const { prefix } = splitPfx(pfx);
  const macData = tlv(
    0x30,
    tlv(0x30, tlv(0x30, digest, NULL), tlv(0x04, new Uint8Array(32))),
    tlv(0x04, randomBytes(8)),
    integer(iterations),
  );
  return tlv(0x30, prefix, macData);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certscope-p12-'));
  selfSigned(file, 'root', '/CN=P12 Root', { key: 'rsa' });
  for (const [name, issuer, serial] of [
    ['inter', 'root', '2'],
    ['leaf', 'inter', '3'],
  ]) {
    openssl(
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.csr`),
      '-subj',
      `/CN=P12 ${name}`,
    );
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file(`${issuer}.pem`),
      '-CAkey',
      file(`${issuer}.key`),
      '-set_serial',
      serial,
      '-days',
      '30',
      '-out',
      file(`${name}.pem`),
    );
  }
  selfSigned(file, 'other', '/CN=Other');
  execFileSync('sh', ['-c', `cat "${file('inter.pem')}" "${file('root.pem')}" > "${file('chain.pem')}"`]);

  exportP12(
    'default',
    'secret',
    '-certfile',
    file('chain.pem'),
    '-name',
    'Leaf Cert',
    '-caname',
    'Intermediate CA',
    '-caname',
    'Root CA',
  );
  exportP12('legacy', 'secret', '-legacy', '-certfile', file('chain.pem'));
  exportP12('3des', 'secret', '-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1');
  exportP12('cert-none', 'secret', '-certpbe', 'NONE');
  exportP12('nomac', 'secret', '-nomac');
  exportP12('plain', 'secret', '-certpbe', 'NONE', '-keypbe', 'NONE', '-nomac');
  exportP12('mac-only', 'secret', '-certpbe', 'NONE', '-keypbe', 'NONE');
  exportP12('empty', '');
  exportP12('empty-legacy', '', '-legacy');
  exportP12('non-ascii', 'pässwörd€');
  exportP12('non-ascii-legacy', 'pässwörd€', '-legacy');
  exportP12('sha512-mac', 'secret', '-macalg', 'sha512');
  exportP12('sha224-mac', 'secret', '-macalg', 'sha224');
  exportP12('mixed', 'secret', '-certpbe', 'DES-EDE3-CBC', '-keypbe', 'AES-128-CBC', '-macalg', 'sha384');
  exportP12(
    'rc2-128',
    'secret',
    ...legacyProviders,
    '-certpbe',
    'PBE-SHA1-RC2-128',
    '-keypbe',
    'PBE-SHA1-2DES',
  );
  exportP12('rc4', 'secret', ...legacyProviders, '-certpbe', 'PBE-SHA1-RC4-128');
  exportP12('nomac-iter1', 'secret', '-iter', '1', '-nomac');
  openssl(
    'pkcs12',
    '-export',
    '-in',
    file('root.pem'),
    '-inkey',
    file('root.key'),
    '-passout',
    'pass:secret',
    '-out',
    file('rsa.p12'),
  );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readPkcs12 on openssl-made files', () => {
  it.each([
    [
      'default',
      'secret',
      'HMAC-SHA256 (PKCS#12 KDF, 2048 iterations)',
      ['PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC'],
    ],
    [
      'legacy',
      'secret',
      'HMAC-SHA1 (PKCS#12 KDF, 2048 iterations)',
      ['pbeWithSHAAnd40BitRC2-CBC', 'pbeWithSHAAnd3-KeyTripleDES-CBC'],
    ],
    ['3des', 'secret', 'HMAC-SHA1 (PKCS#12 KDF, 2048 iterations)', ['pbeWithSHAAnd3-KeyTripleDES-CBC']],
    [
      'cert-none',
      'secret',
      'HMAC-SHA256 (PKCS#12 KDF, 2048 iterations)',
      ['PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC'],
    ],
    ['nomac', 'secret', 'none', ['PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC']],
    ['plain', undefined, 'none', []],
    ['empty', '', 'HMAC-SHA256 (PKCS#12 KDF, 2048 iterations)', ['PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC']],
    [
      'empty',
      undefined,
      'HMAC-SHA256 (PKCS#12 KDF, 2048 iterations)',
      ['PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC'],
    ],
    [
      'empty-legacy',
      undefined,
      'HMAC-SHA1 (PKCS#12 KDF, 2048 iterations)',
      ['pbeWithSHAAnd40BitRC2-CBC', 'pbeWithSHAAnd3-KeyTripleDES-CBC'],
    ],
    [
      'non-ascii',
      'pässwörd€',
      'HMAC-SHA256 (PKCS#12 KDF, 2048 iterations)',
      ['PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC'],
    ],
    [
      'non-ascii-legacy',
      'pässwörd€',
      'HMAC-SHA1 (PKCS#12 KDF, 2048 iterations)',
      ['pbeWithSHAAnd40BitRC2-CBC', 'pbeWithSHAAnd3-KeyTripleDES-CBC'],
    ],
    [
      'sha512-mac',
      'secret',
      'HMAC-SHA512 (PKCS#12 KDF, 2048 iterations)',
      ['PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC'],
    ],
    [
      'sha224-mac',
      'secret',
      'HMAC-SHA224 (PKCS#12 KDF, 2048 iterations)',
      ['PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC'],
    ],
    [
      'mixed',
      'secret',
      'HMAC-SHA384 (PKCS#12 KDF, 2048 iterations)',
      ['PBES2 PBKDF2-HMAC-SHA256 DES-EDE3-CBC', 'PBES2 PBKDF2-HMAC-SHA256 AES-128-CBC'],
    ],
    [
      'rc2-128',
      'secret',
      'HMAC-SHA256 (PKCS#12 KDF, 2048 iterations)',
      ['pbeWithSHAAnd128BitRC2-CBC', 'pbeWithSHAAnd2-KeyTripleDES-CBC'],
    ],
    ['nomac-iter1', 'secret', 'none', ['PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC']],
  ])('%s (password %j)', async (name, password, integrity, encryption) => {
    const der = read(`${name}.p12`);
    expect(looksLikePkcs12(der)).toBe(true);
    const contents = await readPkcs12(der, password);
    expect(contents.integrity).toBe(integrity);
    expect(contents.encryption).toEqual(encryption);
    // The leaf comes first and carries the key's localKeyId; its key matches its certificate.
    expect(hex(contents.certificates[0].der)).toBe(pemBlocks(readFileSync(file('leaf.pem'), 'utf8'))[0]);
    expect(contents.keys).toHaveLength(1);
    const [key] = contents.keys;
    expect(key).toMatchObject({ algorithm: 'EC', curve: 'P-256', bits: 256 });
    expect(key.encrypted).toBe(name !== 'plain');
    expect(key.format).toBe(name === 'plain' ? 'pkcs8' : 'encrypted-pkcs8');
    expect(key.publicKeyId).toBe(publicKeyIdFromSpki(spkiOf('leaf.pem')));
    expect(key.publicKeyId).not.toBe(publicKeyIdFromSpki(spkiOf('other.pem')));
    expect(key.localKeyIdHex).toMatch(/^[0-9a-f]{40}$/);
    expect(contents.certificates[0].localKeyIdHex).toBe(key.localKeyIdHex);
    expect(JSON.stringify(contents)).not.toMatch(/"d"|privateKey/); // facts only
  });

  it('extracts the same certificates openssl prints, with friendly names', async () => {
    const contents = await readPkcs12(read('default.p12'), 'secret');
    const printed = pemBlocks(
      openssl('pkcs12', '-in', file('default.p12'), '-nokeys', '-passin', 'pass:secret').toString(),
    );
    expect(contents.certificates.map((certificate) => hex(certificate.der))).toEqual(printed);
    const sources = ['leaf.pem', 'inter.pem', 'root.pem'].map(
      (name) => pemBlocks(readFileSync(file(name), 'utf8'))[0],
    );
    expect(contents.certificates.map((certificate) => hex(certificate.der)).sort()).toEqual(
      [...sources].sort(),
    );
    const byDer = new Map(contents.certificates.map((certificate) => [hex(certificate.der), certificate]));
    expect(byDer.get(sources[0])?.friendlyName).toBe('Leaf Cert');
    expect(byDer.get(sources[1])?.friendlyName).toBe('Intermediate CA');
    expect(byDer.get(sources[2])?.friendlyName).toBe('Root CA');
    expect(contents.keys[0].friendlyName).toBe('Leaf Cert');
  });

  it('a friendly name written with a trailing NUL (as a C string) is read without it', async () => {
    const cert = raw(pemBlocks(readFileSync(file('leaf.pem'), 'utf8'))[0]);
    const bmp = (text: string) => Buffer.from(text, 'utf16le').swap16();
    const bag = (name: Uint8Array) =>
      tlv(
        0x30,
        raw('060b2a864886f70d010c0a0103'), // certBag
        tlv(0xa0, tlv(0x30, raw('060a2a864886f70d01091601'), tlv(0xa0, tlv(0x04, cert)))),
        tlv(0x31, tlv(0x30, raw('06092a864886f70d010914'), tlv(0x31, tlv(0x1e, name)))), // friendlyName
      );
    const data = (content: Uint8Array) =>
      tlv(0x30, raw('06092a864886f70d010701'), tlv(0xa0, tlv(0x04, content)));
    const safeContents = tlv(
      0x30,
      bag(Buffer.concat([bmp('My Cert'), Buffer.from([0, 0])])),
      bag(bmp('Plain')),
    );
    const pfx = tlv(0x30, integer(3), data(tlv(0x30, data(safeContents))));
    const contents = await readPkcs12(pfx, undefined);
    expect(contents.certificates.map((certificate) => certificate.friendlyName)).toEqual([
      'My Cert',
      'Plain',
    ]);
  });

  it('legacy files with a chain: RC2-40 certificates match openssl -legacy output', async () => {
    const contents = await readPkcs12(read('legacy.p12'), 'secret');
    const printed = pemBlocks(
      openssl(
        'pkcs12',
        '-in',
        file('legacy.p12'),
        '-nokeys',
        '-passin',
        'pass:secret',
        ...legacyProviders,
      ).toString(),
    );
    expect(contents.certificates.map((certificate) => hex(certificate.der))).toEqual(printed);
    expect(printed).toHaveLength(3);
  });

  it('RSA keys: bits and the modulus as the id', async () => {
    const contents = await readPkcs12(read('rsa.p12'), 'secret');
    expect(contents.keys[0]).toMatchObject({ algorithm: 'RSA', bits: 2048 });
    const modulus = openssl('rsa', '-in', file('root.key'), '-noout', '-modulus')
      .toString()
      .trim()
      .replace('Modulus=', '');
    expect(contents.keys[0].publicKeyId).toBe(modulus.toLowerCase().replace(/^(00)+/, ''));
    expect(contents.keys[0].publicKeyId).toBe(publicKeyIdFromSpki(spkiOf('root.pem')));
  });
});

describe('passwords', () => {
  const rejects = async (der: Uint8Array, password: string | undefined, reason: string) => {
    const error = await readPkcs12(der, password).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Pkcs12PasswordError);
    expect((error as Pkcs12PasswordError).reason).toBe(reason);
    return error as Pkcs12PasswordError;
  };

  it('a wrong password is reported plainly, with and without a MAC', async () => {
    const error = await rejects(read('default.p12'), 'Secret', 'wrong-password');
    expect(error.message).toBe('The password for this PKCS#12 file is wrong.');
    await rejects(read('legacy.p12'), 'wrong', 'wrong-password');
    await rejects(read('nomac.p12'), 'wrong', 'wrong-password');
    await rejects(read('non-ascii.p12'), 'passwörd€', 'wrong-password');
  });

  it('a file whose MAC no longer matches but whose contents open with the password is damaged', async () => {
    const der = read('default.p12').slice();
    // The end is MacData: …, the MAC value, the salt (8 bytes) and the iteration count (2048).
    der[der.length - 16] ^= 0x01;
    const error = await readPkcs12(der, 'secret').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DerError);
    expect((error as DerError).message).toBe(
      'this PKCS#12 file is damaged: the password opens its contents, but its integrity check (MAC) does not match',
    );
    // Another password on the same file is still just wrong; so is one for a file with nothing
    // encrypted, where only the MAC could tell.
    await rejects(der, 'not it', 'wrong-password');
    await rejects(read('mac-only.p12'), 'not it', 'wrong-password');
    expect((await readPkcs12(read('mac-only.p12'), 'secret')).certificates).toHaveLength(1);
  });

  it('a missing password is "password-required", after trying the empty ones', async () => {
    await rejects(read('default.p12'), undefined, 'password-required');
    await rejects(read('default.p12'), '', 'password-required');
    await rejects(read('nomac.p12'), undefined, 'password-required');
  });

  it('PBMAC1 (RFC 9579): HMAC-SHA256 and HMAC-SHA512 over a UTF-8 password', async () => {
    for (const [hash, label] of [
      ['sha256', 'PBMAC1 HMAC-SHA256 (PBKDF2-HMAC-SHA256, 2048 iterations)'],
      ['sha512', 'PBMAC1 HMAC-SHA512 (PBKDF2-HMAC-SHA512, 2048 iterations)'],
    ] as const) {
      const der = withPbmac1(read('nomac.p12'), 'secret', hash);
      const contents = await readPkcs12(der, 'secret');
      expect(contents.integrity).toBe(label);
      expect(contents.keys[0].publicKeyId).toBe(publicKeyIdFromSpki(spkiOf('leaf.pem')));
      await rejects(der, 'not it', 'wrong-password');
    }
    // MAC'd with another password than the contents': "secret" opens them but fails the MAC.
    const nonAscii = withPbmac1(read('nomac.p12'), 'pässwörd€', 'sha256');
    await expect(readPkcs12(nonAscii, 'secret')).rejects.toThrow(/integrity check \(MAC\) does not match/);
    await rejects(nonAscii, 'not it', 'wrong-password');
  });
});

describe('hostile and damaged files', () => {
  const structureError = async (promise: Promise<Pkcs12Contents>) => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DerError);
    return error as DerError;
  };

  it('huge iteration counts fail fast with a clear error', async () => {
    const started = Date.now();
    const error = await structureError(
      readPkcs12(withClassicMac(read('nomac.p12'), 2_000_000_000), 'secret'),
    );
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/iteration count is 2000000000 \(limit 1000000\)/);
    // Within the per-set limit, but SHA-512 (six times SHA-256's cost) for every password form tried.
    const budget = await structureError(
      readPkcs12(withClassicMac(read('nomac.p12'), 900_000, oids.sha512), 'secret'),
    );
    expect(budget.message).toMatch(/key-derivation iterations in total/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('RC4 encryption is reported as unsupported', async () => {
    const error = await structureError(readPkcs12(read('rc4.p12'), 'secret'));
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/RC4/);
  });

  it('truncated files are structure errors with an offset', async () => {
    const der = read('default.p12');
    for (const cut of [1, 2, 10, 100, der.length / 2, der.length - 1]) {
      const error = await structureError(readPkcs12(der.subarray(0, Math.floor(cut)), 'secret'));
      expect(error.offset).toBeTypeOf('number');
      expect(error.message).not.toMatch(/undefined|\[object/);
    }
  });

  it('bit flips end in a typed error (or, rarely, still parse)', async () => {
    for (const name of ['default.p12', 'legacy.p12', 'nomac.p12', 'plain.p12']) {
      const der = read(name);
      for (let i = 0; i < der.length; i += Math.ceil(der.length / 40)) {
        const copy = der.slice();
        copy[i] ^= 0x10;
        await readPkcs12(copy, 'secret').catch((error: unknown) => {
          expect(
            error instanceof DerError || error instanceof Pkcs12PasswordError,
            `${name} @${i}: ${String(error)}`,
          ).toBe(true);
        });
      }
    }
  });

  it('looksLikePkcs12 is a cheap sniff that never throws', () => {
    expect(looksLikePkcs12(new Uint8Array(0))).toBe(false);
    expect(looksLikePkcs12(Uint8Array.of(0x30, 0x84, 0xff))).toBe(false);
    expect(looksLikePkcs12(new Uint8Array(pemToDer('leaf.pem')))).toBe(false);
    expect(looksLikePkcs12(read('plain.p12'))).toBe(true);
  });
});

function pemToDer(name: string): Buffer {
  return Buffer.from(pemBlocks(readFileSync(file(name), 'utf8'))[0], 'hex');
}
