/**
 * Fuzz seeds for the decoder's other inputs — PKCS#7 bundles, CSRs and CRLs — made by the real
 * openssl CLI on first use (nothing with a private key is committed), cached for the process.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { issueFromCa, opensslCa, opensslWorkspace, pkcs7Bundle } from '../test/support/openssl';

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
  const lab = opensslWorkspace('fuzz-seeds');
  const { file, read } = lab;
  const openssl = lab.run;
  try {
    lab.selfSigned('ca', '/O=Fuzz/CN=Fuzz CA');
    issueFromCa(lab, 'leaf', 'ca', '/CN=fuzz.example', {
      days: 5,
      derRequest: true,
      extensions: ['subjectAltName=DNS:fuzz.example,IP:192.0.2.1', 'keyUsage=digitalSignature'],
    });
    pkcs7Bundle(lab, 'bundle.p7c', ['leaf.pem', 'ca.pem'], { der: true });
    const ca = opensslCa(lab, 'ca', { crlNumber: '01' });
    ca.revoke('leaf.pem', 'superseded');
    ca.gencrl('list.crl');
    openssl('crl', '-in', file('list.crl'), '-outform', 'DER', '-out', file('list.crl.der'));
    pkcs7Bundle(lab, 'with-crl.p7c', ['ca.pem'], { der: true, crl: 'list.crl' });
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
    lab.remove();
  }
}
