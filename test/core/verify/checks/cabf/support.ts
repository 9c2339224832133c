/**
 * The CA/B Forum tests' PKI, minted at test time: a golden chain that conforms to the TLS Baseline
 * Requirements (every cabf check silent on it), each option overridable to make one violation,
 * and the DER pieces the lab can't build on its own (subject Names with chosen string types,
 * odd public keys, raw extensions).
 */
import { randomBytes } from 'node:crypto';
import { childrenOf, readWhole } from '../../../../../src-core/asn1/der';
import { encode, encodeOid } from '../../../../../src-core/asn1/encode';
import { concat } from '../../../../../src-core/bytes/buffers';
import {
  issueCert,
  pooledKey,
  type CertOptions,
  type LabCert,
  type LabKey,
} from '../../../../../src-main/services/lab';
import type { LabChain } from '../support';

export const goldenHost = 'golden.certscope-test.com';
const day = 86_400_000;

/** A positive 16-octet serial from a CSPRNG, as CAs issue them. */
export function randomSerial(): bigint {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  bytes[0] |= 0x40;
  return BigInt(`0x${bytes.toString('hex')}`);
}

export interface ChainOverrides {
  root?: Partial<CertOptions>;
  intermediate?: Partial<CertOptions>;
  leaf?: Partial<CertOptions>;
}

/**
 * Root (P-384, 20 years, no EKU/policies) → TLS subordinate CA (P-256, EKU serverAuth+clientAuth,
 * DV policy, CRL and AIA http URLs) → DV subscriber (P-256, 40 days, CN = the one SAN, EKU
 * serverAuth, keyUsage digitalSignature, AIA OCSP + caIssuers, CRL, no SKI), every serial random.
 */
export async function goldenChain(overrides: ChainOverrides = {}): Promise<LabChain> {
  const now = Date.now() - 3600_000;
  const root = await issueCert({
    commonName: 'Certscope Test Root R1',
    subjectExtra: { country: 'US', organization: 'Certscope Test' },
    keySpec: 'p384',
    isCa: true,
    notBefore: new Date(now),
    notAfter: new Date(now + 7305 * day),
    serial: randomSerial(),
    ...overrides.root,
  });
  const intermediate = await issueCert({
    commonName: 'Certscope Test TLS CA 1',
    subjectExtra: { country: 'US', organization: 'Certscope Test' },
    keySpec: 'p256',
    isCa: true,
    issuer: root,
    extKeyUsage: ['serverAuth', 'clientAuth'],
    policies: ['2.23.140.1.2.1'],
    crlUrl: 'http://crl.certscope-test.com/root.crl',
    aiaCaIssuersUrl: 'http://certs.certscope-test.com/root.cer',
    notBefore: new Date(now),
    notAfter: new Date(now + 5 * 365 * day),
    serial: randomSerial(),
    ...overrides.intermediate,
  });
  const leaf = await issueCert({
    commonName: goldenHost,
    keySpec: 'p256',
    issuer: intermediate,
    dnsNames: [goldenHost],
    extKeyUsage: ['serverAuth'],
    policies: ['2.23.140.1.2.1'],
    ocspUrl: 'http://ocsp.certscope-test.com',
    aiaCaIssuersUrl: 'http://certs.certscope-test.com/tls-ca-1.cer',
    crlUrl: 'http://crl.certscope-test.com/tls-ca-1.crl',
    subjectKeyId: false,
    notBefore: new Date(now),
    // 40 days: within every step of the §6.3.2 schedule, the last (47 days from 2029-03-15) included.
    notAfter: new Date(now + 40 * day),
    serial: randomSerial(),
    ...overrides.leaf,
  });
  return { root, intermediate, leaf };
}

// DER pieces.
const seq = (...parts: Uint8Array[]) => encode(0x30, ...parts);
const set = (...parts: Uint8Array[]) => encode(0x31, ...parts);
const text = (value: string) => new TextEncoder().encode(value);
export const tags = { utf8: 0x0c, printable: 0x13, ia5: 0x16, teletex: 0x14, bmp: 0x1e } as const;

