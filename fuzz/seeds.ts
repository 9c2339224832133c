/**
 * Fuzz seeds for the decoder's other inputs — PKCS#7 bundles, CSRs and CRLs — made by the real
 * openssl CLI on first use (nothing with a private key is committed), cached for the process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfSigned } from '../test/support/openssl';

export interface DecoderSeeds {
  pkcs7: Uint8Array[];
  csrs: Uint8Array[];
  crls: Uint8Array[];
  /** OCSP responses from `openssl ocsp` (good and revoked), with the certificate and issuer they are about. */
  ocsp: { responses: Uint8Array[]; cert: Uint8Array; issuer: Uint8Array };
}

let seeds: DecoderSeeds | undefined;

export function decoderSeeds(): DecoderSeeds {
  if (seeds) return seeds;
  const dir = mkdtempSync(join(tmpdir(), 'certscope-fuzz-seeds-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const read = (name: string) => new Uint8Array(readFileSync(file(name)));
  try {
    selfSigned(file, 'ca', '/O=Fuzz/CN=Fuzz CA');
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      file('leaf.key'),
      '-out',
      file('leaf.csr'),
      '-outform',
      'DER',
      '-subj',
      '/CN=fuzz.example',
      '-addext',
      'subjectAltName=DNS:fuzz.example,IP:192.0.2.1',
      '-addext',
      'keyUsage=digitalSignature',
    );
    openssl(
      'x509',
      '-req',
      '-inform',
      'DER',
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
      '5',
      '-copy_extensions',
      'copy',
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
    writeFileSync(file('index.txt'), '');
    writeFileSync(file('crlnumber'), '01\n');
    writeFileSync(
      file('ca.cnf'),
      `[ca]\ndefault_ca=fuzz\n[fuzz]\ndatabase=${file('index.txt')}\ncrlnumber=${file('crlnumber')}\ndefault_md=sha256\ndefault_crl_days=7\n`,
    );
    const ca = ['-config', file('ca.cnf'), '-keyfile', file('ca.key'), '-cert', file('ca.pem')];
    openssl('ca', ...ca, '-revoke', file('leaf.pem'), '-crl_reason', 'superseded');
    openssl('ca', ...ca, '-gencrl', '-out', file('list.crl'));
    openssl('crl', '-in', file('list.crl'), '-outform', 'DER', '-out', file('list.crl.der'));
    openssl(
      'crl2pkcs7',
      '-in',
      file('list.crl'),
      '-certfile',
      file('ca.pem'),
      '-outform',
      'DER',
      '-out',
      file('with-crl.p7c'),
    );
    const ocsp = (status: string) => {
      writeFileSync(file('ocsp-index.txt'), status);
      openssl(
        'ocsp',
        '-issuer',
        file('ca.pem'),
        '-cert',
        file('leaf.pem'),
        '-no_nonce',
        '-reqout',
        file('req.der'),
      );
      openssl(
        'ocsp',
        '-index',
        file('ocsp-index.txt'),
        '-rsigner',
        file('ca.pem'),
        '-rkey',
        file('ca.key'),
        '-CA',
        file('ca.pem'),
        '-reqin',
        file('req.der'),
        '-respout',
        file('resp.der'),
        '-ndays',
        '1',
      );
      return read('resp.der');
    };
    // index.txt now holds the leaf as revoked (R); a good copy of the same line says V.
    const revokedLine = readFileSync(file('index.txt'), 'utf8');
    const goodLine = revokedLine.replace(/^R\t(\S+)\t\S+\t/, 'V\t$1\t\t');
    seeds = {
      ocsp: {
        responses: [ocsp(goodLine), ocsp(revokedLine)],
        cert: new Uint8Array(openssl('x509', '-in', file('leaf.pem'), '-outform', 'DER')),
        issuer: new Uint8Array(openssl('x509', '-in', file('ca.pem'), '-outform', 'DER')),
      },
      pkcs7: [read('bundle.p7c'), read('with-crl.p7c')],
      csrs: [read('leaf.csr')],
      crls: [read('list.crl.der')],
    };
    return seeds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
