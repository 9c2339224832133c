/**
 * Facts about a private key — algorithm, size, curve and a canonical public-key id to match it
 * with a certificate — from PKCS#8, PKCS#1, SEC1 or encrypted PKCS#8 DER. Key material is never
 * returned, kept, logged or put in an error message; decrypted buffers and wrappers we build are
 * zeroed once the facts are out (best effort: WebCrypto and JS strings such as a JWK's `d` may keep
 * copies we cannot reach).
 */
import { DecryptionFailed } from './cbc';
import { bytesToBigInt, curves, modPow, uncompressedPoint } from './curves';
import {
  algorithm,
  bitString,
  octets,
  oid as readOid,
  parse,
  sequence,
  unsignedInteger,
  type Node,
} from '../asn1/node';
import { PasswordError, type PasswordProblem } from './errors';
import { WorkBudget } from './limits';
import { readPbe, type PasswordForms } from './pbe';
import { bmpPassword, widenedUtf8Password } from './pkcs12-kdf';
import { toHex } from '../bytes/hex';
import { toArrayBuffer } from '../bytes/buffers';
import { DerError, readOid as readOidAt, readWhole, universalTags } from '../asn1/der';
import { readPublicKeyInfo } from '../x509/algorithms';
import { encode, encodeOid } from '../asn1/encode';

export interface PrivateKeyFacts {
  algorithm: 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'unknown';
  bits?: number;
  curve?: string; // 'P-256' | 'P-384' | 'P-521' or the OID
  /** Canonical public-key id (hex): RSA modulus without leading zeros; EC uncompressed point; Ed25519/Ed448 raw key. */
  publicKeyId?: string;
  friendlyName?: string;
  localKeyIdHex?: string;
  encrypted: boolean;
  format: 'pkcs8' | 'pkcs1' | 'sec1' | 'encrypted-pkcs8';
}

/** The key's own facts, without where it came from. */
export type KeyFacts = Pick<PrivateKeyFacts, 'algorithm' | 'bits' | 'curve' | 'publicKeyId'>;

export class PrivateKeyPasswordError extends PasswordError {
  override name = 'PrivateKeyPasswordError';
  constructor(reason: PasswordProblem) {
    super(
      reason,
      reason === 'wrong-password'
        ? 'The password for this private key is wrong.'
        : 'This private key is encrypted: enter its password.',
    );
  }
}

const oids = {
  rsa: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  ec: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  dsa: '1.2.840.10040.4.1',
};

/** Largest DSA modulus we exponentiate for (hostile input must not make BigInt work forever). */
const maxDsaBits = 8192;

export async function readPrivateKey(
  der: Uint8Array,
  format: PrivateKeyFacts['format'],
  password?: string,
): Promise<PrivateKeyFacts> {
  try {
    const top = parse(der, { base: 0, what: 'the key' });
    switch (format) {
      case 'pkcs8':
        return { ...(await pkcs8Facts(top)), encrypted: false, format };
      case 'pkcs1':
        return { ...rsaFacts(top), encrypted: false, format };
      case 'sec1':
        return { ...(await sec1Facts(top)), encrypted: false, format };
      case 'encrypted-pkcs8':
        return { ...(await encryptedPkcs8Facts(top, password)), encrypted: true, format };
    }
    throw new DerError(`unknown private key format ${String(format)}`, undefined, 'unsupported');
  } catch (error) {
    if (error instanceof DerError || error instanceof PasswordError) throw error;
    // Anything else is a bug or a platform quirk; keep the type promise without leaking detail.
    throw new DerError(`could not read the private key (${error instanceof Error ? error.name : 'error'})`);
  }
}

/** The password forms to try, in order: PKCS#12 tools try the empty BMPString and no password at all. */
export function passwordCandidates(password: string | undefined): PasswordForms[] {
  if (!password) {
    return [
      { bmp: new Uint8Array(2), utf8: new Uint8Array(0) },
      { bmp: new Uint8Array(0), utf8: new Uint8Array(0) },
    ];
  }
  const utf8 = new TextEncoder().encode(password);
  const forms: PasswordForms[] = [{ bmp: bmpPassword(password), utf8 }];
  // eslint-disable-next-line no-control-regex -- ASCII test
  if (/[^\x00-\x7f]/.test(password)) forms.push({ bmp: widenedUtf8Password(password), utf8 });
  return forms;
}

export function wipePasswords(forms: PasswordForms[]): void {
  for (const form of forms) {
    form.bmp.fill(0);
    form.utf8.fill(0);
  }
}

/**
 * Decrypts an EncryptedPrivateKeyInfo with one password form and returns the facts; a wrong
 * password surfaces as `DecryptionFailed` (bad padding, or plaintext that isn't a PKCS#8 key).
 */
