/**
 * Password-based encryption schemes found in PKCS#12 files and encrypted PKCS#8 keys:
 * PBES1-PKCS#12 (RFC 7292 appendix C), PKCS#5 PBES1 (RFC 8018 §6.1) and PBES2 with PBKDF2.
 * `readPbe` checks the parameters (structure errors carry file offsets); `decrypt` then derives
 * the key and decrypts, throwing `DecryptionFailed` when the result is garbage (wrong password).
 */
import { cbcDecrypt, DecryptionFailed, type BlockCipher } from './cbc';
import { algorithm, octets, sequence, smallInteger, type Node } from '../asn1/node';
import { tripleDes } from './des';
import { hashes, hmacOids, iteratedDigest, pbkdf2, type HashName } from './hash';
import { cryptoLimits, type WorkBudget } from './limits';
import { kdfPurpose, pkcs12Kdf } from './pkcs12-kdf';
import { rc2 } from './rc2';
import { toArrayBuffer } from '../bytes/buffers';
import { DerError, universalTags } from '../asn1/der';

/** The one password in the two encodings the schemes use. */
export interface PasswordForms {
  /** PKCS#12 KDF form (BMPString with terminator; or zero-length for "no password"). */
  bmp: Uint8Array;
  /** PBES1/PBES2/PBMAC1 form. */
  utf8: Uint8Array;
}

export interface PbeScheme {
  /** E.g. 'PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC' or 'pbeWithSHAAnd40BitRC2-CBC'. */
  description: string;
  decrypt(data: Uint8Array, password: PasswordForms, budget: WorkBudget): Promise<Uint8Array>;
}

type CipherKind = { kind: '3des'; keyLength: 8 | 16 | 24 } | { kind: 'rc2'; keyLength: number; bits: number };

const pkcs12Schemes: Record<string, { name: string; cipher?: CipherKind }> = {
  '1.2.840.113549.1.12.1.1': { name: 'pbeWithSHAAnd128BitRC4' },
  '1.2.840.113549.1.12.1.2': { name: 'pbeWithSHAAnd40BitRC4' },
  '1.2.840.113549.1.12.1.3': {
    name: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
    cipher: { kind: '3des', keyLength: 24 },
  },
  '1.2.840.113549.1.12.1.4': {
    name: 'pbeWithSHAAnd2-KeyTripleDES-CBC',
    cipher: { kind: '3des', keyLength: 16 },
  },
  '1.2.840.113549.1.12.1.5': {
    name: 'pbeWithSHAAnd128BitRC2-CBC',
    cipher: { kind: 'rc2', keyLength: 16, bits: 128 },
  },
  '1.2.840.113549.1.12.1.6': {
    name: 'pbeWithSHAAnd40BitRC2-CBC',
    cipher: { kind: 'rc2', keyLength: 5, bits: 40 },
  },
};

const pkcs5Schemes: Record<string, { name: string; hash?: HashName; cipher?: CipherKind }> = {
  '1.2.840.113549.1.5.1': { name: 'pbeWithMD2AndDES-CBC' },
  '1.2.840.113549.1.5.4': { name: 'pbeWithMD2AndRC2-CBC' },
  '1.2.840.113549.1.5.3': {
    name: 'pbeWithMD5AndDES-CBC',
    hash: 'MD5',
    cipher: { kind: '3des', keyLength: 8 },
  },
  '1.2.840.113549.1.5.6': {
    name: 'pbeWithMD5AndRC2-CBC',
    hash: 'MD5',
    cipher: { kind: 'rc2', keyLength: 8, bits: 64 },
  },
  '1.2.840.113549.1.5.10': {
    name: 'pbeWithSHA1AndDES-CBC',
    hash: 'SHA-1',
    cipher: { kind: '3des', keyLength: 8 },
  },
  '1.2.840.113549.1.5.11': {
    name: 'pbeWithSHA1AndRC2-CBC',
    hash: 'SHA-1',
    cipher: { kind: 'rc2', keyLength: 8, bits: 64 },
  },
};

const oidPbes2 = '1.2.840.113549.1.5.13';
const oidPbkdf2 = '1.2.840.113549.1.5.12';
const oidScrypt = '1.3.6.1.4.1.11591.4.11';

const aesSchemes: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'AES-128-CBC', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'AES-192-CBC', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'AES-256-CBC', keyLength: 32 },
};

export function isPbeAlgorithm(oid: string): boolean {
  return oid in pkcs12Schemes || oid in pkcs5Schemes || oid === oidPbes2;
}

function checkIterations(node: Node, what: string): number {
  const iterations = smallInteger(node, what, cryptoLimits.maxIterations);
  if (iterations < 1) node.fail(`${what} is 0`);
  return iterations;
}

function salt(node: Node, what: string): Uint8Array {
  const value = octets(node, what);
  if (value.length > cryptoLimits.maxSaltBytes)
    node.fail(`${what} is ${value.length} bytes (limit ${cryptoLimits.maxSaltBytes})`, 'too-large');
  return value;
}

