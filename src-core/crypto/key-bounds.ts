/**
 * Key sizes the verifier will do arithmetic with. Verifying a signature costs roughly the cube of
 * the modulus size (and DSA also scales with its subgroup): a 32,768-bit DSA key took 22 s of CPU
 * here, a hostile server needs to send only one such certificate. So before any arithmetic,
 * parameters beyond what any real client accepts are refused — measured from the DER lengths
 * alone, without turning them into numbers.
 *
 * The numbers: DSA p at most 3,072 bits and q at most 256 bits are the largest (L, N) pair of FIPS
 * 186-4 §4.2 (also the most OpenSSL, Go and Java generate); RSA at most 16,384 bits is OpenSSL's
 * and BoringSSL's ceiling for RSA verification (OPENSSL_RSA_MAX_MODULUS_BITS, kMaxModulusBits).
 */
import {
  childrenOf,
  content,
  expectTag,
  readBitString,
  readTlv,
  readWhole,
  universalTags,
} from '../asn1/der';

export const keyLimits = { maxDsaPBits: 3072, maxDsaQBits: 256, maxRsaBits: 16_384 };

/** Bits of a DER INTEGER's magnitude, from its content bytes. */
function integerBits(bytes: Uint8Array): number {
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  if (start === bytes.length) return 0;
  return (bytes.length - start) * 8 - (Math.clz32(bytes[start]) - 24);
}

/** p and q sizes of Dss-Parms { p, q, g } (DER of the SEQUENCE). */
function dsaParameterBits(parameters: Uint8Array): { p: number; q: number } {
  const [p, q] = childrenOf(
    parameters,
    expectTag(readWhole(parameters), universalTags.sequence, 'DSA parameters', 0),
  );
  return {
    p: integerBits(content(parameters, expectTag(p, universalTags.integer, 'DSA p', 0))),
    q: integerBits(content(parameters, expectTag(q, universalTags.integer, 'DSA q', 0))),
  };
}

/** The Dss-Parms a DSA SPKI carries (not NULL or absent), as DER. */
function ownDsaParameters(spki: Uint8Array): Uint8Array | undefined {
  const [algorithm] = childrenOf(spki, readWhole(spki));
  const [, parameters] = childrenOf(spki, algorithm);
  return parameters?.tag === universalTags.sequence
    ? spki.subarray(parameters.start, parameters.end)
    : undefined;
}

/**
 * Why this key is too large to verify with, or undefined when it is within the limits (or not a
 * kind this bounds). `inheritedDsaParameters`: the domain a DSA key without its own takes from above.
 */
export function oversizedKey(
  key: { spki: Uint8Array; key: { algorithm: string; bits?: number } },
  inheritedDsaParameters?: Uint8Array,
): string | undefined {
  try {
    if (key.key.algorithm === 'RSA') {
      const bits = key.key.bits ?? rsaModulusBits(key.spki);
      return bits > keyLimits.maxRsaBits
        ? `RSA ${bits.toLocaleString('en-US')} bits (Certscope checks at most ${keyLimits.maxRsaBits.toLocaleString('en-US')})`
        : undefined;
    }
    if (key.key.algorithm === 'DSA') {
      const parameters = ownDsaParameters(key.spki) ?? inheritedDsaParameters;
      if (!parameters) return undefined;
      const { p, q } = dsaParameterBits(parameters);
      if (p > keyLimits.maxDsaPBits)
        return `DSA prime p of ${p.toLocaleString('en-US')} bits (Certscope checks at most ${keyLimits.maxDsaPBits.toLocaleString('en-US')})`;
      if (q > keyLimits.maxDsaQBits)
        return `DSA subgroup q of ${q.toLocaleString('en-US')} bits (Certscope checks at most ${keyLimits.maxDsaQBits})`;
    }
  } catch {
    // Unreadable parameters are the signature check's to refuse; nothing is computed with them.
  }
  return undefined;
}

function rsaModulusBits(spki: Uint8Array): number {
  const [, keyBits] = childrenOf(spki, readWhole(spki));
  const key = readBitString(spki, expectTag(keyBits, universalTags.bitString, 'RSA key', 0)).data;
  const [modulus] = childrenOf(key, expectTag(readTlv(key, 0), universalTags.sequence, 'RSA key', 0));
  return integerBits(content(key, modulus));
}
