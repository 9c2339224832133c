/**
 * A client certificate is opened by OpenSSL (`createSecureContext`), which runs whatever
 * key-derivation iteration counts the file names — 16.7 million in a PKCS#12 blocked the process
 * for 20 s, a billion would take minutes. So nothing password-protected reaches OpenSSL unchecked:
 *
 * - a PKCS#12 is opened by the core's reader first, which checks every count against the core's
 *   caps as it reads the parameters (before running any) and runs the rest within its work
 *   budget; only a file it read whole, password included, goes on to OpenSSL;
 * - an encrypted PEM private key is refused outright: there is no password to give with one, and
 *   OpenSSL would still run its iterations trying an empty password (8.4 million took 9.6 s).
 */
import { DerError } from '../../../src-core/asn1/der';
import { Pkcs12PasswordError, readPkcs12 } from '../../../src-core/pkcs/pkcs12';
import { cryptoLimits } from '../../../src-core/pkcs/limits';
import type { ProbeRequest } from '../../../src-core/tls/types';
import { ProbeError } from './errors';

export async function checkClientCertificateLimits(client: ProbeRequest['clientCertificate']): Promise<void> {
  if (!client) return;
  if ('pkcs12' in client) return checkPkcs12(client.pkcs12, client.password);
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,\s*ENCRYPTED/.test(client.privateKeyPem)) {
    throw new ProbeError(
      'client-certificate',
      'the client private key is encrypted, and a PEM key takes no password here: give it unencrypted, or the certificate and key as a PKCS#12 file with its password',
    );
  }
}

async function checkPkcs12(pkcs12: Uint8Array, password: string): Promise<void> {
  try {
    await readPkcs12(pkcs12, password);
  } catch (error) {
    if (error instanceof Pkcs12PasswordError) {
      throw new ProbeError(
        'client-certificate',
        password === ''
          ? 'the PKCS#12 file is protected by a password, and none was given'
          : error.reason === 'wrong-password'
            ? 'the PKCS#12 file could not be opened: the password is wrong'
            : 'the PKCS#12 file is protected by a password: give it',
      );
    }
    if (error instanceof DerError && (error.code === 'too-large' || error.code === 'too-many')) {
      throw new ProbeError(
        'client-certificate',
        `the PKCS#12 file was refused before anything ran its key derivation: ${error.message}. ` +
          `Certscope allows ${cryptoLimits.maxIterations.toLocaleString('en-US')} iterations per step ` +
          `(real files use 2,000 to 600,000); export the certificate again with the usual settings`,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProbeError('client-certificate', `the PKCS#12 file could not be read (${reason})`);
  }
}
