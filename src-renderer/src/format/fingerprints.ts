/** Fingerprints and pins, computed in the page with WebCrypto. */
import { bytesToBase64 } from '../../../src-core/bytes/base64';

export async function digestHex(algorithm: 'SHA-1' | 'SHA-256', bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest(algorithm, bytes.slice()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

/** HPKP-style pin: base64 of the SHA-256 of the SubjectPublicKeyInfo. */
export async function spkiPin(spki: Uint8Array): Promise<string> {
  return bytesToBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', spki.slice())));
}
