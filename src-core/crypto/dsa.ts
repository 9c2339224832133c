/**
 * DSA signature verification (FIPS 186-4 §4.7) in pure TypeScript with BigInt: WebCrypto has no
 * DSA. Verification only, on public data, so constant time doesn't matter here. A DSA key may
 * leave out its domain parameters and inherit them from its issuer (RFC 3279 §2.3.2, RFC 5280
 * §6.1.4 f); `inheritedDsaParameters` works them out along a path.
 */
import { childrenOf, content, expectTag, readTlv, readWhole, universalTags } from '../asn1/der';
import { toArrayBuffer } from '../bytes/buffers';

export interface DsaDomain {
  p: bigint;
  q: bigint;
  g: bigint;
}

/** DSA signature algorithms by the WebCrypto hash they use (dsa-with-SHA224 has none there). */
export const dsaSignatureHashes: Record<string, string | undefined> = {
  '1.2.840.10040.4.3': 'SHA-1',
  '2.16.840.1.101.3.4.3.1': undefined,
  '2.16.840.1.101.3.4.3.2': 'SHA-256',
  '2.16.840.1.101.3.4.3.3': 'SHA-384',
  '2.16.840.1.101.3.4.3.4': 'SHA-512',
};

function unsigned(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function readIntegers(bytes: Uint8Array, offset: number, end: number, count: number): bigint[] {
  const sequence = expectTag(readTlv(bytes, offset, end), universalTags.sequence, 'DSA structure', offset);
  const parts = childrenOf(bytes, sequence);
  if (parts.length !== count) throw new Error(`expected ${count} integers`);
  return parts.map((part) => {
    expectTag(part, universalTags.integer, 'DSA integer', part.start);
    const data = content(bytes, part);
    if (data.length === 0 || data[0] & 0x80) throw new Error('DSA integers are positive');
    return unsigned(data);
  });
}

/** The public key fields x509 reads from a SubjectPublicKeyInfo. */
export interface PublicKeyFields {
  /** The subjectPublicKey BIT STRING's contents. */
  publicKeyBits: Uint8Array;
  /** The algorithm's parameters (DER), when present. */
  publicKeyParameters?: Uint8Array;
}

/** A DSA key: y (an INTEGER in the key bits), and the Dss-Parms' DER when the key has them (not NULL). */
export function dsaPublicKey(key: PublicKeyFields): { y: bigint; parameters?: Uint8Array } {
  const bits = key.publicKeyBits;
  const y = expectTag(readWhole(bits), universalTags.integer, 'DSA public key', 0);
  const parameters = key.publicKeyParameters;
  return {
    y: unsigned(content(bits, y)),
    ...(parameters?.[0] === universalTags.sequence ? { parameters } : {}),
  };
}

export function readDsaDomain(parameters: Uint8Array): DsaDomain {
  const [p, q, g] = readIntegers(parameters, 0, parameters.length, 3);
  return { p, q, g };
}

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let square = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

/** The inverse of `value` mod a prime `modulus` (extended Euclid). */
export function modInverse(value: bigint, modulus: bigint): bigint {
  let [oldR, r] = [((value % modulus) + modulus) % modulus, modulus];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) throw new Error('not invertible');
  return ((oldS % modulus) + modulus) % modulus;
}

function bitLength(value: bigint): number {
  return value.toString(2).length;
}

/**
 * FIPS 186-4 §4.7: with w = s⁻¹ mod q, u1 = z·w mod q, u2 = r·w mod q, the signature is valid when
 * ((g^u1 · y^u2) mod p) mod q = r, z being the leftmost min(N, outlen) bits of the hash.
 */
export async function verifyDsa(
  domain: DsaDomain,
  y: bigint,
  hash: string,
  message: Uint8Array,
  signatureDer: Uint8Array,
): Promise<boolean> {
  const { p, q, g } = domain;
  let r: bigint;
  let s: bigint;
  try {
    [r, s] = readIntegers(signatureDer, 0, signatureDer.length, 2);
    if (readTlv(signatureDer, 0).end !== signatureDer.length) return false;
  } catch {
    return false;
  }
  if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
  if (p <= 1n || q <= 1n || g <= 1n || g >= p || y <= 1n || y >= p) return false;
  const digest = new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(message)));
  const qBits = bitLength(q);
  let z = unsigned(digest);
  if (digest.length * 8 > qBits) z >>= BigInt(digest.length * 8 - qBits);
  const w = modInverse(s, q);
  const u1 = (z * w) % q;
  const u2 = (r * w) % q;
  const v = ((modPow(g, u1, p) * modPow(y, u2, p)) % p) % q;
  return v === r;
}

/**
 * For each certificate of a path (leaf first, anchor last), the DSA domain parameters its key
 * uses when its own SPKI leaves them out: inherited from the nearest DSA issuer above that has
 * them (RFC 5280 §6.1.4 f). Undefined where nothing is inherited.
 */
export function inheritedDsaParameters(
  chain: ({ key: { algorithm: string } } & PublicKeyFields)[],
): (Uint8Array | undefined)[] {
  const inherited: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(chain.length);
  let working: Uint8Array | undefined;
  for (let index = chain.length - 1; index >= 0; index--) {
    const cert = chain[index];
    if (cert.key.algorithm !== 'DSA') {
      working = undefined;
      continue;
    }
    let own: Uint8Array | undefined;
    try {
      own = dsaPublicKey(cert).parameters;
    } catch {
      own = undefined;
    }
    if (own) working = own;
    else inherited[index] = working;
  }
  return inherited;
}
