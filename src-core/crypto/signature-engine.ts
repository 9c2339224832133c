/**
 * How a signature is checked, beside WebCrypto: an issuer's key read out of its SPKI in the form
 * that imports fastest, and an optional engine a host installs where it has faster crypto than
 * WebCrypto (Node's, in the CLI). Self-contained so the verifier's signature code stays small.
 */
import { bytesToBase64Url } from '../bytes/base64';
import { childrenOf, content, expectTag, readWhole, universalTags } from '../asn1/der';

/** One signature to check, as a host's native crypto takes it. */
export interface SignatureRequest {
  /** The issuer's SPKI, the same bytes object for the same parsed certificate: an engine may key the key it made from it by this object. */
  spki: Uint8Array;
  /** The key as JWK where it reads as one (RSA, EC with an uncompressed point, Ed25519), else its SPKI. */
  key(): { jwk: JsonWebKey } | { spki: Uint8Array };
  algorithm: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA' | 'Ed25519';
  /** 'SHA-1', 'SHA-256', …; none for Ed25519. */
  hash?: string;
  saltLength?: number;
  /** As the signed object carries it (ECDSA: DER). */
  signature: Uint8Array;
  data: Uint8Array;
}

/**
 * A host's own signature checks, where it has faster ones than WebCrypto: in Node, WebCrypto
 * costs about twice the CPU of Node's crypto per check, plus a thread-pool round trip.
 * `undefined` leaves a check to WebCrypto. The page uses WebCrypto only.
 */
export interface SignatureEngine {
  verify(request: SignatureRequest): boolean | undefined;
  /**
   * A synchronous SHA-256, where the host has one: every certificate is named by its digest, and
   * WebCrypto's digest is a thread-pool job (in Node about 0.1 ms of CPU each, against microseconds).
   */
  sha256?(bytes: Uint8Array): Uint8Array;
  /** The same digest as lowercase hex, where the host makes that string itself (no hex loop here). */
  sha256Hex?(bytes: Uint8Array): string;
}

let engine: SignatureEngine | undefined;

/** Installs (or, with no argument, removes) the host's signature engine. */
export function useSignatureEngine(next?: SignatureEngine): void {
  engine = next;
}

export function signatureEngine(): SignatureEngine | undefined {
  return engine;
}

export interface KeyFacts {
  spki: Uint8Array;
  algorithm: string;
  curve?: string;
}

/**
 * The key without its SubjectPublicKeyInfo wrapping: RSA as JWK (n, e), EC and Ed25519 as the
 * raw point. Importing an SPKI goes through OpenSSL 3's decoders (0.2–0.3 ms a key here); the
 * bare key imports in a fraction of that, and every chain never seen before brings new keys.
 * Anything but the exact expected structure gives undefined: the SPKI import judges it then.
 */
export function bareKey({
  spki,
  algorithm,
  curve,
}: KeyFacts): { format: 'jwk'; data: JsonWebKey } | { format: 'raw'; data: Uint8Array } | undefined {
  try {
    const parts = childrenOf(spki, expectTag(readWhole(spki), universalTags.sequence, 'SPKI', 0));
    if (parts.length !== 2 || parts[1].tag !== universalTags.bitString) return undefined;
    const bits = content(spki, parts[1]);
    if (bits[0] !== 0) return undefined;
    const key = bits.subarray(1);
    if (algorithm === 'RSA') {
      const integers = childrenOf(key, expectTag(readWhole(key), universalTags.sequence, 'RSA key', 0));
      if (integers.length !== 2 || !integers.every((part) => part.tag === universalTags.integer))
        return undefined;
      const [n, e] = integers.map((part) => unsigned(content(key, part)));
      if (!n || !e) return undefined;
      return { format: 'jwk', data: { kty: 'RSA', n: bytesToBase64Url(n), e: bytesToBase64Url(e) } };
    }
    if ((algorithm === 'EC' && /^P-/.test(curve ?? '')) || algorithm === 'Ed25519')
      return { format: 'raw', data: key };
  } catch {
    // Not the structure expected: the SPKI import decides.
  }
  return undefined;
}

/** The key as JWK for a native engine, else its SPKI. */
export function jwkOrSpki(facts: KeyFacts): { jwk: JsonWebKey } | { spki: Uint8Array } {
  const bare = bareKey(facts);
  if (bare?.format === 'jwk') return { jwk: bare.data };
  if (bare && facts.algorithm === 'Ed25519')
    return { jwk: { kty: 'OKP', crv: 'Ed25519', x: bytesToBase64Url(bare.data) } };
  // An uncompressed point, 04 ‖ x ‖ y, is the JWK's x and y.
  const size = bare ? (bare.data.length - 1) / 2 : 0;
  if (bare && facts.algorithm === 'EC' && bare.data[0] === 4 && Number.isInteger(size) && size > 0)
    return {
      jwk: {
        kty: 'EC',
        crv: facts.curve,
        x: bytesToBase64Url(bare.data.subarray(1, 1 + size)),
        y: bytesToBase64Url(bare.data.subarray(1 + size)),
      },
    };
  return { spki: facts.spki };
}

/** A positive DER INTEGER's magnitude (its leading zero dropped); undefined for a negative or zero one. */
function unsigned(integer: Uint8Array): Uint8Array | undefined {
  if (integer.length === 0 || integer[0] & 0x80) return undefined;
  let start = 0;
  while (start < integer.length - 1 && integer[start] === 0) start++;
  return integer[start] === 0 ? undefined : integer.subarray(start);
}
