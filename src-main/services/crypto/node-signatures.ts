/**
 * Node's own crypto as the verifier's signature engine (the CLI installs it): the same OpenSSL
 * checks as WebCrypto, called synchronously, for about half the CPU per signature and no
 * thread-pool round trip. Keys are made once per issuer certificate and go with it.
 */
import {
  constants,
  createPublicKey,
  hash as oneShotHash,
  verify,
  type JsonWebKey as NodeJsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { SignatureEngine, SignatureRequest } from '../../../src-core/crypto/signature-engine';

const nodeHashes: Record<string, string> = {
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};
/** By SPKI bytes object: a parsed certificate keeps its own, so a key is made once per certificate. */
const keys = new WeakMap<Uint8Array, KeyObject | null>();

function keyFor(request: SignatureRequest): KeyObject | null {
  let key = keys.get(request.spki);
  if (key === undefined) {
    try {
      const form = request.key();
      key =
        'jwk' in form
          ? createPublicKey({ key: form.jwk as NodeJsonWebKey, format: 'jwk' })
          : createPublicKey({ key: Buffer.from(form.spki), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
    keys.set(request.spki, key);
  }
  return key;
}

export const nodeSignatureEngine: SignatureEngine = {
  sha256(bytes) {
    // The one-shot hash: a fifth of createHash's cost for a certificate (no Hash object).
    return oneShotHash('sha256', bytes, 'buffer');
  },
  sha256Hex(bytes) {
    return oneShotHash('sha256', bytes, 'hex');
  },
  verify(request) {
    const key = keyFor(request);
    // A key Node can't make, or a hash it doesn't name: WebCrypto decides.
    if (!key) return undefined;
    const hash = request.hash === undefined ? null : nodeHashes[request.hash];
    if (hash === undefined) return undefined;
    try {
      if (request.algorithm === 'RSA-PSS')
        return verify(
          hash,
          request.data,
          { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: request.saltLength ?? 20 },
          request.signature,
        );
      if (request.algorithm === 'ECDSA')
        return verify(hash, request.data, { key, dsaEncoding: 'der' }, request.signature);
      return verify(hash, request.data, key, request.signature);
    } catch {
      return undefined;
    }
  },
};