/** A Name of one attribute per RDN (or several in one, with `together`), each with its string type. */
export function nameDer(
  attributes: { oid: string; value: string; tag?: number; together?: boolean }[],
): Uint8Array {
  const rdns: Uint8Array[][] = [];
  for (const { oid, value, tag = tags.utf8, together } of attributes) {
    const atv = seq(encodeOid(oid), encode(tag, text(value)));
    if (together && rdns.length) rdns[rdns.length - 1].push(atv);
    else rdns.push([atv]);
  }
  return seq(...rdns.map((atvs) => set(...atvs)));
}

function integer(bytes: Uint8Array): Uint8Array {
  return encode(0x02, bytes[0] & 0x80 ? concat([Uint8Array.of(0), bytes]) : bytes);
}

/** An RSA SubjectPublicKeyInfo with a made-up modulus of `bits` bits (never used to verify anything). */
export function rsaSpki(
  options: { bits?: number; exponent?: number; algorithm?: 'null' | 'absent' | 'pss' } = {},
) {
  const bits = options.bits ?? 2048;
  const modulus = randomBytes(Math.ceil(bits / 8));
  const topBits = bits % 8 || 8;
  modulus[0] = (modulus[0] & ((1 << topBits) - 1)) | (1 << (topBits - 1));
  modulus[modulus.length - 1] |= 1;
  const exponent = BigInt(options.exponent ?? 65_537).toString(16);
  const key = seq(
    integer(modulus),
    integer(Buffer.from(exponent.padStart(exponent.length + (exponent.length % 2), '0'), 'hex')),
  );
  const algorithm =
    options.algorithm === 'absent'
      ? seq(encodeOid('1.2.840.113549.1.1.1'))
      : options.algorithm === 'pss'
        ? seq(encodeOid('1.2.840.113549.1.1.10'))
        : seq(encodeOid('1.2.840.113549.1.1.1'), Uint8Array.of(5, 0));
  return seq(algorithm, encode(0x03, Uint8Array.of(0), key));
}

/** An EC SubjectPublicKeyInfo on a named curve (or with explicit parameters), with a made-up point. */
export function ecSpki(curve: string | 'explicit'): Uint8Array {
  const parameters =
    curve === 'explicit'
      ? seq(integer(Uint8Array.of(1)), seq(encodeOid('1.2.840.10045.1.1'), integer(randomBytes(32))))
      : encodeOid(curve);
  return seq(
    seq(encodeOid('1.2.840.10045.2.1'), parameters),
    encode(0x03, Uint8Array.of(0, 4), randomBytes(64)),
  );
}

/** A DSA SubjectPublicKeyInfo (2048-bit p, 256-bit q), made-up numbers. */
export function dsaSpki(): Uint8Array {
  const parameters = seq(integer(randomBytes(256)), integer(randomBytes(32)), integer(randomBytes(256)));
  return seq(
    seq(encodeOid('1.2.840.10040.4.1'), parameters),
    encode(0x03, Uint8Array.of(0), integer(randomBytes(256))),
  );
}

/** A lab key whose certificate carries `spki` instead (the lab only signs with the issuer's key). */
export async function keyWithSpki(spki: Uint8Array): Promise<LabKey> {
  return { ...(await pooledKey('p256')), spki };
}

/** A raw extension for `extraExtensions`. */
export const rawExtension = (oid: string, critical: boolean, valueDer: Uint8Array) => ({
  oid,
  critical,
  valueDer,
});
export { encode, encodeOid, seq, text };

/** The certificate with its outer signatureAlgorithm replaced (the signature no longer matters here). */
export function withOuterAlgorithm(cert: LabCert, algorithm: Uint8Array): Uint8Array {
  const der = cert.der;
  const [tbs, , signature] = childrenOf(der, readWhole(der));
  return seq(der.subarray(tbs.start, tbs.end), algorithm, der.subarray(signature.start, signature.end));
}
