/**
 * Fuzz seeds for the PKCS#12 and private-key readers, made with the openssl CLI on first use (no
 * private keys committed) with iteration count 1 so each case is cheap, and the checks the fuzz
 * properties run: a result or one of the readers' typed errors, nothing else.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pkcs12PasswordError, readPkcs12 } from '../../../src-core/pkcs/pkcs12';
import { PrivateKeyPasswordError, readPrivateKey } from '../../../src-core/pkcs/private-key';
import { selfSigned } from '../../support/openssl';
import { DerError } from '../../../src-core/asn1/der';

export const fuzzPassword = 'fuzz';

export interface Pkcs12FuzzSeeds {
  pkcs12: Uint8Array[];
  encryptedKeys: Uint8Array[];
}

let seeds: Pkcs12FuzzSeeds | undefined;

export function pkcs12FuzzSeeds(): Pkcs12FuzzSeeds {
  if (seeds) return seeds;
  const dir = mkdtempSync(join(tmpdir(), 'certscope-p12-fuzz-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const legacy = ['-provider', 'legacy', '-provider', 'default'];
  try {
    selfSigned(file, 'fuzz', '/CN=Fuzz');
    const p12 = (name: string, ...options: string[]) => {
      openssl(
        'pkcs12',
        '-export',
        '-in',
        file('fuzz.pem'),
        '-inkey',
        file('fuzz.key'),
        '-name',
        'fuzz',
        '-passout',
        `pass:${fuzzPassword}`,
        '-iter',
        '1',
        ...options,
        '-out',
        file(name),
      );
      return new Uint8Array(readFileSync(file(name)));
    };
    const key = (name: string, ...options: string[]) => {
      openssl(
        'pkcs8',
        '-topk8',
        '-in',
        file('fuzz.key'),
        '-outform',
        'DER',
        '-passout',
        `pass:${fuzzPassword}`,
        '-iter',
        '1',
        ...options,
        '-out',
        file(name),
      );
      return new Uint8Array(readFileSync(file(name)));
    };
    seeds = {
      pkcs12: [
        p12('default.p12'),
        p12('legacy.p12', '-legacy'),
        p12('nomac.p12', '-nomac'),
        p12('legacy-nomac.p12', '-legacy', '-nomac'),
        p12('plain.p12', '-certpbe', 'NONE', '-keypbe', 'NONE', '-nomac'),
        p12('key-only.p12', '-certpbe', 'NONE', '-nomac'),
      ],
      encryptedKeys: [
        key('aes.p8', '-v2', 'aes-256-cbc'),
        key('3des.p8', '-v1', 'PBE-SHA1-3DES'),
        key('rc2.p8', '-v1', 'PBE-SHA1-RC2-40', ...legacy),
      ],
    };
    return seeds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function checkPkcs12(bytes: Uint8Array): Promise<void> {
  try {
    const contents = await readPkcs12(bytes, fuzzPassword);
    if (!Array.isArray(contents.certificates) || !Array.isArray(contents.keys))
      throw new Error('readPkcs12 returned no result');
  } catch (error) {
    if (!(error instanceof DerError || error instanceof Pkcs12PasswordError)) throw error;
  }
}

export async function checkEncryptedKey(bytes: Uint8Array): Promise<void> {
  try {
    await readPrivateKey(bytes, 'encrypted-pkcs8', fuzzPassword);
  } catch (error) {
    if (!(error instanceof DerError || error instanceof PrivateKeyPasswordError)) throw error;
  }
}
