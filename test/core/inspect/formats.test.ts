/**
 * Every input kind the decoder reads, made by the real openssl CLI at test time: PEM (CRLF, prose,
 * BOM, TRUSTED CERTIFICATE), DER, bare base64, PKCS#7 (PEM and DER), CSR and CRL; keys are noted
 * and dropped; limits hold.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src-core/inspect/decode-input';
import { decodeLimits } from '../../../src-core/inspect/decode-limits';
import {
  issueFromCa,
  opensslCa,
  opensslWorkspace,
  pkcs7Bundle,
  rsaSecretTraces,
  type OpensslWorkspace,
} from '../../support/openssl';

describe('decoding files made by openssl', () => {
  let lab: OpensslWorkspace;
  const file = (name: string) => lab.file(name);
  const read = (name: string) => lab.read(name);
  const openssl = (...args: string[]) => lab.run(...args);
  const decode = (name: string, bytes = read(name)) => decodeInput({ name, bytes });

  beforeAll(() => {
    lab = opensslWorkspace('decode');
    lab.selfSigned('ca', '/O=Decode Lab/CN=Decode Root');
    issueFromCa(lab, 'leaf', 'ca', '/CN=leaf.decode.test', {
      extensions: ['subjectAltName=DNS:leaf.decode.test'],
    });
    openssl('x509', '-in', file('leaf.pem'), '-outform', 'DER', '-out', file('leaf.der'));
    pkcs7Bundle(lab, 'bundle.p7b', ['leaf.pem', 'ca.pem']);
    pkcs7Bundle(lab, 'bundle.p7c', ['leaf.pem', 'ca.pem'], { der: true });
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
    const ca = opensslCa(lab, 'ca', { crlNumber: '1000' });
    ca.gencrl('lab.crl');
    ca.revoke('leaf.pem', 'keyCompromise');
    ca.gencrl('revoked.crl');
    openssl('pkey', '-in', file('leaf.key'), '-out', file('leaf.pkcs1.key'), '-traditional');
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file('other.key'));
  });
  afterAll(() => lab.remove());

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
    // Ours is the DER two's complement (a leading 00 when the top bit is set); native prints it unsigned.
    expect(BigInt(`0x${der.items[0].serialHex}`)).toBe(BigInt(`0x${native.serialNumber}`));
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

  it('CSR (PEM and DER): subject, key, requested extensions, signature checked', async () => {
    for (const name of ['leaf.csr', 'leaf.csr.der']) {
      const result = await decode(name);
      expect(result.errors, name).toEqual([]);
      expect(result.others, name).toEqual([
        expect.objectContaining({ kind: 'csr', subjectDisplayName: 'leaf.decode.test', signature: 'valid' }),
      ]);
      const [csr] = result.others;
      if (csr.kind !== 'csr') throw new Error('not a CSR');
      expect(csr.publicKey).toMatchObject({ algorithm: 'RSA', bits: 2048, exponent: 65537 });
      expect(csr.extensions.map((extension) => extension.oid)).toEqual(['2.5.29.17']);
    }
    // One changed byte in the subject: the request no longer matches its signature.
    const tampered = read('leaf.csr.der');
    const at = Buffer.from(tampered).indexOf('leaf.decode.test');
    tampered[at] = 'x'.charCodeAt(0);
    const result = await decode('tampered.der', tampered);
    expect(result.others).toEqual([
      expect.objectContaining({ kind: 'csr', signature: 'invalid', subjectDisplayName: 'xeaf.decode.test' }),
    ]);
  });

  it('CRLs: issuer, dates, number and every entry with its reason', async () => {
    const crl = await decode('lab.crl');
    expect(crl.others).toEqual([
      expect.objectContaining({
        kind: 'crl',
        issuerDisplayName: 'Decode Root',
        revokedCount: 0,
        crlNumber: '1000',
      }),
    ]);
    const revoked = await decode('revoked.crl');
    const [list] = revoked.others;
    if (list.kind !== 'crl') throw new Error('not a CRL');
    const leaf = new X509Certificate(readFileSync(file('leaf.pem')));
    expect(list.crlNumber).toBe('1001');
    expect(list.entries).toEqual([
      {
        serialHex: expect.any(String),
        revocationDate: expect.any(Date),
        reason: 'keyCompromise',
        // The entry's extensions as read, for the CRL view.
        extensions: [expect.objectContaining({ oid: '2.5.29.21', critical: false })],
      },
    ]);
    expect(BigInt(`0x${list.entries[0].serialHex}`)).toBe(BigInt(`0x${leaf.serialNumber}`));
    const text = openssl('crl', '-in', file('revoked.crl'), '-noout', '-nextupdate').toString();
    expect(list.nextUpdate?.getTime()).toBe(new Date(text.split('=')[1].trim()).getTime());
  });

  it('a private key says which certificate it belongs to, and its material is never kept', async () => {
    const keyPem = readFileSync(file('leaf.key'), 'utf8');
    const bundle = `${readFileSync(file('ca.pem'), 'utf8')}${readFileSync(file('leaf.pem'), 'utf8')}${keyPem}${readFileSync(file('other.key'), 'utf8')}`;
    const result = await decode('bundle.pem', new TextEncoder().encode(bundle));
    expect(result.errors).toEqual([]);
    const keys = result.others.filter((other) => other.kind === 'key');
    expect(keys).toEqual([
      expect.objectContaining({
        algorithm: 'RSA',
        bits: 2048,
        format: 'pkcs8',
        matches: { sha256: result.items[1].fingerprints.sha256, subject: 'CN=leaf.decode.test' },
      }),
      expect.objectContaining({ algorithm: 'EC', curve: 'P-256', format: 'sec1' }),
    ]);
    expect(keys[1]).not.toHaveProperty('matches');
    const pkcs1 = await decode('leaf.pkcs1.key');
    expect(pkcs1.others).toEqual([
      expect.objectContaining({ kind: 'key', format: 'pkcs1', algorithm: 'RSA' }),
    ]);
    // The private exponent survives nowhere in the result, in hex or base64 (the modulus may: it is public).
    const serialised = JSON.stringify(result, (_key, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
    );
    for (const trace of rsaSecretTraces(file('leaf.key'))) {
      expect(serialised).not.toContain(trace);
      expect(serialised.toLowerCase()).not.toContain(trace.toLowerCase());
    }
  });

  it('refuses a file over the size limit, and says what is not a certificate', async () => {
    const big = await decodeInput({ name: 'huge.bin', bytes: new Uint8Array(decodeLimits.maxFileBytes + 1) });
    expect(big.errors).toEqual([
      {
        code: 'too-large',
        message: 'huge.bin is larger than 20 MiB, the most Certscope reads from one file',
      },
    ]);
    const atLimit = await decodeInput({
      name: 'limit.bin',
      bytes: new Uint8Array(decodeLimits.maxFileBytes),
    });
    expect(atLimit.errors[0].code).not.toBe('too-large');
    const garbage = await decodeInput({ name: 'notes.txt', bytes: new TextEncoder().encode('hello') });
    expect(garbage.errors[0].message).toMatch(/notes\.txt is not a certificate/);
  });
});
