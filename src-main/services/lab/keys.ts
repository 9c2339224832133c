/**
 * Keys for lab certificates, made at run time with WebCrypto (nothing committed). Key generation
 * is the slow part of minting (RSA 4096 takes a second or more), so scenarios draw from a pool
 * per key type: distinct keys within any one hierarchy, reused across a test run.
 */
export type KeySpec = 'rsa1024' | 'rsa2048' | 'rsa4096' | 'p256' | 'p384' | 'ed25519';

export interface LabKey {
  spec: KeySpec;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** PKCS#8 DER of the private key. */
  pkcs8: Uint8Array;
  /** PKCS#8 PEM, for TLS servers and the openssl CLI. */
  pkcs8Pem: string;
}

export const keySpecs: readonly KeySpec[] = ['rsa1024', 'rsa2048', 'rsa4096', 'p256', 'p384', 'ed25519'];

const subtle = globalThis.crypto.subtle;

function generationParams(spec: KeySpec): RsaHashedKeyGenParams | EcKeyGenParams | Algorithm {
  switch (spec) {
    case 'rsa1024':
    case 'rsa2048':
    case 'rsa4096':
      return {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: Number(spec.slice(3)),
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      };
    case 'p256':
      return { name: 'ECDSA', namedCurve: 'P-256' };
    case 'p384':
      return { name: 'ECDSA', namedCurve: 'P-384' };
    case 'ed25519':
      return { name: 'Ed25519' };
  }
}

export async function createKey(spec: KeySpec): Promise<LabKey> {
  const pair = (await subtle.generateKey(generationParams(spec), true, ['sign', 'verify'])) as CryptoKeyPair;
  const spki = new Uint8Array(await subtle.exportKey('spki', pair.publicKey));
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
  return {
    spec,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    spki,
    pkcs8,
    pkcs8Pem: toPem('PRIVATE KEY', pkcs8),
  };
}

const poolSize = 24;
const pools = new Map<KeySpec, { keys: Promise<LabKey>[]; next: number }>();

/**
 * A key from the per-type pool: fresh until the pool is full, then reused round-robin. Any
 * hierarchy of fewer than `poolSize` certificates of one key type gets distinct keys.
 */
export function pooledKey(spec: KeySpec): Promise<LabKey> {
  let pool = pools.get(spec);
  if (!pool) pools.set(spec, (pool = { keys: [], next: 0 }));
  if (pool.keys.length < poolSize) {
    const key = createKey(spec);
    pool.keys.push(key);
    return key;
  }
  const key = pool.keys[pool.next % poolSize];
  pool.next++;
  return key;
}

export function toPem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}
