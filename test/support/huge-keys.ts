/**
 * Certificates with absurd key parameters, made at test time in milliseconds: generating real DSA
 * domain parameters that large would take hours, and nothing here needs them to be real — the
 * verifier must refuse before any arithmetic. A lab root (P-256) certifies a CA whose key is a
 * 32,768-bit DSA (or RSA) public key of random numbers; a leaf names that CA as its issuer and
 * carries a DSA (or RSA) "signature" of random numbers, so checking it means using the huge key.
 */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { issueCert, toPem, type LabCert } from '../../src-main/services/lab';

const dsaOid = '1.2.840.10040.4.1';
const dsaWithSha256 = '2.16.840.1.101.3.4.3.2';
const rsaEncryption = '1.2.840.113549.1.1.1';
const sha256WithRsa = '1.2.840.113549.1.1.11';

/** A random positive integer of exactly `bits` bits (top bit set), as a DER INTEGER. */
function randomInteger(bits: number): asn1js.Integer {
  const bytes = randomBytes(Math.ceil(bits / 8));
  const topBits = bits % 8 || 8;
  bytes[0] = (bytes[0] & ((1 << topBits) - 1)) | (1 << (topBits - 1));
  bytes[bytes.length - 1] |= 1;
  const magnitude = bytes[0] & 0x80 ? Buffer.concat([Buffer.of(0), bytes]) : bytes;
  return new asn1js.Integer({ valueHex: new Uint8Array(magnitude).buffer });
}

function der(block: asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(block.toBER());
}

function dsaSpki(pBits: number, qBits: number): Uint8Array {
  return der(
    new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: dsaOid }),
            new asn1js.Sequence({
              value: [randomInteger(pBits), randomInteger(qBits), randomInteger(pBits - 8)],
            }),
          ],
        }),
        new asn1js.BitString({ valueHex: randomInteger(pBits - 8).toBER() }),
      ],
    }),
  );
}

function rsaSpki(bits: number): Uint8Array {
  const key = new asn1js.Sequence({ value: [randomInteger(bits), new asn1js.Integer({ value: 65537 })] });
  return der(
    new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [new asn1js.ObjectIdentifier({ value: rsaEncryption }), new asn1js.Null()],
        }),
        new asn1js.BitString({ valueHex: key.toBER() }),
      ],
    }),
  );
}

/** Re-signs a certificate with a made-up signature of this algorithm (the TBS names it too). */
function withSignature(certificate: Uint8Array, algorithmOid: string, signature: Uint8Array): Uint8Array {
  const parsed = pkijs.Certificate.fromBER(certificate.slice().buffer);
  const algorithm = new pkijs.AlgorithmIdentifier({
    algorithmId: algorithmOid,
    ...(algorithmOid === sha256WithRsa ? { algorithmParams: new asn1js.Null() } : {}),
  });
  parsed.signature = algorithm;
  parsed.signatureAlgorithm = algorithm;
  parsed.tbsView = new Uint8Array(parsed.encodeTBS().toBER());
  parsed.signatureValue = new asn1js.BitString({ valueHex: signature.slice().buffer });
  return new Uint8Array(parsed.toSchema(false).toBER());
}

export interface HugeKeyChain {
  root: LabCert;
  /** The CA with the absurd key. */
  ca: LabCert;
  /** Its "child": P-256 key (usable by a TLS server), a made-up signature by the CA's key. */
  leaf: LabCert;
}

/**
 * `dsa`: p of `bits` bits and q of `qBits` (default one bit shorter: the modulus and the exponent
 * both huge); `rsa`: a modulus of `bits` bits.
 */
export async function hugeKeyChain(
  kind: 'dsa' | 'rsa',
  bits: number,
  options: { qBits?: number; host?: string } = {},
): Promise<HugeKeyChain> {
  const host = options.host ?? 'huge-key.test';
  const root = await issueCert({ commonName: `Huge ${kind.toUpperCase()} Test Root`, isCa: true });
  const spki = kind === 'dsa' ? dsaSpki(bits, options.qBits ?? bits - 1) : rsaSpki(bits);
  // Signed by the root; its `key` keeps the root's private key only so the lab can mint the leaf below.
  const ca = await issueCert({
    commonName: `Huge ${kind.toUpperCase()} CA`,
    isCa: true,
    issuer: root,
    key: { ...root.key, spki },
  });
  const minted = await issueCert({ commonName: host, dnsNames: [host], issuer: ca });
  const signature =
    kind === 'dsa'
      ? der(new asn1js.Sequence({ value: [randomInteger(bits - 2), randomInteger(bits - 2)] }))
      : new Uint8Array(randomBytes(bits / 8));
  const leafDer = withSignature(minted.der, kind === 'dsa' ? dsaWithSha256 : sha256WithRsa, signature);
  return { root, ca, leaf: { ...minted, der: leafDer, pem: toPem('CERTIFICATE', leafDer) } };
}
