/**
 * Named curves we can say something about, and point decompression for the NIST prime curves
 * (all three have p ≡ 3 mod 4, so a square root is one modular power), so a compressed public key
 * gets the same canonical id (the uncompressed point) as an uncompressed one.
 */

export interface CurveInfo {
  name: string;
  /** Name WebCrypto knows it by, if any. */
  webCrypto?: 'P-256' | 'P-384' | 'P-521';
  bits: number;
  /** Field size in bytes. */
  size: number;
  p?: bigint;
  b?: bigint;
}

export const curves: Record<string, CurveInfo> = {
  '1.2.840.10045.3.1.7': {
    name: 'P-256',
    webCrypto: 'P-256',
    bits: 256,
    size: 32,
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  },
  '1.3.132.0.34': {
    name: 'P-384',
    webCrypto: 'P-384',
    bits: 384,
    size: 48,
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  },
  '1.3.132.0.35': {
    name: 'P-521',
    webCrypto: 'P-521',
    bits: 521,
    size: 66,
    p: (1n << 521n) - 1n,
    b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
  },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256, size: 32 },
};

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  base %= modulus;
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
    exponent >>= 1n;
  }
  return result;
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

export function bigIntToBytes(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** The uncompressed point (04 || x || y) for an encoded point, or undefined if we can't. */
export function uncompressedPoint(curve: CurveInfo, point: Uint8Array): Uint8Array | undefined {
  if (point[0] === 0x04 && point.length === 1 + 2 * curve.size) return point;
  if ((point[0] !== 0x02 && point[0] !== 0x03) || point.length !== 1 + curve.size || !curve.p || !curve.b)
    return undefined;
  const { p, b } = curve;
  const x = bytesToBigInt(point.subarray(1));
  if (x >= p) return undefined;
  const rhs = (((x * x * x - 3n * x + b) % p) + p) % p;
  let y = modPow(rhs, (p + 1n) / 4n, p);
  if ((y * y) % p !== rhs) return undefined;
  if (Number(y & 1n) !== (point[0] & 1)) y = p - y;
  const out = new Uint8Array(1 + 2 * curve.size);
  out[0] = 0x04;
  out.set(point.subarray(1), 1);
  out.set(bigIntToBytes(y, curve.size), 1 + curve.size);
  return out;
}
