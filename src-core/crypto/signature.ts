/**
 * Checks that a certificate was signed by an issuer's key, with WebCrypto only. Imported keys
 * and results are cached: path building asks the same question many times.
 */
import { childrenOf, content, expectTag, readWhole, universalTags } from '../asn1/der';
import { dsaPublicKey, dsaSignatureHashes, readDsaDomain, verifyDsa, type PublicKeyFields } from './dsa';
import { encode, encodeOid } from '../asn1/encode';
import { toHex } from '../bytes/hex';
import { toArrayBuffer } from '../bytes/buffers';
import { bareKey, jwkOrSpki, signatureEngine, type SignatureRequest } from './signature-engine';
import { oversizedKey } from './key-bounds';

export type SignatureVerdict = 'valid' | 'invalid' | 'unsupported';

interface Scheme {
  import: AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams | RsaPssParams;
  verify: AlgorithmIdentifier | EcdsaParams | RsaPssParams;
  hash?: string;
  ecdsa?: boolean;
}

const rsaPkcs1: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'SHA-1',
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
};
const ecdsa: Record<string, string> = {
  '1.2.840.10045.4.1': 'SHA-1',
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
};

/** The hash a signature algorithm uses, for weak-signature findings ('MD5', 'SHA-1', …). */
export function signatureHash(certificate: Pick<SignedData, 'signatureOid' | 'pssHash'>): string | undefined {
  const oid = certificate.signatureOid;
  if (oid === '1.2.840.113549.1.1.4') return 'MD5';
  if (oid === '1.2.840.113549.1.1.2') return 'MD2';
  if (oid === '2.16.840.1.101.3.4.3.1') return 'SHA-224'; // dsa-with-SHA224, which WebCrypto lacks
  return (
    rsaPkcs1[oid] ??
    ecdsa[oid] ??
    dsaSignatureHashes[oid] ??
    certificate.pssHash ??
    (oid === '1.3.101.112' ? 'SHA-512' : undefined)
  );
}

function schemeFor(child: SignedData, issuer: SignerKey): Scheme | undefined {
  const oid = child.signatureOid;
  if (rsaPkcs1[oid] && issuer.key.algorithm === 'RSA') {
    return {
      import: { name: 'RSASSA-PKCS1-v1_5', hash: rsaPkcs1[oid] },
      verify: { name: 'RSASSA-PKCS1-v1_5' },
    };
  }
  if (
    oid === '1.2.840.113549.1.1.10' &&
    issuer.key.algorithm === 'RSA' &&
    child.pssHash &&
    webCryptoHashes.has(child.pssHash)
  ) {
    const saltLength = child.pssSaltLength ?? 20;
    return { import: { name: 'RSA-PSS', hash: child.pssHash }, verify: { name: 'RSA-PSS', saltLength } };
  }
  if (ecdsa[oid] && issuer.key.algorithm === 'EC' && issuer.key.curve && curveSize(issuer.key.curve)) {
    return {
      import: { name: 'ECDSA', namedCurve: issuer.key.curve },
      verify: { name: 'ECDSA', hash: ecdsa[oid] },
      ecdsa: true,
    };
  }
  if (oid === '1.3.101.112' && issuer.key.algorithm === 'Ed25519')
    return { import: { name: 'Ed25519' }, verify: { name: 'Ed25519' } };
  return undefined;
}

