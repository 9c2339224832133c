/**
 * A temp folder to make test inputs in with the real openssl CLI (no keys committed): run any
 * openssl command there, read what it wrote, and mint the self-signed certificates most tests
 * start from.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
