/**
 * Known-answer tests for the pure-TS primitives: DES (NIST SP 800-17 / FIPS 81 examples), Triple DES
 * (SP 800-67 example), RC2 (RFC 2268 §5), the PKCS#12 KDF (published SHA-1 vectors), the hashes
 * against Node's, and CBC decryption against the openssl CLI.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cbcDecrypt, DecryptionFailed } from '../../../src-core/pkcs/cbc';
import { tripleDes } from '../../../src-core/pkcs/des';
import { digestSync, hmacSync, iteratedDigest, pbkdf2, type HashName } from '../../../src-core/pkcs/hash';
import { WorkBudget } from '../../../src-core/pkcs/limits';
import { bmpPassword, pkcs12Kdf } from '../../../src-core/pkcs/pkcs12-kdf';
import { rc2 } from '../../../src-core/pkcs/rc2';
import { DerError } from '../../../src-core/asn1/der';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const hex = (value: Uint8Array) => Buffer.from(value).toString('hex');

function decryptBlock(cipher: ReturnType<typeof tripleDes> | ReturnType<typeof rc2>, block: string): string {
  const out = new Uint8Array(8);
  cipher.decryptBlock(bytes(block), 0, out, 0);
  return hex(out);
}

describe('DES and Triple DES', () => {
  it.each([
    ['133457799bbcdff1', '0123456789abcdef', '85e813540f0ab405'],
    ['0101010101010101', '8000000000000000', '95f8a5e5dd31d900'],
    ['0101010101010101', '4000000000000000', 'dd7f121ca5015619'],
    ['0101010101010101', '2000000000000000', '2e8653104f3834ea'],
    ['8001010101010101', '0000000000000000', '95a8d72813daa94d'],
    ['4001010101010101', '0000000000000000', '0eec1487dd8c26d5'],
  ])('DES key %s: %s ↔ %s', (key, plaintext, ciphertext) => {
    expect(decryptBlock(tripleDes(bytes(key)), ciphertext)).toBe(plaintext);
    expect(hex(tripleDes(bytes(key)).encryptBlock(bytes(plaintext)))).toBe(ciphertext);
  });

  it('Triple DES (three keys), SP 800-67 example', () => {
    const cipher = tripleDes(bytes('0123456789abcdef 23456789abcdef01 456789abcdef0123'));
    const ciphertext = 'a826fd8ce53b855f cce21c8112256fe6 68d5c05dd9b6b900'.split(' ');
    expect(ciphertext.map((block) => Buffer.from(decryptBlock(cipher, block), 'hex').toString())).toEqual([
      'The qufc',
      'k brown ',
      'fox jump',
    ]);
  });

  it('CBC with padding matches openssl enc for two- and three-key 3DES and single DES', () => {
    const data = randomBytes(77);
    for (const [name, keyLength] of [
      ['des-ede3-cbc', 24],
      ['des-ede-cbc', 16],
      ['des-cbc', 8],
    ] as const) {
      const key = randomBytes(keyLength);
      const iv = randomBytes(8);
      const encrypted = execFileSync(
        'openssl',
        [
          'enc',
          `-${name}`,
          '-K',
          key.toString('hex'),
          '-iv',
          iv.toString('hex'),
          '-provider',
          'legacy',
          '-provider',
          'default',
        ],
        { input: data },
      );
      expect(hex(cbcDecrypt(tripleDes(key), iv, encrypted)), name).toBe(hex(data));
    }
  });

  it('bad padding and partial blocks are DecryptionFailed', () => {
    const key = randomBytes(24);
    expect(() => cbcDecrypt(tripleDes(key), new Uint8Array(8), new Uint8Array(12))).toThrow(DecryptionFailed);
    const encrypted = execFileSync(
      'openssl',
      ['enc', '-des-ede3-cbc', '-K', key.toString('hex'), '-iv', '00'.repeat(8), '-nopad'],
      { input: Buffer.alloc(16, 0x09) },
    );
    expect(() => cbcDecrypt(tripleDes(key), new Uint8Array(8), encrypted)).toThrow(DecryptionFailed);
  });
});

describe('RC2 (RFC 2268 §5 vectors)', () => {
  it.each([
    ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
    ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
    ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
    ['88', 64, '0000000000000000', '61a8a244adacccf0'],
    ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
    ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
    ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
    [
      '88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e',
      129,
      '0000000000000000',
      '5b78d3a43dfff1f1',
    ],
  ])('key %s, %i effective bits', (key, bits, plaintext, ciphertext) => {
    expect(decryptBlock(rc2(bytes(key), bits), ciphertext)).toBe(plaintext);
  });

  it('CBC matches openssl enc -rc2-40-cbc, -rc2-64-cbc and -rc2-cbc', () => {
    const data = randomBytes(100);
    for (const [name, keyLength, bits] of [
      ['rc2-40-cbc', 5, 40],
      ['rc2-64-cbc', 8, 64],
      ['rc2-cbc', 16, 128],
    ] as const) {
      const key = randomBytes(keyLength);
      const iv = randomBytes(8);
      const encrypted = execFileSync(
        'openssl',
        [
          'enc',
          `-${name}`,
          '-K',
          key.toString('hex'),
          '-iv',
          iv.toString('hex'),
          '-provider',
          'legacy',
          '-provider',
          'default',
        ],
        { input: data },
      );
      expect(hex(cbcDecrypt(rc2(key, bits), iv, encrypted)), name).toBe(hex(data));
    }
  });
});

describe('PKCS#12 KDF (RFC 7292 appendix B)', () => {
  const kdf = (password: string, salt: string, iterations: number, id: number, length: number) =>
    hex(
      pkcs12Kdf('SHA-1', bmpPassword(password), bytes(salt), iterations, id, length, new WorkBudget()),
    ).toUpperCase();

  it('matches the published SHA-1 vectors (key, IV and MAC purposes)', () => {
    expect(kdf('smeg', '0A58CF64530D823F', 1, 1, 24)).toBe(
      '8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3',
    );
    expect(kdf('smeg', '0A58CF64530D823F', 1, 2, 8)).toBe('79993DFE048D3B76');
    expect(kdf('smeg', '3D83C0E4546AC140', 1, 3, 20)).toBe('8D967D88F6CAA9D714800AB3D48051D63F73A312');
    expect(kdf('queeg', '05DEC959ACFF72F7', 1000, 1, 24)).toBe(
      'ED2034E36328830FF09DF1E1A07DD357185DAC0D4F9EB3D4',
    );
    expect(kdf('queeg', '05DEC959ACFF72F7', 1000, 2, 8)).toBe('11DEDAD7758D4860');
    expect(kdf('queeg', '263216FCC2FAB31C', 1000, 3, 20)).toBe('5EC4C7A80DF652294C3925B6489A7AB857C83476');
    expect(kdf('queeg', '1682C0FC5B3F7EC5', 1000, 1, 20)).toBe('483DD6E919D7DE2E8E648BA8F862F3FBFBDC2BCB');
  });

  it('BMPString passwords: UTF-16BE with a two-byte terminator', () => {
    expect(hex(bmpPassword(''))).toBe('0000');
    expect(hex(bmpPassword('aé€'))).toBe('006100e920ac0000');
  });

  it('spends from the work budget before hashing, so huge counts fail fast', () => {
    const started = Date.now();
    expect(() =>
      pkcs12Kdf('SHA-512', bmpPassword('x'), bytes('00'), 9_000_000, 1, 64, new WorkBudget()),
    ).toThrow(DerError);
    expect(Date.now() - started).toBeLessThan(1000); // the work itself would take half a minute
  });
});

describe('the hashes PBE and PKCS#12 use (@noble/hashes, WebCrypto) agree with node:crypto', () => {
  const names: [HashName, string][] = [
    ['MD5', 'md5'],
    ['SHA-1', 'sha1'],
    ['SHA-224', 'sha224'],
    ['SHA-256', 'sha256'],
    ['SHA-384', 'sha384'],
    ['SHA-512', 'sha512'],
    ['SHA-512/224', 'sha512-224'],
    ['SHA-512/256', 'sha512-256'],
  ];
  it.each(names)('%s: digest, iterated digest, HMAC and PBKDF2', async (name, node) => {
    for (const length of [0, 1, 55, 56, 63, 64, 111, 112, 127, 128, 129, 1000]) {
      const data = randomBytes(length);
      expect(hex(digestSync(name, data))).toBe(createHash(node).update(data).digest('hex'));
      const key = data.subarray(0, length % 150);
      expect(hex(hmacSync(name, key, data))).toBe(createHmac(node, key).update(data).digest('hex'));
    }
    let chained: Uint8Array = randomBytes(70);
    const start = chained;
    for (let i = 0; i < 5; i++) chained = createHash(node).update(chained).digest();
    expect(hex(iteratedDigest(name, start, 5))).toBe(hex(chained));
    if (name !== 'MD5') {
      const password = new TextEncoder().encode('pässwörd');
      const salt = randomBytes(16);
      expect(hex(await pbkdf2(name, password, salt, 30, 40))).toBe(
        pbkdf2Sync(password, salt, 30, 40, node).toString('hex'),
      );
    }
  });
});
