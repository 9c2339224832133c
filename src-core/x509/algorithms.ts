/** AlgorithmIdentifier, signature algorithms (with RSA-PSS parameters) and public-key summaries. */
import {
  childrenOf,
  DerError,
  expectTag,
  readBitString,
  readOid,
  readSmallInteger,
  readTlv,
  universalTags,
  type Tlv,
} from '../asn1/der';
import type { PublicKeySummary, SignatureAlgorithm } from './model';
import { curveNames, hashAlgorithms, keyAlgorithms, signatureAlgorithms } from './oids';

export interface AlgorithmIdentifier {
  oid: string;
  /** The parameters' TLV, when present (absent and NULL differ for RSA/ECDSA rules). */
  parameters?: Tlv;
}

export function readAlgorithmIdentifier(bytes: Uint8Array, tlv: Tlv): AlgorithmIdentifier {
  // No destructuring or spreads in this file's readers: every certificate runs them several
  // times, and both cost an iterator or a copy until (and a large graph when) they are optimized.
  expectTag(tlv, universalTags.sequence, 'algorithm identifier', tlv.start);
  const parts = childrenOf(bytes, tlv);
  const identifier: AlgorithmIdentifier = {
    oid: readOid(bytes, expectTag(parts[0], universalTags.oid, 'algorithm', tlv.start)),
  };
  if (parts[1]) identifier.parameters = parts[1];
  return identifier;
}

