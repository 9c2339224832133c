/**
 * OCSP responses for the lab, made by the real `openssl ocsp` (request, then a response from an
 * index file signed by the issuer), for stapling tests with `openssl s_server -status_file`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabCert } from '../../src-main/services/lab';

export type OcspIndexStatus = 'good' | 'revoked';

/**
 * What the index needs of a certificate. A `LabCert` is one; a responder started before the
 * certificates that name its URL exist takes the serials they will be issued with.
 */
export type OcspIndexCert = Pick<LabCert, 'serial' | 'notAfter' | 'subject'>;

/** openssl's `YYMMDDHHMMSSZ`. */
function opensslTime(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;
}

/** One line of an `openssl ca`-style index.txt, which `openssl ocsp -index` answers from. */
export function ocspIndexLine(certificate: OcspIndexCert, status: OcspIndexStatus, revokedAt?: Date): string {
  const serial = certificate.serial.toString(16).toUpperCase().padStart(2, '0');
  const revocation = status === 'revoked' ? opensslTime(revokedAt ?? new Date(Date.now() - 3600_000)) : '';
  return `${status === 'revoked' ? 'R' : 'V'}\t${opensslTime(certificate.notAfter)}\t${revocation}\t${serial.length % 2 ? '0' + serial : serial}\tunknown\t/CN=${certificate.subject}\n`;
}

/** A temporary folder with the PEM files `openssl ocsp` needs; `remove()` when done. */
export function ocspWorkDir(files: Record<string, string>): {
  file: (name: string) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'certscope-ocsp-'));
  const file = (name: string) => join(dir, name);
  for (const [name, content] of Object.entries(files))
    writeFileSync(file(name), content, name.endsWith('.key') ? { mode: 0o600 } : {});
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface OcspSigning {
  /** The CA whose certificates are answered for. */
  issuer: LabCert;
  /** Signs the responses: the issuer (default), a delegated responder, or a wrong key for tests. */
  signer?: LabCert;
  entries: { cert: OcspIndexCert; status: OcspIndexStatus; revokedAt?: Date }[];
  /** nextUpdate = thisUpdate + this many days (default 7). */
  validDays?: number;
}

/**
 * The files and `openssl ocsp` arguments that answer as `signing` says; the caller adds how the
 * request arrives (-reqin or -port). Remove the work folder when done.
 */
export function ocspResponderArgs(signing: OcspSigning): {
  args: string[];
  work: ReturnType<typeof ocspWorkDir>;
} {
  const signer = signing.signer ?? signing.issuer;
  const work = ocspWorkDir({
    'issuer.pem': signing.issuer.pem,
    'signer.pem': signer.pem,
    'signer.key': signer.key.pkcs8Pem,
    'index.txt': signing.entries
      .map((entry) => ocspIndexLine(entry.cert, entry.status, entry.revokedAt))
      .join(''),
  });
  const { file } = work;
  return {
    work,
    args: [
      'ocsp',
      '-index',
      file('index.txt'),
      '-rsigner',
      file('signer.pem'),
      '-rkey',
      file('signer.key'),
      '-CA',
      file('issuer.pem'),
      '-ndays',
      String(signing.validDays ?? 7),
    ],
  };
}

/** The response the real `openssl ocsp` gives to `request` (DER), as `signing` says. */
export function answerOcspRequest(request: Uint8Array, signing: OcspSigning): Uint8Array {
  const { args, work } = ocspResponderArgs(signing);
  try {
    writeFileSync(work.file('request.der'), request);
    execFileSync(
      'openssl',
      [...args, '-reqin', work.file('request.der'), '-respout', work.file('response.der')],
      {
        stdio: 'pipe',
      },
    );
    return new Uint8Array(readFileSync(work.file('response.der')));
  } finally {
    work.remove();
  }
}

/** A response for `certificate` to a request without nonce, made with openssl end to end. */
export function createOcspResponse(
  certificate: LabCert,
  issuer: LabCert,
  status: OcspIndexStatus = 'good',
): Uint8Array {
  const work = ocspWorkDir({ 'cert.pem': certificate.pem, 'issuer.pem': issuer.pem });
  try {
    execFileSync(
      'openssl',
      [
        'ocsp',
        '-issuer',
        work.file('issuer.pem'),
        '-cert',
        work.file('cert.pem'),
        '-reqout',
        work.file('request.der'),
        '-no_nonce',
      ],
      { stdio: 'pipe' },
    );
    const request = new Uint8Array(readFileSync(work.file('request.der')));
    return answerOcspRequest(request, { issuer, entries: [{ cert: certificate, status }] });
  } finally {
    work.remove();
  }
}