/** The hashes WebCrypto has (RSA-PSS with another one can't be checked here). */
const webCryptoHashes = new Set(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']);

const keyCache = new Map<string, Promise<CryptoKey | undefined>>();

/**
 * A number per SPKI bytes object for the verdict cache's keys, instead of its hex: a parsed
 * certificate keeps its SPKI object, so the same issuer asks with the same object (another
 * object with the same bytes only misses the cache).
 */
const keyIds = new WeakMap<Uint8Array, number>();
let nextKeyId = 0;
function keyId(spki: Uint8Array): number {
  let id = keyIds.get(spki);
  if (id === undefined) keyIds.set(spki, (id = nextKeyId++));
  return id;
}
/**
 * Verdicts by the signed object, then by the key that checked it: an object lookup and a number
 * rather than a string made and hashed for every check (a parsed certificate is one object for
 * its bytes, see readVerifyCert), and nothing kept once the object is gone.
 */
const verdictCache = new WeakMap<
  SignedData,
  Map<number | string, SignatureVerdict | Promise<SignatureVerdict>>
>();

/** The facts of a public key a signature check needs (the x509 model's key summary has them). */
export interface KeyFacts {
  algorithm: string;
  curve?: string;
  oid: string;
}

/** The key that signed: an issuer certificate's, or a CSR's own (as x509 read it). */
export interface SignerKey extends PublicKeyFields {
  /** SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  key: KeyFacts;
  /** DSA domain parameters inherited from the issuer's issuer, when the key leaves them out. */
  inheritedDsaParameters?: Uint8Array;
}

/** Anything signed: a certificate, a CRL, a CSR, an OCSP response. */
export interface SignedData {
  tbs: Uint8Array;
  signatureOid: string;
  signatureValue: Uint8Array;
  /** RSA-PSS parameters, when the signature is PSS. */
  pssHash?: string;
  pssSaltLength?: number;
}

export function verifySignature(
  child: SignedData,
  issuer: SignerKey,
  inheritedDsaParameters?: Uint8Array,
): Promise<SignatureVerdict> {
  return Promise.resolve(verifySignatureNow(child, issuer, inheritedDsaParameters));
}

/**
 * The same verdict, at once where it is known at once (a host engine checked it, or it was asked
 * before): a path's signature checks then cost no turn of the microtask queue.
 */
export function verifySignatureNow(
  child: SignedData,
  issuer: SignerKey,
  inheritedDsaParameters?: Uint8Array,
): SignatureVerdict | Promise<SignatureVerdict> {
  return signedDataVerdict(child, inheritedDsaParameters ? { ...issuer, inheritedDsaParameters } : issuer);
}

export function verifySignedData(child: SignedData, issuer: SignerKey): Promise<SignatureVerdict> {
  return Promise.resolve(signedDataVerdict(child, issuer));
}

function signedDataVerdict(
  child: SignedData,
  issuer: SignerKey,
): SignatureVerdict | Promise<SignatureVerdict> {
  const inherited = issuer.inheritedDsaParameters;
  const id = keyId(issuer.spki);
  const cacheKey = inherited ? `${id}/${toHex(inherited.subarray(-32))}` : id;
  let byKey = verdictCache.get(child);
  if (!byKey) verdictCache.set(child, (byKey = new Map()));
  let verdict = byKey.get(cacheKey);
  if (!verdict) {
    verdict = computeVerdict(child, issuer);
    byKey.set(cacheKey, verdict);
  }
  return verdict;
}

function computeVerdict(child: SignedData, issuer: SignerKey): SignatureVerdict | Promise<SignatureVerdict> {
  // Absurd key parameters would cost minutes of arithmetic: not checked at all (key-too-large says why).
  if (oversizedKey(issuer, issuer.inheritedDsaParameters)) return 'unsupported';
  if (issuer.key.algorithm === 'DSA' && child.signatureOid in dsaSignatureHashes)
    return dsaVerdict(child, issuer);
  const scheme = schemeFor(child, issuer);
  if (!scheme)
    return child.signatureOid === '1.2.840.113549.1.1.4' || issuer.key.algorithm === 'DSA'
      ? 'unsupported'
      : mismatchOrUnsupported(child, issuer);
  const native = signatureEngine()?.verify(signatureRequest(child, issuer, scheme));
  if (native !== undefined) return native ? 'valid' : 'invalid';
  return webCryptoVerdict(child, issuer, scheme);
}

async function webCryptoVerdict(
  child: SignedData,
  issuer: SignerKey,
  scheme: Scheme,
): Promise<SignatureVerdict> {
  const key = await importKey(issuer, scheme);
  if (!key) return 'invalid';
  let signature = child.signatureValue;
  if (scheme.ecdsa) {
    const raw = ecdsaDerToRaw(signature, curveSize(issuer.key.curve ?? ''));
    if (!raw) return 'invalid';
    signature = raw;
  }
  try {
    const ok = await crypto.subtle.verify(
      scheme.verify,
      key,
      toArrayBuffer(signature),
      toArrayBuffer(child.tbs),
    );
    return ok ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}

async function dsaVerdict(child: SignedData, issuer: SignerKey): Promise<SignatureVerdict> {
  const hash = dsaSignatureHashes[child.signatureOid];
  if (!hash) return 'unsupported';
  try {
    const key = dsaPublicKey(issuer);
    const parameters = key.parameters ?? issuer.inheritedDsaParameters;
    if (!parameters) return 'invalid';
    const valid = await verifyDsa(readDsaDomain(parameters), key.y, hash, child.tbs, child.signatureValue);
    return valid ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}

function mismatchOrUnsupported(child: SignedData, issuer: SignerKey): SignatureVerdict {
  // A known signature algorithm with the wrong key type cannot be valid; anything else we can't check.
  const known = Boolean(
    rsaPkcs1[child.signatureOid] || ecdsa[child.signatureOid] || child.signatureOid === '1.3.101.112',
  );
  return known && issuer.key.algorithm !== 'unknown' ? 'invalid' : 'unsupported';
}

function importKey(issuer: SignerKey, scheme: Scheme): Promise<CryptoKey | undefined> {
  const cacheKey = `${JSON.stringify(scheme.import)}/${toHex(issuer.spki)}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    // The bare key imports several times faster than its SPKI (see bareKey).
    const bare = bareKey({ spki: issuer.spki, algorithm: issuer.key.algorithm, curve: issuer.key.curve });
    key = (
      bare?.format === 'jwk'
        ? crypto.subtle.importKey('jwk', bare.data, scheme.import, false, ['verify'])
        : bare
          ? crypto.subtle.importKey('raw', toArrayBuffer(bare.data), scheme.import, false, ['verify'])
          : crypto.subtle.importKey('spki', toArrayBuffer(spkiForImport(issuer)), scheme.import, false, [
              'verify',
            ])
    ).catch(() => undefined);
    keyCache.set(cacheKey, key);
    if (keyCache.size > 5000) keyCache.delete(keyCache.keys().next().value as string);
  }
  return key;
}

function signatureRequest(child: SignedData, issuer: SignerKey, scheme: Scheme): SignatureRequest {
  const algorithm = (scheme.import as Algorithm).name as SignatureRequest['algorithm'];
  const hash = scheme.ecdsa
    ? (scheme.verify as EcdsaParams).hash
    : (scheme.import as RsaHashedImportParams).hash;
  // Fields set one by one, not spread in: two of these for every chain.
  const request: SignatureRequest = {
    spki: issuer.spki,
    key: () => jwkOrSpki({ spki: issuer.spki, algorithm: issuer.key.algorithm, curve: issuer.key.curve }),
    algorithm,
    signature: child.signatureValue,
    data: child.tbs,
  };
  if (typeof hash === 'string') request.hash = hash;
  if (algorithm === 'RSA-PSS') request.saltLength = (scheme.verify as RsaPssParams).saltLength;
  return request;
}

/** WebCrypto refuses RSA keys labelled id-RSASSA-PSS in the SPKI; relabel them as rsaEncryption. */
function spkiForImport(issuer: SignerKey): Uint8Array {
  if (issuer.key.oid !== '1.2.840.113549.1.1.10') return issuer.spki;
  // SEQUENCE { SEQUENCE { rsaEncryption, NULL }, BIT STRING { 0 unused bits, the same key } }
  return encode(
    universalTags.sequence,
    encode(universalTags.sequence, encodeOid('1.2.840.113549.1.1.1'), encode(universalTags.null)),
    encode(universalTags.bitString, Uint8Array.of(0), issuer.publicKeyBits),
  );
}

function curveSize(curve: string): number {
  return curve === 'P-256' ? 32 : curve === 'P-384' ? 48 : curve === 'P-521' ? 66 : 0;
}

function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | undefined {
  if (!size) return undefined;
  try {
    const parts = childrenOf(der, expectTag(readWhole(der), universalTags.sequence, 'ECDSA signature', 0));
    if (parts.length !== 2 || !parts.every((part) => part.tag === universalTags.integer)) return undefined;
    const raw = new Uint8Array(size * 2);
    for (const [index, part] of parts.entries()) {
      let bytes = content(der, part);
      while (bytes.length > size && bytes[0] === 0) bytes = bytes.subarray(1);
      if (bytes.length > size) return undefined;
      raw.set(bytes, index * size + (size - bytes.length));
    }
    return raw;
  } catch {
    return undefined;
  }
}
