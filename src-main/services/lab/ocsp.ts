/**
 * OCSP responses for the lab, made by the real `openssl ocsp` (request, then a response from an
 * index file signed by the issuer), for stapling tests with `openssl s_server -status_file`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabCert } from './certs';

export function createOcspResponse(
  certificate: LabCert,
  issuer: LabCert,
  status: 'good' | 'revoked' = 'good',
): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'certscope-ocsp-'));
  try {
    const file = (name: string) => join(dir, name);
    writeFileSync(file('cert.pem'), certificate.pem);
    writeFileSync(file('issuer.pem'), issuer.pem);
    writeFileSync(file('issuer.key'), issuer.key.pkcs8Pem, { mode: 0o600 });
    const expiry = certificate.notAfter.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
    const serial = certificate.serial.toString(16).toUpperCase().padStart(2, '0');
    const revocation =
      status === 'revoked'
        ? `${new Date(Date.now() - 3600_000).toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`
        : '';
    writeFileSync(
      file('index.txt'),
      `${status === 'revoked' ? 'R' : 'V'}\t${expiry}\t${revocation}\t${serial.length % 2 ? '0' + serial : serial}\tunknown\t/CN=${certificate.subject}\n`,
    );
    execFileSync(
      'openssl',
      [
        'ocsp',
        '-issuer',
        file('issuer.pem'),
        '-cert',
        file('cert.pem'),
        '-reqout',
        file('request.der'),
        '-no_nonce',
      ],
      { stdio: 'pipe' },
    );
    execFileSync(
      'openssl',
      [
        'ocsp',
        '-index',
        file('index.txt'),
        '-rsigner',
        file('issuer.pem'),
        '-rkey',
        file('issuer.key'),
        '-CA',
        file('issuer.pem'),
        '-reqin',
        file('request.der'),
        '-respout',
        file('response.der'),
        '-ndays',
        '7',
      ],
      { stdio: 'pipe' },
    );
    return new Uint8Array(readFileSync(file('response.der')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
