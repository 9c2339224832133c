/** Fingerprints and pins, computed in the page with WebCrypto. */
import { bytesToBase64 } from '../../../src-core/bytes/base64';
import { colonHex } from '../../../src-core/x509/format';

export async function digestHex(algorithm: 'SHA-1' | 'SHA-256', bytes: Uint8Array): Promise<string> {
  return colonHex(new Uint8Array(await crypto.subtle.digest(algorithm, bytes.slice())));
}

/** HPKP-style pin: base64 of the SHA-256 of the SubjectPublicKeyInfo. */
export async function spkiPin(spki: Uint8Array): Promise<string> {
  return bytesToBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', spki.slice())));
}
