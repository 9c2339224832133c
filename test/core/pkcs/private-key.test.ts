/**
 * Private keys made by the real openssl CLI at test time (nothing committed): RSA PKCS#1 and
 * PKCS#8, EC SEC1 with and without the public key, compressed points, P-384/P-521, Ed25519/Ed448,
 * DSA, and encrypted PKCS#8 under PBES2 and PBES1. The public-key id must equal the one from the
 * matching certificate's SubjectPublicKeyInfo and differ from another key's.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PrivateKeyPasswordError,
  publicKeyIdFromSpki,
  readPrivateKey,
  type PrivateKeyFacts,
} from '../../../src-core/pkcs/private-key';
import { DerError } from '../../../src-core/asn1/der';

const legacy = ['-provider', 'legacy', '-provider', 'default'];
let dir: string;
const file = (name: string) => join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
const read = (name: string) => new Uint8Array(readFileSync(file(name)));
const spkiOf = (cert: string) =>
  new Uint8Array(
    new X509Certificate(readFileSync(file(cert))).publicKey.export({ type: 'spki', format: 'der' }),
  );
const certFor = (key: string) =>
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    file(key),
    '-out',
    file(`${key}.crt`),
    '-subj',
    `/CN=${key}`,
    '-days',
    '30',
  );
const der = (key: string, out: string) =>
  openssl('pkcs8', '-topk8', '-nocrypt', '-in', file(key), '-outform', 'DER', '-out', file(out));

const keys: [string, string[]][] = [
  ['rsa', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']],
  ['p256', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']],
  ['p384', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']],
  ['p521', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521']],
  ['ed25519', ['-algorithm', 'ed25519']],
  ['ed448', ['-algorithm', 'ed448']],
  ['other', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']],
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certscope-keys-'));
  for (const [name, options] of keys) {
    openssl('genpkey', ...options, '-out', file(`${name}.pem`));
    certFor(`${name}.pem`);
    der(`${name}.pem`, `${name}.p8`);
  }
  openssl(
    'genpkey',
    '-genparam',
    '-algorithm',
    'DSA',
    '-pkeyopt',
    'dsa_paramgen_bits:1024',
    '-out',
    file('dsa.params'),
  );
  openssl('genpkey', '-paramfile', file('dsa.params'), '-out', file('dsa.pem'));
  certFor('dsa.pem');
  der('dsa.pem', 'dsa.p8');
  openssl('rsa', '-in', file('rsa.pem'), '-traditional', '-outform', 'DER', '-out', file('rsa.pkcs1'));
  for (const curve of ['p256', 'p384', 'p521']) {
    openssl('ec', '-in', file(`${curve}.pem`), '-outform', 'DER', '-out', file(`${curve}.sec1`));
    openssl(
      'ec',
      '-in',
      file(`${curve}.pem`),
      '-no_public',
      '-outform',
      'DER',
      '-out',
      file(`${curve}.nopub.sec1`),
    );
    openssl(
      'ec',
      '-in',
      file(`${curve}.pem`),
      '-conv_form',
      'compressed',
      '-outform',
      'DER',
      '-out',
      file(`${curve}.compressed.sec1`),
    );
    openssl(
      'ec',
      '-in',
      file(`${curve}.pem`),
      '-pubout',
      '-conv_form',
      'compressed',
      '-outform',
      'DER',
      '-out',
      file(`${curve}.compressed.spki`),
    );
  }
  // PKCS#8 without the optional public key inside the ECPrivateKey.
  openssl(
    'pkcs8',
    '-topk8',
    '-nocrypt',
    '-inform',
    'DER',
    '-in',
    file('p256.nopub.sec1'),
    '-outform',
    'DER',
    '-out',
    file('p256.nopub.p8'),
  );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const idOf = (cert: string) => publicKeyIdFromSpki(spkiOf(cert));

describe('unencrypted keys', () => {
  it.each<[string, PrivateKeyFacts['format'], string, Partial<PrivateKeyFacts>]>([
    ['rsa.p8', 'pkcs8', 'rsa.pem.crt', { algorithm: 'RSA', bits: 2048 }],
    ['rsa.pkcs1', 'pkcs1', 'rsa.pem.crt', { algorithm: 'RSA', bits: 2048 }],
    ['p256.p8', 'pkcs8', 'p256.pem.crt', { algorithm: 'EC', curve: 'P-256', bits: 256 }],
    ['p256.nopub.p8', 'pkcs8', 'p256.pem.crt', { algorithm: 'EC', curve: 'P-256', bits: 256 }],
    ['p256.sec1', 'sec1', 'p256.pem.crt', { algorithm: 'EC', curve: 'P-256' }],
    ['p256.nopub.sec1', 'sec1', 'p256.pem.crt', { algorithm: 'EC', curve: 'P-256' }],
    ['p256.compressed.sec1', 'sec1', 'p256.pem.crt', { algorithm: 'EC', curve: 'P-256' }],
    ['p384.p8', 'pkcs8', 'p384.pem.crt', { algorithm: 'EC', curve: 'P-384', bits: 384 }],
    ['p384.nopub.sec1', 'sec1', 'p384.pem.crt', { algorithm: 'EC', curve: 'P-384' }],
    ['p384.compressed.sec1', 'sec1', 'p384.pem.crt', { algorithm: 'EC', curve: 'P-384' }],
    ['p521.nopub.sec1', 'sec1', 'p521.pem.crt', { algorithm: 'EC', curve: 'P-521', bits: 521 }],
    ['p521.compressed.sec1', 'sec1', 'p521.pem.crt', { algorithm: 'EC', curve: 'P-521' }],
    ['ed25519.p8', 'pkcs8', 'ed25519.pem.crt', { algorithm: 'Ed25519' }],
    ['ed448.p8', 'pkcs8', 'ed448.pem.crt', { algorithm: 'Ed448' }],
    ['dsa.p8', 'pkcs8', 'dsa.pem.crt', { algorithm: 'DSA', bits: 1024 }],
  ])('%s (%s)', async (name, format, cert, expected) => {
    const facts = await readPrivateKey(read(name), format);
    expect(facts).toMatchObject({ ...expected, format, encrypted: false });
    expect(facts.publicKeyId).toBeTruthy();
    expect(facts.publicKeyId).toBe(idOf(cert));
    expect(facts.publicKeyId).not.toBe(idOf('other.pem.crt'));
  });

  it('RSA id is the modulus without leading zeros', async () => {
    const modulus = openssl('rsa', '-in', file('rsa.pem'), '-noout', '-modulus')
      .toString()
      .trim()
      .replace('Modulus=', '');
    expect((await readPrivateKey(read('rsa.pkcs1'), 'pkcs1')).publicKeyId).toBe(
      modulus.toLowerCase().replace(/^(00)+/, ''),
    );
  });

  it('a compressed point in a SubjectPublicKeyInfo gets the same id as the uncompressed one', () => {
    for (const curve of ['p256', 'p384', 'p521']) {
      expect(publicKeyIdFromSpki(read(`${curve}.compressed.spki`)), curve).toBe(idOf(`${curve}.pem.crt`));
    }
  });

  it('publicKeyIdFromSpki never throws on garbage', () => {
    expect(publicKeyIdFromSpki(new Uint8Array(0))).toBeUndefined();
    expect(publicKeyIdFromSpki(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00))).toBeUndefined();
    const spki = spkiOf('p256.pem.crt');
    expect(publicKeyIdFromSpki(spki.subarray(0, spki.length - 5))).toBeUndefined();
  });

  it('garbage and truncated keys are DerErrors', async () => {
    for (const [bytes, format] of [
      [new Uint8Array(0), 'pkcs8'],
      [read('rsa.p8').subarray(0, 100), 'pkcs8'],
      [read('p256.sec1'), 'pkcs1'],
      [read('rsa.pkcs1'), 'sec1'],
    ] as const) {
      await expect(readPrivateKey(bytes, format)).rejects.toBeInstanceOf(DerError);
    }
  });
});

describe('encrypted PKCS#8', () => {
  const encrypt = (source: string, out: string, password: string, ...options: string[]) =>
    openssl(
      'pkcs8',
      '-topk8',
      '-in',
      file(source),
      '-outform',
      'DER',
      '-out',
      file(out),
      '-passout',
      `pass:${password}`,
      ...options,
    );

  it.each([
    ['aes-256', ['-v2', 'aes-256-cbc']],
    ['aes-128-sha512', ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA512']],
    ['aes-192-sha224', ['-v2', 'aes-192-cbc', '-v2prf', 'hmacWithSHA224']],
    ['des3', ['-v2', 'des3']],
    ['des', ['-v2', 'des-cbc', ...legacy]],
    ['rc2', ['-v2', 'rc2-cbc', ...legacy]],
    ['pbe-sha1-3des', ['-v1', 'PBE-SHA1-3DES']],
    ['pbe-sha1-2des', ['-v1', 'PBE-SHA1-2DES']],
    ['pbe-sha1-rc2-40', ['-v1', 'PBE-SHA1-RC2-40', ...legacy]],
    ['pbe-sha1-rc2-128', ['-v1', 'PBE-SHA1-RC2-128', ...legacy]],
    ['pbe-md5-des', ['-v1', 'PBE-MD5-DES', ...legacy]],
    ['pbe-sha1-des', ['-v1', 'PBE-SHA1-DES', ...legacy]],
  ])('%s: right, non-ASCII, wrong and missing passwords', async (name, options) => {
    encrypt('p256.pem', `${name}.enc`, 'key pass', ...options, '-iter', '100');
    const facts = await readPrivateKey(read(`${name}.enc`), 'encrypted-pkcs8', 'key pass');
    expect(facts).toMatchObject({
      algorithm: 'EC',
      curve: 'P-256',
      encrypted: true,
      format: 'encrypted-pkcs8',
    });
    expect(facts.publicKeyId).toBe(idOf('p256.pem.crt'));

    encrypt('rsa.pem', `${name}.utf8.enc`, 'Schlüssel€', ...options, '-iter', '100');
    const rsa = await readPrivateKey(read(`${name}.utf8.enc`), 'encrypted-pkcs8', 'Schlüssel€');
    expect(rsa.publicKeyId).toBe(idOf('rsa.pem.crt'));

    const wrong = await readPrivateKey(read(`${name}.enc`), 'encrypted-pkcs8', 'key Pass').catch(
      (error: unknown) => error,
    );
    expect(wrong).toBeInstanceOf(PrivateKeyPasswordError);
    expect(wrong).toMatchObject({
      reason: 'wrong-password',
      message: 'The password for this private key is wrong.',
    });
    await expect(readPrivateKey(read(`${name}.enc`), 'encrypted-pkcs8')).rejects.toMatchObject({
      reason: 'password-required',
    });
  });

  it('an empty password opens a key encrypted with the empty password', async () => {
    encrypt('ed25519.pem', 'empty.enc', '', '-v2', 'aes-256-cbc');
    expect((await readPrivateKey(read('empty.enc'), 'encrypted-pkcs8')).publicKeyId).toBe(
      idOf('ed25519.pem.crt'),
    );
    expect((await readPrivateKey(read('empty.enc'), 'encrypted-pkcs8', '')).algorithm).toBe('Ed25519');
  });

  it('scrypt is reported as unsupported, not as a wrong password', async () => {
    encrypt(
      'p256.pem',
      'scrypt.enc',
      'x',
      '-scrypt',
      '-scrypt_N',
      '1024',
      '-scrypt_r',
      '8',
      '-scrypt_p',
      '1',
    );
    await expect(readPrivateKey(read('scrypt.enc'), 'encrypted-pkcs8', 'x')).rejects.toMatchObject({
      name: 'DerError',
      code: 'unsupported',
    });
  });

  it('error messages never carry key material', async () => {
    const bytes = read('aes-256.enc').slice();
    bytes[bytes.length - 20] ^= 1;
    const error = (await readPrivateKey(bytes, 'encrypted-pkcs8', 'key pass').catch(
      (caught: unknown) => caught,
    )) as Error;
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).not.toMatch(/[0-9a-f]{32}/);
  });
});
