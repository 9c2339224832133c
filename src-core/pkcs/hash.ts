/**
 * The hashes, HMAC and PBKDF2 that PBE, the PKCS#12 KDF and PKCS#12 MACs need, by name and OID:
 * @noble/hashes computes them (synchronously, every hash old files use — MD5, SHA-224,
 * SHA-512/224…), WebCrypto takes the bulk work where it has the hash (HMAC over a whole
 * authSafe, PBKDF2), since one native call beats thousands of JS rounds.
 */
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { pbkdf2 as noblePbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha224, sha256, sha384, sha512, sha512_224, sha512_256 } from '@noble/hashes/sha2.js';
import { toArrayBuffer } from '../bytes/buffers';
import { hashAlgorithms } from '../x509/oids';

export type HashName =
  'MD5' | 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA-512/224' | 'SHA-512/256';

export interface HashInfo {
  name: HashName;
  /** Output length in bytes. */
  outputLength: number;
  /** Block length in bytes (the PKCS#12 KDF's v). */
  blockLength: number;
  /** Whether WebCrypto implements it (then HMAC and PBKDF2 go native). */
  webCrypto: boolean;
  /** Rough cost of one round relative to SHA-256, in JS (for the work budget). */
  cost: number;
}

export const hashes: Record<HashName, HashInfo> = {
  MD5: { name: 'MD5', outputLength: 16, blockLength: 64, webCrypto: false, cost: 2 },
  'SHA-1': { name: 'SHA-1', outputLength: 20, blockLength: 64, webCrypto: true, cost: 1 },
  'SHA-224': { name: 'SHA-224', outputLength: 28, blockLength: 64, webCrypto: false, cost: 1 },
  'SHA-256': { name: 'SHA-256', outputLength: 32, blockLength: 64, webCrypto: true, cost: 1 },
  'SHA-384': { name: 'SHA-384', outputLength: 48, blockLength: 128, webCrypto: true, cost: 6 },
  'SHA-512': { name: 'SHA-512', outputLength: 64, blockLength: 128, webCrypto: true, cost: 6 },
  'SHA-512/224': { name: 'SHA-512/224', outputLength: 28, blockLength: 128, webCrypto: false, cost: 6 },
  'SHA-512/256': { name: 'SHA-512/256', outputLength: 32, blockLength: 128, webCrypto: false, cost: 6 },
};

const implementations = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-224': sha224,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
  'SHA-512/224': sha512_224,
  'SHA-512/256': sha512_256,
} satisfies Record<HashName, unknown>;

/** Digest OIDs (MacData DigestInfo): the ones of the shared table this module can compute. */
export const digestOids: Record<string, HashName> = Object.fromEntries(
  Object.entries(hashAlgorithms).filter(([, name]) => name in hashes),
) as Record<string, HashName>;

/** HMAC OIDs (PBKDF2 prf, PBMAC1). */
export const hmacOids: Record<string, HashName> = {
  '1.2.840.113549.2.6': 'MD5',
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.8': 'SHA-224',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
  '1.2.840.113549.2.12': 'SHA-512/224',
  '1.2.840.113549.2.13': 'SHA-512/256',
};

/** Synchronous digest, any of the supported hashes. */
export function digestSync(name: HashName, data: Uint8Array): Uint8Array {
  return implementations[name](data);
}

/** H^count(data): digest once, then hash the output `count - 1` more times (PBES1, the PKCS#12 KDF). */
export function iteratedDigest(name: HashName, data: Uint8Array, count: number): Uint8Array {
  const hash = implementations[name];
  let out = hash(data);
  for (let i = 1; i < count; i++) {
    const next = hash(out);
    out.fill(0);
    out = next;
  }
  return out;
}

export function hmacSync(name: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return nobleHmac(implementations[name], key, data);
}

export async function hmac(name: HashName, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  if (!hashes[name].webCrypto || key.length === 0) return hmacSync(name, key, data);
  const keyBuffer = toArrayBuffer(key);
  try {
    const cryptoKey = await crypto.subtle.importKey('raw', keyBuffer, { name: 'HMAC', hash: name }, false, [
      'sign',
    ]);
    return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, toArrayBuffer(data)));
  } finally {
    new Uint8Array(keyBuffer).fill(0);
  }
}

export async function pbkdf2(
  name: HashName,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Promise<Uint8Array> {
  if (!hashes[name].webCrypto)
    return noblePbkdf2(implementations[name], password, salt, { c: iterations, dkLen: length });
  const passwordBuffer = toArrayBuffer(password);
  const key = await crypto.subtle.importKey('raw', passwordBuffer, 'PBKDF2', false, ['deriveBits']);
  new Uint8Array(passwordBuffer).fill(0);
  return new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: name, salt: toArrayBuffer(salt), iterations },
      key,
      length * 8,
    ),
  );
}