export function readSignatureAlgorithm(bytes: Uint8Array, tlv: Tlv): SignatureAlgorithm {
  const identifier = readAlgorithmIdentifier(bytes, tlv);
  const oid = identifier.oid;
  const parameters = identifier.parameters;
  const known = signatureAlgorithms[oid];
  const algorithm: SignatureAlgorithm = { oid };
  if (known) algorithm.name = known.name;
  if (known?.hash) algorithm.hash = known.hash;
  if (oid === '1.2.840.113549.1.1.10') {
    // Bad parameters don't hide the certificate: the algorithm says so, and no signature checks out.
    try {
      const pss = readPssParameters(bytes, parameters);
      algorithm.pss = pss;
      algorithm.hash = pss.hash;
    } catch (error) {
      algorithm.problem = `RSA-PSS parameters are malformed (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  return algorithm;
}

/** RSASSA-PSS-params (RFC 4055): every field has a SHA-1 default. */
function readPssParameters(
  bytes: Uint8Array,
  parameters: Tlv | undefined,
): NonNullable<SignatureAlgorithm['pss']> {
  const pss = { hash: 'SHA-1', mgfHash: 'SHA-1', saltLength: 20, trailerField: 1 };
  if (!parameters) return pss;
  expectTag(parameters, universalTags.sequence, 'RSA-PSS parameters', parameters.start);
  for (const field of childrenOf(bytes, parameters)) {
    const inner = readTlv(bytes, field.contentStart, field.contentEnd);
    if (field.tag === 0xa0) pss.hash = hashName(readAlgorithmIdentifier(bytes, inner).oid);
    else if (field.tag === 0xa1) {
      const mgf = readAlgorithmIdentifier(bytes, inner);
      if (mgf.parameters) pss.mgfHash = hashName(readAlgorithmIdentifier(bytes, mgf.parameters).oid);
    } else if (field.tag === 0xa2) pss.saltLength = readSmallInteger(bytes, inner);
    else if (field.tag === 0xa3) pss.trailerField = readSmallInteger(bytes, inner);
    else throw new DerError('unknown field in RSA-PSS parameters', field.start);
  }
  return pss;
}

function hashName(oid: string): string {
  return hashAlgorithms[oid] ?? oid;
}

export interface PublicKeyInfo {
  summary: PublicKeySummary;
  /** The key's AlgorithmIdentifier exactly as encoded (a view): rules name its exact bytes. */
  algorithm: Uint8Array;
  /** The subjectPublicKey BIT STRING's contents (a view): what key ids and OCSP hash. */
  keyBits: Uint8Array;
  /** The algorithm's parameters, DER (a view), when present: DSA domain parameters, EC curve. */
  parameters?: Uint8Array;
  /**
   * The key's public value, unsigned (a view): RSA modulus, DSA y, the EC point, the Ed25519/Ed448
   * key — what tells two keys apart (a private key is matched to its certificate by it).
   */
  publicValue?: Uint8Array;
}

/** SubjectPublicKeyInfo → algorithm, size, exponent or curve. */
export function summarizePublicKey(bytes: Uint8Array, spki: Tlv): PublicKeySummary {
  return readPublicKeyInfo(bytes, spki).summary;
}

/** SubjectPublicKeyInfo → its summary, key bits and parameters. */
export function readPublicKeyInfo(bytes: Uint8Array, spki: Tlv): PublicKeyInfo {
  expectTag(spki, universalTags.sequence, 'subject public key info', spki.start);
  const parts = childrenOf(bytes, spki);
  const algorithm = expectTag(parts[0], universalTags.sequence, 'key algorithm', spki.start);
  const identifier = readAlgorithmIdentifier(bytes, algorithm);
  const parameters = identifier.parameters;
  const key = readBitString(
    bytes,
    expectTag(parts[1], universalTags.bitString, 'public key', spki.start),
  ).data;
  const summarized = summarizeKey(bytes, identifier.oid, parameters, key);
  const info: PublicKeyInfo = {
    summary: summarized.summary,
    algorithm: bytes.subarray(algorithm.start, algorithm.end),
    keyBits: key,
  };
  if (summarized.publicValue) info.publicValue = summarized.publicValue;
  if (parameters) info.parameters = bytes.subarray(parameters.start, parameters.end);
  return info;
}

function summarizeKey(
  bytes: Uint8Array,
  oid: string,
  parameters: Tlv | undefined,
  key: Uint8Array,
): { summary: PublicKeySummary; publicValue?: Uint8Array } {
  const algorithm = (keyAlgorithms[oid] ?? 'unknown') as PublicKeySummary['algorithm'];
  switch (algorithm) {
    case 'RSA': {
      const rsa = readTlv(key, 0);
      const [modulus, exponent] = childrenOf(
        key,
        expectTag(rsa, universalTags.sequence, 'RSA public key', 0),
      );
      expectTag(modulus, universalTags.integer, 'RSA modulus', 0);
      expectTag(exponent, universalTags.integer, 'RSA exponent', 0);
      const exponentLength = exponent.contentEnd - exponent.contentStart;
      const modulusBytes = key.subarray(modulus.contentStart, modulus.contentEnd);
      return {
        summary: {
          algorithm,
          bits: unsignedBits(modulusBytes),
          ...(exponentLength <= 6
            ? { exponent: unsignedNumber(key.subarray(exponent.contentStart, exponent.contentEnd)) }
            : {}),
          oid,
        },
        publicValue: withoutLeadingZeros(modulusBytes),
      };
    }
    case 'EC': {
      if (parameters?.tag === universalTags.oid) {
        const curveOid = readOid(bytes, parameters);
        const curve = curveNames[curveOid];
        const summary: PublicKeySummary = curve
          ? { algorithm, curve: curve.name, bits: curve.bits, oid }
          : { algorithm, curve: curveOid, oid };
        return { summary, publicValue: key };
      }
      return { summary: { algorithm, curve: 'explicit parameters', oid }, publicValue: key };
    }
    case 'Ed25519':
    case 'X25519':
      return { summary: { algorithm, bits: 256, oid }, publicValue: key };
    case 'Ed448':
      return { summary: { algorithm, bits: 456, oid }, publicValue: key };
    case 'X448':
      return { summary: { algorithm, bits: 448, oid }, publicValue: key };
    case 'DSA': {
      const publicValue = dsaPublicValue(key);
      const [prime] = parameters?.tag === universalTags.sequence ? childrenOf(bytes, parameters) : [];
      return {
        summary: prime
          ? { algorithm, bits: unsignedBits(bytes.subarray(prime.contentStart, prime.contentEnd)), oid }
          : { algorithm, oid },
        ...(publicValue ? { publicValue } : {}),
      };
    }
    default:
      return { summary: { algorithm: 'unknown', oid } };
  }
}

/** DSA's y, an INTEGER in the key bits (undefined when it isn't one: the key is still shown). */
function dsaPublicValue(key: Uint8Array): Uint8Array | undefined {
  try {
    const y = expectTag(readTlv(key, 0), universalTags.integer, 'DSA public key', 0);
    return y.end === key.length ? withoutLeadingZeros(key.subarray(y.contentStart, y.contentEnd)) : undefined;
  } catch {
    return undefined;
  }
}

function withoutLeadingZeros(data: Uint8Array): Uint8Array {
  let start = 0;
  while (start < data.length - 1 && data[start] === 0) start++;
  return data.subarray(start);
}

function unsignedBits(data: Uint8Array): number {
  let start = 0;
  while (start < data.length && data[start] === 0) start++;
  if (start === data.length) return 0;
  return (data.length - start) * 8 - (Math.clz32(data[start]) - 24);
}

function unsignedNumber(data: Uint8Array): number {
  let value = 0;
  for (const byte of data) value = value * 256 + byte;
  return value;
}