export async function decryptedPkcs8Facts(
  node: Node,
  password: PasswordForms,
  budget: WorkBudget,
): Promise<{ facts: KeyFacts; description: string }> {
  const [algorithmNode, dataNode] = sequence(node, 'EncryptedPrivateKeyInfo', 2, 2);
  const scheme = readPbe(algorithmNode);
  const data = octets(dataNode, 'encrypted key');
  const plaintext = await scheme.decrypt(data, password, budget);
  try {
    let inner: Node;
    try {
      inner = parse(plaintext, { what: 'the decrypted key' });
      sequence(inner, 'PrivateKeyInfo', 3);
    } catch (error) {
      if (error instanceof DerError) throw new DecryptionFailed('decrypted bytes are not a key');
      throw error;
    }
    return { facts: await pkcs8Facts(inner), description: scheme.description };
  } finally {
    plaintext.fill(0);
  }
}

/** Reads the parameters first so a malformed file says so rather than "wrong password". */
export function encryptionDescription(node: Node): string {
  const [algorithmNode] = sequence(node, 'EncryptedPrivateKeyInfo', 2, 2);
  return readPbe(algorithmNode).description;
}

async function encryptedPkcs8Facts(top: Node, password: string | undefined): Promise<KeyFacts> {
  encryptionDescription(top);
  const candidates = passwordCandidates(password);
  const budget = new WorkBudget();
  try {
    for (const candidate of candidates) {
      try {
        return (await decryptedPkcs8Facts(top, candidate, budget)).facts;
      } catch (error) {
        if (!(error instanceof DecryptionFailed)) throw error;
      }
    }
  } finally {
    wipePasswords(candidates);
  }
  throw new PrivateKeyPasswordError(password ? 'wrong-password' : 'password-required');
}

/** PrivateKeyInfo / OneAsymmetricKey (RFC 5958). */
export async function pkcs8Facts(node: Node): Promise<KeyFacts> {
  const fields = sequence(node, 'PrivateKeyInfo', 3);
  fields[0].expect(universalTags.integer, 'PrivateKeyInfo version');
  const { oid, params } = algorithm(fields[1], 'private key algorithm');
  const privateKey = octets(fields[2], 'private key');
  const publicKeyField = fields.slice(3).find((field) => field.isContext(1) && !field.constructed);
  const inner = () => parse(privateKey, { base: fields[2].valueOffset, what: 'the private key' });

  if (oid === oids.rsa || oid === oids.rsaPss) return rsaFacts(inner());
  if (oid === oids.ec) {
    const curveOid = params?.tag === universalTags.oid ? readOid(params, 'curve') : undefined;
    return ecFacts(inner(), curveOid);
  }
  if (oid === oids.ed25519 || oid === oids.ed448) {
    const name = oid === oids.ed25519 ? 'Ed25519' : 'Ed448';
    const seed = octets(inner(), `${name} private key`);
    if (seed.length !== (name === 'Ed25519' ? 32 : 57))
      fields[2].fail(`${name} private key is ${seed.length} bytes`);
    if (publicKeyField) {
      const raw = publicKeyField.value.subarray(1);
      return { algorithm: name, publicKeyId: toHex(raw) };
    }
    return { algorithm: name, publicKeyId: await edwardsPublicKey(name, oid, seed) };
  }
  if (oid === oids.dsa) return dsaFacts(params, inner());
  return { algorithm: 'unknown' };
}

/** RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, privateExponent, … }. */
function rsaFacts(node: Node): KeyFacts {
  const fields = sequence(node, 'RSAPrivateKey', 3);
  const modulus = unsignedInteger(fields[1], 'RSA modulus');
  return { algorithm: 'RSA', bits: bitLength(modulus), publicKeyId: toHex(modulus) };
}

function bitLength(magnitude: Uint8Array): number {
  if (magnitude.length === 0 || (magnitude.length === 1 && magnitude[0] === 0)) return 0;
  return magnitude.length * 8 - (Math.clz32(magnitude[0]) - 24);
}

/** SEC1 ECPrivateKey on its own: the curve must be in its [0] parameters. */
async function sec1Facts(node: Node): Promise<KeyFacts> {
  return ecFacts(node, undefined);
}

/** ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] ECParameters OPTIONAL, [1] BIT STRING OPTIONAL }. */
async function ecFacts(node: Node, curveFromAlgorithm: string | undefined): Promise<KeyFacts> {
  const fields = sequence(node, 'ECPrivateKey', 2, 4);
  fields[0].expect(universalTags.integer, 'ECPrivateKey version');
  const scalar = octets(fields[1], 'EC private key');
  let curveOid = curveFromAlgorithm;
  let point: Uint8Array | undefined;
  for (const field of fields.slice(2)) {
    if (field.isContext(0) && field.constructed) {
      const [inner] = field.children();
      if (inner?.tag === universalTags.oid) curveOid ??= readOid(inner, 'curve');
    } else if (field.isContext(1) && field.constructed) {
      const [inner] = field.children();
      if (inner) point = bitString(inner, 'EC public key');
    }
  }
  if (!curveOid) return { algorithm: 'EC', curve: 'explicit parameters' };
  const curve = curves[curveOid];
  const facts: KeyFacts = { algorithm: 'EC', curve: curve?.name ?? curveOid, bits: curve?.bits };
  if (!curve) return facts;
  const uncompressed = point && uncompressedPoint(curve, point);
  if (uncompressed) return { ...facts, publicKeyId: toHex(uncompressed) };
  if (!curve.webCrypto || scalar.length === 0 || scalar.length > curve.size + 1) return facts;
  // No usable public key in the file: let WebCrypto compute it from a minimal PKCS#8 wrapper.
  const ecPrivateKey = encode(
    universalTags.sequence,
    Uint8Array.of(0x02, 0x01, 0x01),
    encode(universalTags.octetString, leftPad(scalar, curve.size)),
  );
  const wrapper = pkcs8Wrapper(
    encode(universalTags.sequence, encodeOid(oids.ec), encodeOid(curveOid)),
    ecPrivateKey,
  );
  ecPrivateKey.fill(0);
  const jwk = await exportJwk(wrapper, { name: 'ECDSA', namedCurve: curve.webCrypto });
  if (!jwk?.x || !jwk.y) return facts;
  const x = fromBase64Url(jwk.x);
  const y = fromBase64Url(jwk.y);
  if (!x || !y) return facts;
  const id = new Uint8Array(1 + x.length + y.length);
  id[0] = 4;
  id.set(x, 1);
  id.set(y, 1 + x.length);
  return { ...facts, publicKeyId: toHex(id) };
}

function leftPad(scalar: Uint8Array, size: number): Uint8Array {
  if (scalar.length >= size) return scalar.subarray(scalar.length - size);
  const out = new Uint8Array(size);
  out.set(scalar, size - scalar.length);
  return out;
}

function pkcs8Wrapper(algorithmIdentifier: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return encode(
    universalTags.sequence,
    Uint8Array.of(0x02, 0x01, 0x00),
    algorithmIdentifier,
    encode(universalTags.octetString, privateKey),
  );
}

async function edwardsPublicKey(
  name: 'Ed25519' | 'Ed448',
  oid: string,
  seed: Uint8Array,
): Promise<string | undefined> {
  const wrapper = pkcs8Wrapper(
    encode(universalTags.sequence, encodeOid(oid)),
    encode(universalTags.octetString, seed),
  );
  const jwk = await exportJwk(wrapper, { name });
  const x = jwk?.x ? fromBase64Url(jwk.x) : undefined;
  return x ? toHex(x) : undefined;
}

/** Imports a PKCS#8 wrapper as extractable and exports it as JWK; the wrapper is zeroed. */
async function exportJwk(
  wrapper: Uint8Array,
  importAlgorithm: EcKeyImportParams | Algorithm,
): Promise<JsonWebKey | undefined> {
  const buffer = toArrayBuffer(wrapper);
  wrapper.fill(0);
  try {
    const key = await crypto.subtle.importKey('pkcs8', buffer, importAlgorithm, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', key);
    // `d` is a JS string: it can't be zeroed, only dropped.
    delete jwk.d;
    return jwk;
  } catch {
    return undefined; // this WebCrypto lacks the curve, or the scalar is out of range
  } finally {
    new Uint8Array(buffer).fill(0);
  }
}

function fromBase64Url(text: string): Uint8Array | undefined {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const index = alphabet.indexOf(char);
    if (index < 0) return undefined;
    value = (value << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** DSA: PrivateKeyInfo params are Dss-Parms { p, q, g }; the private key is INTEGER x; y = g^x mod p. */
function dsaFacts(params: Node | undefined, privateKey: Node): KeyFacts {
  if (!params || params.tag !== universalTags.sequence) return { algorithm: 'DSA' };
  const [pNode, , gNode] = sequence(params, 'DSA parameters', 3, 3);
  const p = unsignedInteger(pNode, 'DSA p');
  const bits = bitLength(p);
  if (bits > maxDsaBits || bits < 2) return { algorithm: 'DSA', bits };
  const x = unsignedInteger(privateKey, 'DSA private key');
  if (bitLength(x) > bits) return { algorithm: 'DSA', bits };
  const y = modPow(bytesToBigInt(unsignedInteger(gNode, 'DSA g')), bytesToBigInt(x), bytesToBigInt(p));
  const digits = y.toString(16);
  return { algorithm: 'DSA', bits, publicKeyId: digits.length % 2 ? `0${digits}` : digits };
}

/** The canonical public-key id from a SubjectPublicKeyInfo, as x509 reads it (undefined if unknown or malformed). */
export function publicKeyIdFromSpki(spki: Uint8Array): string | undefined {
  try {
    const info = readPublicKeyInfo(spki, readWhole(spki));
    const value = info.publicValue;
    if (!value) return undefined;
    if (info.summary.algorithm !== 'EC' || value[0] === 0x04) return toHex(value);
    const curveOid = info.parameters && readWhole(info.parameters);
    const curve =
      curveOid?.tag === universalTags.oid ? curves[readOidAt(info.parameters!, curveOid)] : undefined;
    const point = curve && uncompressedPoint(curve, value);
    return point ? toHex(point) : undefined;
  } catch {
    return undefined; // malformed SPKI: no id, by contract never an exception
  }
}
