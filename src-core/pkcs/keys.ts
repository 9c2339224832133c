/**
 * Private keys dropped beside certificates: say what they are and which certificate they belong
 * to, then forget them. Only facts derived from the public half are kept; the key material
 * itself never leaves `readPrivateKey`.
 */
import { childrenOf, readTlv, universalTags, type Tlv } from '../asn1/der';
import type { CertificateModel } from '../x509/model';
import { publicKeyIdFromSpki, readPrivateKey, type PrivateKeyFacts } from './private-key';

export interface DecodedKey extends PrivateKeyFacts {
  kind: 'key';
  source: 'file' | 'pkcs12';
  /** The certificate (in the same drop) whose public key this private key belongs to. */
  matches?: { sha256: string; subject: string };
}

type KeyFormat = PrivateKeyFacts['format'];

export function keyFormatOfLabel(label: string): KeyFormat | undefined {
  if (label === 'PRIVATE KEY') return 'pkcs8';
  if (label === 'ENCRYPTED PRIVATE KEY') return 'encrypted-pkcs8';
  if (label === 'RSA PRIVATE KEY') return 'pkcs1';
  if (label === 'EC PRIVATE KEY') return 'sec1';
  return undefined;
}

/** Recognises a private key in DER by its shape (a DER key file has no label). */
export function keyFormatOfDer(der: Uint8Array, top: Tlv): KeyFormat | undefined {
  try {
    const parts = childrenOf(der, top);
    const [first, second, third] = parts;
    const small = (tlv: Tlv | undefined, value: number) =>
      tlv?.tag === universalTags.integer &&
      tlv.contentEnd - tlv.contentStart === 1 &&
      der[tlv.contentStart] === value;
    // PrivateKeyInfo / OneAsymmetricKey: version 0|1, AlgorithmIdentifier, OCTET STRING key.
    if (
      (small(first, 0) || small(first, 1)) &&
      second?.tag === universalTags.sequence &&
      third?.tag === universalTags.octetString
    )
      return 'pkcs8';
    // EncryptedPrivateKeyInfo: AlgorithmIdentifier (PBES2…), OCTET STRING.
    if (
      parts.length === 2 &&
      first.tag === universalTags.sequence &&
      second.tag === universalTags.octetString
    ) {
      const algorithm = readTlv(der, first.contentStart, first.contentEnd);
      if (algorithm.tag === universalTags.oid) return 'encrypted-pkcs8';
    }
    // RSAPrivateKey: version 0 and eight integers.
    if (small(first, 0) && parts.length >= 9 && parts.every((part) => part.tag === universalTags.integer))
      return 'pkcs1';
    // ECPrivateKey: version 1, OCTET STRING, [0] parameters, [1] public key.
    if (
      small(first, 1) &&
      second?.tag === universalTags.octetString &&
      (!third || third.tag === 0xa0 || third.tag === 0xa1)
    )
      return 'sec1';
  } catch {
    // not a key
  }
  return undefined;
}

export async function readKey(
  der: Uint8Array,
  format: KeyFormat,
  password: string | undefined,
): Promise<DecodedKey> {
  return { kind: 'key', ...(await readPrivateKey(der, format, password)), source: 'file' };
}

/** Marks each key with the certificate it belongs to (same public key), across one drop. */
export function linkKeys(
  others: { kind: string }[],
  certificates: (CertificateModel & { fingerprints: { sha256: string } })[],
): void {
  const keys = others.filter((other): other is DecodedKey => other.kind === 'key');
  for (const key of keys) delete key.matches;
  if (keys.length === 0) return;
  const byPublicKey = new Map<string, CertificateModel & { fingerprints: { sha256: string } }>();
  for (const certificate of certificates) {
    const id = publicKeyIdFromSpki(certificate.spki);
    if (id && !byPublicKey.has(id)) byPublicKey.set(id, certificate);
  }
  for (const key of keys) {
    const certificate = key.publicKeyId ? byPublicKey.get(key.publicKeyId) : undefined;
    if (certificate) key.matches = { sha256: certificate.fingerprints.sha256, subject: certificate.subject };
  }
}