function makeCipher(cipher: CipherKind, key: Uint8Array): BlockCipher {
  return cipher.kind === '3des' ? tripleDes(key) : rc2(key, cipher.bits);
}

function unsupported(node: Node, message: string): never {
  throw new DerError(message, node.offset, 'unsupported');
}

/** Reads an encryption AlgorithmIdentifier (the element itself). */
export function readPbe(node: Node): PbeScheme {
  const { oid, params } = algorithm(node, 'encryption algorithm');
  const pkcs12 = pkcs12Schemes[oid];
  if (pkcs12) {
    if (!pkcs12.cipher) unsupported(node, `${pkcs12.name} (RC4) encryption is not supported`);
    return pkcs12Pbe(pkcs12.name, pkcs12.cipher, requireParams(node, params));
  }
  const pkcs5 = pkcs5Schemes[oid];
  if (pkcs5) {
    if (!pkcs5.cipher || !pkcs5.hash) unsupported(node, `${pkcs5.name} (MD2) encryption is not supported`);
    return pkcs5Pbes1(pkcs5.name, pkcs5.hash, pkcs5.cipher, requireParams(node, params));
  }
  if (oid === oidPbes2) return pbes2(requireParams(node, params));
  return unsupported(node, `encryption algorithm ${oid} is not supported`);
}

function requireParams(node: Node, params: Node | undefined): Node {
  if (!params) node.fail('encryption parameters are missing');
  return params;
}

function pkcs12Pbe(name: string, cipher: CipherKind, params: Node): PbeScheme {
  const [saltNode, iterationNode] = sequence(params, `${name} parameters`, 2, 2);
  const saltValue = salt(saltNode, 'salt');
  const iterations = checkIterations(iterationNode, 'iteration count');
  return {
    description: name,
    async decrypt(data, password, budget) {
      const key = pkcs12Kdf(
        'SHA-1',
        password.bmp,
        saltValue,
        iterations,
        kdfPurpose.key,
        cipher.keyLength,
        budget,
      );
      const iv = pkcs12Kdf('SHA-1', password.bmp, saltValue, iterations, kdfPurpose.iv, 8, budget);
      try {
        return cbcDecrypt(makeCipher(cipher, key), iv, data);
      } finally {
        key.fill(0);
        iv.fill(0);
      }
    },
  };
}

function pkcs5Pbes1(name: string, hash: HashName, cipher: CipherKind, params: Node): PbeScheme {
  const [saltNode, iterationNode] = sequence(params, `${name} parameters`, 2, 2);
  const saltValue = salt(saltNode, 'salt');
  const iterations = checkIterations(iterationNode, 'iteration count');
  return {
    description: name,
    async decrypt(data, password, budget) {
      // PBKDF1: T = H^c(P || S); key = T[0..8], IV = T[8..16].
      budget.spend(iterations * hashes[hash].cost, name);
      const input = new Uint8Array(password.utf8.length + saltValue.length);
      input.set(password.utf8);
      input.set(saltValue, password.utf8.length);
      const t = iteratedDigest(hash, input, iterations);
      input.fill(0);
      try {
        return cbcDecrypt(makeCipher(cipher, t.subarray(0, 8)), t.slice(8, 16), data);
      } finally {
        t.fill(0);
      }
    },
  };
}

function pbes2(params: Node): PbeScheme {
  const [kdfNode, schemeNode] = sequence(params, 'PBES2 parameters', 2, 2);
  const kdf = algorithm(kdfNode, 'PBES2 key derivation');
  if (kdf.oid === oidScrypt) unsupported(kdfNode, 'PBES2 with scrypt key derivation is not supported');
  if (kdf.oid !== oidPbkdf2) unsupported(kdfNode, `PBES2 key derivation ${kdf.oid} is not supported`);
  const pbkdf2Params = readPbkdf2Params(requireParams(kdfNode, kdf.params));
  const scheme = algorithm(schemeNode, 'PBES2 encryption scheme');
  const schemeParams = requireParams(schemeNode, scheme.params);
  const kdfName = `PBKDF2-HMAC-${pbkdf2Params.prf.replace('-', '')}`;

  const aes = aesSchemes[scheme.oid];
  if (aes) {
    const iv = octets(schemeParams, 'AES IV');
    if (iv.length !== 16) schemeParams.fail(`AES IV is ${iv.length} bytes, not 16`);
    const keyLength = checkKeyLength(pbkdf2Params.keyLength, aes.keyLength, schemeNode);
    return {
      description: `PBES2 ${kdfName} ${aes.name}`,
      async decrypt(data, password, budget) {
        const key = await derive(pbkdf2Params, password, keyLength, budget);
        try {
          return await aesCbcDecrypt(key, iv, data, aes.name, schemeNode);
        } finally {
          key.fill(0);
        }
      },
    };
  }
  let cipher: CipherKind;
  let iv: Uint8Array;
  let name: string;
  if (scheme.oid === '1.2.840.113549.3.7') {
    cipher = { kind: '3des', keyLength: 24 };
    iv = octets(schemeParams, 'DES-EDE3-CBC IV');
    name = 'DES-EDE3-CBC';
  } else if (scheme.oid === '1.3.14.3.2.7') {
    cipher = { kind: '3des', keyLength: 8 };
    iv = octets(schemeParams, 'DES-CBC IV');
    name = 'DES-CBC';
  } else if (scheme.oid === '1.2.840.113549.3.2') {
    const rc2Params = readRc2Params(schemeParams);
    iv = rc2Params.iv;
    const keyLength = pbkdf2Params.keyLength ?? Math.ceil(rc2Params.bits / 8);
    if (keyLength < 1 || keyLength > 128) schemeNode.fail(`RC2 key length ${keyLength} is out of range`);
    cipher = { kind: 'rc2', keyLength, bits: rc2Params.bits };
    name = `RC2-CBC (${rc2Params.bits}-bit)`;
  } else {
    return unsupported(schemeNode, `PBES2 encryption scheme ${scheme.oid} is not supported`);
  }
  if (iv.length !== 8) schemeParams.fail(`${name} IV is ${iv.length} bytes, not 8`);
  const keyLength =
    cipher.kind === '3des'
      ? checkKeyLength(pbkdf2Params.keyLength, cipher.keyLength, schemeNode)
      : cipher.keyLength;
  const chosen = cipher;
  return {
    description: `PBES2 ${kdfName} ${name}`,
    async decrypt(data, password, budget) {
      const key = await derive(pbkdf2Params, password, keyLength, budget);
      try {
        return cbcDecrypt(makeCipher(chosen, key), iv, data);
      } finally {
        key.fill(0);
      }
    },
  };
}

