/**
 * Every input kind the decoder reads, made by the real openssl CLI at test time: PEM (CRLF, prose,
 * BOM, TRUSTED CERTIFICATE), DER, bare base64, PKCS#7 (PEM and DER), CSR and CRL; keys are noted
 * and dropped; limits hold.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeInput, decodeLimits } from '../../../src-core/decode';

const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

describe('decoding files made by openssl', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  const read = (name: string) => new Uint8Array(readFileSync(file(name)));
  const decode = (name: string, bytes = read(name)) => decodeInput({ name, bytes });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'certscope-decode-'));
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
      '-subj',
      '/O=Decode Lab/CN=Decode Root',
      '-days',
      '30',
    );
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      file('leaf.key'),
      '-out',
      file('leaf.csr'),
      '-subj',
      '/CN=leaf.decode.test',
      '-addext',
      'subjectAltName=DNS:leaf.decode.test',
    );
    openssl(
      'x509',
      '-req',
      '-in',
      file('leaf.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file('leaf.pem'),
      '-days',
      '10',
      '-copy_extensions',
      'copy',
    );
    openssl('x509', '-in', file('leaf.pem'), '-outform', 'DER', '-out', file('leaf.der'));
    openssl(
      'crl2pkcs7',
      '-nocrl',
      '-certfile',
      file('leaf.pem'),
      '-certfile',
      file('ca.pem'),
      '-out',
      file('bundle.p7b'),
    );
    openssl(
      'crl2pkcs7',
      '-nocrl',
      '-certfile',
      file('leaf.pem'),
      '-certfile',
      file('ca.pem'),
      '-outform',
      'DER',
      '-out',
      file('bundle.p7c'),
    );
    openssl('req', '-in', file('leaf.csr'), '-outform', 'DER', '-out', file('leaf.csr.der'));
    openssl(
      'x509',
      '-in',
      file('ca.pem'),
      '-addtrust',
      'serverAuth',
      '-trustout',
      '-out',
      file('trusted.pem'),
    );
    writeFileSync(file('index.txt'), '');
    writeFileSync(
      file('crl.cnf'),
      `[ca]\ndefault_ca=lab\n[lab]\ndatabase=${file('index.txt')}\ndefault_md=sha256\ndefault_crl_days=7\n`,
    );
    openssl(
      'ca',
      '-config',
      file('crl.cnf'),
      '-gencrl',
      '-keyfile',
      file('ca.key'),
      '-cert',
      file('ca.pem'),
      '-out',
      file('lab.crl'),
    );
  });

  it('PEM with CRLF, prose between blocks and a BOM', async () => {
    const text = `\uFEFFHere is your chain:\r\n${readFileSync(file('leaf.pem'), 'utf8').replace(/\n/g, '\r\n')}\r\nand the root:\r\n${readFileSync(file('ca.pem'), 'utf8')}`;
    const result = await decode('chain.pem', new TextEncoder().encode(text));
    expect(result.errors).toEqual([]);
    expect(result.items.map((item) => item.subjectDisplayName)).toEqual(['leaf.decode.test', 'Decode Root']);
    expect(result.items[0].subjectAltNames).toEqual(['DNS:leaf.decode.test']);
    expect(result.items[0].publicKey).toMatchObject({ algorithm: 'RSA', bits: 2048 });
    expect(result.items[1].publicKey).toMatchObject({ algorithm: 'EC', curve: 'P-256' });
  });

  it('DER and bare base64 (content sniffed, whatever the name)', async () => {
    const der = await decode('leaf.txt', read('leaf.der'));
    const native = new X509Certificate(readFileSync(file('leaf.der')));
    expect(der.items[0].serialHex.toUpperCase()).toBe(native.serialNumber);
    const base64 = Buffer.from(read('leaf.der'))
      .toString('base64')
      .replace(/(.{64})/g, '$1\n');
    const bare = await decode('pasted', new TextEncoder().encode(base64));
    expect(bare.items[0].der).toEqual(der.items[0].der);
  });

  it('OpenSSL TRUSTED CERTIFICATE', async () => {
    const result = await decode('trusted.pem');
    expect(result.items.map((item) => item.subjectDisplayName)).toEqual(['Decode Root']);
  });

  it('PKCS#7 certs-only, PEM and DER', async () => {
    for (const name of ['bundle.p7b', 'bundle.p7c']) {
      const result = await decode(name);
      expect(result.errors, name).toEqual([]);
      expect(result.items.map((item) => item.subjectDisplayName).sort(), name).toEqual([
        'Decode Root',
        'leaf.decode.test',
      ]);
    }
  });

  it('CSR (PEM and DER) and CRL', async () => {
    for (const name of ['leaf.csr', 'leaf.csr.der']) {
      const result = await decode(name);
      expect(result.others, name).toEqual([
        expect.objectContaining({ kind: 'csr', subjectDisplayName: 'leaf.decode.test' }),
      ]);
    }
    const crl = await decode('lab.crl');
    expect(crl.others).toEqual([
      expect.objectContaining({ kind: 'crl', issuerDisplayName: 'Decode Root', revokedCount: 0 }),
    ]);
  });

  it('a private key is noted and dropped, never kept', async () => {
    const result = await decode('leaf.key');
    expect(result.items).toEqual([]);
    expect(result.others).toEqual([
      { kind: 'key', note: expect.stringContaining('never stores private keys') },
    ]);
    expect(JSON.stringify(result)).not.toContain(readFileSync(file('leaf.key'), 'utf8').split('\n')[1]);
  });

  it('refuses a file over the size limit, and says what is not a certificate', async () => {
    const big = await decodeInput({ name: 'huge.bin', bytes: new Uint8Array(decodeLimits.maxFileBytes + 1) });
    expect(big.errors).toEqual([{ code: 'too-large', message: 'huge.bin is larger than 20 MiB' }]);
    const atLimit = await decodeInput({
      name: 'limit.bin',
      bytes: new Uint8Array(decodeLimits.maxFileBytes),
    });
    expect(atLimit.errors[0].code).not.toBe('too-large');
    const garbage = await decodeInput({ name: 'notes.txt', bytes: new TextEncoder().encode('hello') });
    expect(garbage.errors[0].message).toMatch(/notes\.txt is not a certificate/);
  });
});
