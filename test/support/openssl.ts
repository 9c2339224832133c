/**
 * A temp folder to make test inputs in with the real openssl CLI (no keys committed): run any
 * openssl command there, read what it wrote, and mint the self-signed certificates most tests
 * start from.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OpensslWorkspace {
  dir: string;
  file(name: string): string;
  run(...args: string[]): Buffer;
  read(name: string): Uint8Array;
  /** `<name>.key` and `<name>.pem`: a self-signed certificate for `subject` (`/CN=…`). */
  selfSigned(name: string, subject: string, options?: SelfSignedOptions): void;
  remove(): void;
}

export interface SelfSignedOptions {
  key?: 'ec' | 'rsa';
  days?: number;
  extra?: string[];
}

/** `<name>.key` and `<name>.pem` in the folder `file` points into. */
export function selfSigned(
  file: (name: string) => string,
  name: string,
  subject: string,
  options: SelfSignedOptions = {},
): void {
  const key = options.key === 'rsa' ? ['rsa:2048'] : ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      ...key,
      '-nodes',
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.pem`),
      '-subj',
      subject,
      '-days',
      String(options.days ?? 30),
      ...(options.extra ?? []),
    ],
    { stdio: 'pipe' },
  );
}

export function opensslWorkspace(prefix: string): OpensslWorkspace {
  const dir = mkdtempSync(join(tmpdir(), `certscope-${prefix}-`));
  const file = (name: string) => join(dir, name);
  const run = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  return {
    dir,
    file,
    run,
    read: (name) => new Uint8Array(readFileSync(file(name))),
    selfSigned: (name, subject, options) => selfSigned(file, name, subject, options),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface IssueOptions {
  days?: number;
  /** `-addext` arguments for the request; the CA copies them into the certificate. */
  extensions?: string[];
  /** Keep the request as DER (`<name>.csr`); PEM otherwise. */
  derRequest?: boolean;
}

/**
 * `<name>.key` (RSA 2048), the request `<name>.csr` and `<name>.pem`: a certificate for `subject`
 * signed by `<ca>.pem`/`<ca>.key`, carrying the extensions the request asked for.
 */
export function issueFromCa(
  lab: Pick<OpensslWorkspace, 'file' | 'run'>,
  name: string,
  ca: string,
  subject: string,
  options: IssueOptions = {},
): void {
  const { file, run } = lab;
  const extensions = (options.extensions ?? []).flatMap((extension) => ['-addext', extension]);
  const requestForm = options.derRequest ? ['-outform', 'DER'] : [];
  run(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    file(`${name}.key`),
    '-out',
    file(`${name}.csr`),
    ...requestForm,
    '-subj',
    subject,
    ...extensions,
  );
  run(
    'x509',
    '-req',
    ...(options.derRequest ? ['-inform', 'DER'] : []),
    '-in',
    file(`${name}.csr`),
    '-CA',
    file(`${ca}.pem`),
    '-CAkey',
    file(`${ca}.key`),
    '-CAcreateserial',
    '-out',
    file(`${name}.pem`),
    '-days',
    String(options.days ?? 10),
    '-copy_extensions',
    'copy',
  );
}

/** A PKCS#7 certs-only bundle (`openssl crl2pkcs7`) of PEM files, with a CRL when given. */
export function pkcs7Bundle(
  lab: Pick<OpensslWorkspace, 'file' | 'run'>,
  out: string,
  certificates: string[],
  options: { der?: boolean; crl?: string } = {},
): void {
  lab.run(
    'crl2pkcs7',
    ...(options.crl ? ['-in', lab.file(options.crl)] : ['-nocrl']),
    ...certificates.flatMap((name) => ['-certfile', lab.file(name)]),
    ...(options.der ? ['-outform', 'DER'] : []),
    '-out',
    lab.file(out),
  );
}

/**
 * A minimal `openssl ca` database in the folder for the CA `<ca>.pem`/`<ca>.key` (which may be a
 * leaf signing for itself): revoke certificates, then write CRLs that list them.
 */
export function opensslCa(
  lab: Pick<OpensslWorkspace, 'file' | 'run'>,
  ca: string,
  options: { crlDays?: number; crlNumber?: string } = {},
): { revoke(certificate: string, reason: string): void; gencrl(out: string): void } {
  const { file, run } = lab;
  writeFileSync(file('index.txt'), '');
  if (options.crlNumber) writeFileSync(file('crlnumber'), `${options.crlNumber}\n`);
  writeFileSync(
    file('ca.cnf'),
    `[ca]\ndefault_ca=lab\n[lab]\ndatabase=${file('index.txt')}\n${options.crlNumber ? `crlnumber=${file('crlnumber')}\n` : ''}default_md=sha256\ndefault_crl_days=${options.crlDays ?? 7}\n`,
  );
  const signer = ['-config', file('ca.cnf'), '-keyfile', file(`${ca}.key`), '-cert', file(`${ca}.pem`)];
  return {
    revoke: (certificate, reason) =>
      void run('ca', ...signer, '-revoke', file(certificate), '-crl_reason', reason),
    gencrl: (out) => void run('ca', ...signer, '-gencrl', '-out', file(out)),
  };
}

/**
 * Ways a private key's secret (the RSA private exponent) could show up in text: hex, and base64
 * at each of the three byte alignments. The public parts (the modulus) may rightly appear.
 */
export function rsaSecretTraces(keyFile: string): string[] {
  const text = execFileSync('openssl', ['rsa', '-in', keyFile, '-noout', '-text'], {
    stdio: 'pipe',
  }).toString();
  const hex = text.split('privateExponent:')[1].split('prime1')[0].replace(/[\s:]/g, '').replace(/^00/, '');
  const secret = Buffer.from(hex, 'hex').subarray(0, 48);
  return [
    secret.toString('hex').slice(0, 40),
    ...[0, 1, 2].map((shift) => secret.subarray(shift, shift + 30).toString('base64')),
  ];
}