function checkKeyLength(stated: number | undefined, required: number, node: Node): number {
  if (stated !== undefined && stated !== required)
    node.fail(`key length ${stated} does not fit the cipher (${required} bytes)`);
  return required;
}

export interface Pbkdf2Params {
  salt: Uint8Array;
  iterations: number;
  keyLength?: number;
  prf: HashName;
}

export function readPbkdf2Params(node: Node): Pbkdf2Params {
  const fields = sequence(node, 'PBKDF2 parameters', 2, 4);
  if (fields[0].tag !== universalTags.octetString && fields[0].tag !== 0x24) {
    fields[0].fail('PBKDF2 with a non-literal salt source is not supported', 'unsupported');
  }
  const result: Pbkdf2Params = {
    salt: salt(fields[0], 'PBKDF2 salt'),
    iterations: checkIterations(fields[1], 'PBKDF2 iteration count'),
    prf: 'SHA-1',
  };
  let next = 2;
  if (fields[next]?.tag === universalTags.integer) {
    result.keyLength = smallInteger(fields[next], 'PBKDF2 key length', 1024);
    next++;
  }
  if (fields[next]) {
    const prf = algorithm(fields[next], 'PBKDF2 PRF');
    const hash = hmacOids[prf.oid];
    if (!hash || hash === 'MD5') unsupported(fields[next], `PBKDF2 PRF ${prf.oid} is not supported`);
    result.prf = hash;
    next++;
  }
  if (next !== fields.length) fields[next].fail('unexpected field in PBKDF2 parameters');
  return result;
}

export async function derive(
  params: Pbkdf2Params,
  password: PasswordForms,
  length: number,
  budget: WorkBudget,
): Promise<Uint8Array> {
  const blocks = Math.ceil(length / hashes[params.prf].outputLength);
  budget.spend(params.iterations * blocks * hashes[params.prf].cost, 'PBKDF2');
  return pbkdf2(params.prf, password.utf8, params.salt, params.iterations, length);
}

function readRc2Params(node: Node): { iv: Uint8Array; bits: number } {
  if (node.tag === universalTags.octetString) return { iv: node.value, bits: 32 };
  const fields = sequence(node, 'RC2-CBC parameters', 1, 2);
  let bits = 32;
  if (fields.length === 2) {
    const version = smallInteger(fields[0], 'RC2 parameter version', 1024);
    const known: Record<number, number> = { 160: 40, 120: 64, 58: 128 };
    bits = known[version] ?? version;
    if (!known[version] && version < 256) fields[0].fail(`RC2 parameter version ${version} is not defined`);
  }
  return { iv: octets(fields[fields.length - 1], 'RC2 IV'), bits };
}

async function aesCbcDecrypt(
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  name: string,
  node: Node,
): Promise<Uint8Array> {
  if (data.length === 0 || data.length % 16) throw new DecryptionFailed('ciphertext is not whole AES blocks');
  let cryptoKey: CryptoKey;
  const keyBuffer = toArrayBuffer(key);
  try {
    cryptoKey = await crypto.subtle.importKey('raw', keyBuffer, 'AES-CBC', false, ['decrypt']);
  } catch {
    unsupported(node, `${name} is not available in this environment's WebCrypto`);
  } finally {
    new Uint8Array(keyBuffer).fill(0);
  }
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-CBC', iv: toArrayBuffer(iv) }, cryptoKey, toArrayBuffer(data)),
    );
  } catch {
    // WebCrypto reports bad padding as an OperationError: almost always a wrong password.
    throw new DecryptionFailed('bad padding after AES decryption');
  }
}
