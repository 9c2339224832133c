/**
 * Entry point of the decoder: any dropped or pasted input → the objects in it, plus clear errors.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { displayName, readNameAttributes, toRfc4514, type NameAttribute } from './names';
import { looksLikePem, parsePemBlocks } from './pem';

export interface DecodedCertificate {
  kind: 'certificate';
  der: Uint8Array;
  /** RFC 4514 strings. */
  subject: string;
  issuer: string;
  subjectAttributes: NameAttribute[];
  issuerAttributes: NameAttribute[];
  /** A short name for lists (the CN, or else the organisation). */
  subjectDisplayName: string;
  issuerDisplayName: string;
  notBefore: Date;
  notAfter: Date;
  /** Serial number, hex. */
  serialHex: string;
  publicKey: PublicKeySummary;
  /** Whether basicConstraints says CA. */
  isCa: boolean;
  /** DNS names and IP addresses from subjectAltName. */
  subjectAltNames: string[];
  /** SubjectPublicKeyInfo DER (its SHA-256 is the pin). */
  spki: Uint8Array;
  signatureAlgorithmOid: string;
  version: number;
}

export interface PublicKeySummary {
  algorithm: 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'unknown';
  bits?: number;
  curve?: string;
  oid: string;
}

export interface DecodeError {
  code: 'not-a-certificate' | 'malformed' | 'too-large' | 'too-many' | 'unsupported';
  message: string;
  offset?: number;
}

/** Objects that are not certificates but are worth listing (the certificates are in `items`). */
export type DecodedOther =
  | { kind: 'csr'; subject: string; subjectDisplayName: string; publicKey: PublicKeySummary }
  | {
      kind: 'crl';
      issuer: string;
      issuerDisplayName: string;
      thisUpdate: Date;
      nextUpdate?: Date;
      revokedCount: number;
    }
  | { kind: 'key'; note: string };

export interface DecodeResult {
  name: string;
  /** Every certificate found, in order, from PEM, DER or PKCS#7 bundles. */
  items: DecodedCertificate[];
  others: DecodedOther[];
  errors: DecodeError[];
}

export const decodeLimits = { maxFileBytes: 20 * 1024 * 1024, maxCertificates: 10_000 };

const oidSignedData = '1.2.840.113549.1.7.2';

export async function decodeInput(input: { name: string; bytes: Uint8Array }): Promise<DecodeResult> {
  const result: DecodeResult = { name: input.name, items: [], others: [], errors: [] };
  if (input.bytes.length > decodeLimits.maxFileBytes) {
    result.errors.push({
      code: 'too-large',
      message: `${input.name} is larger than ${decodeLimits.maxFileBytes / 1024 / 1024} MiB`,
    });
    return result;
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(input.bytes);
  const blobs: { label?: string; der: Uint8Array; error?: string }[] = looksLikePem(text)
    ? parsePemBlocks(text)
    : [{ der: bareBase64(text) ?? input.bytes }];
  for (const blob of blobs) {
    if (result.items.length >= decodeLimits.maxCertificates) {
      result.errors.push({
        code: 'too-many',
        message: `${input.name} holds more than ${decodeLimits.maxCertificates} certificates; the rest were not read`,
      });
      break;
    }
    if (blob.error) {
      result.errors.push({ code: 'malformed', message: `${input.name}: ${blob.error}` });
      continue;
    }
    try {
      readObject(blob.der, blob.label, result);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      result.errors.push({ code: 'malformed', message: `${input.name} is not a certificate (${reason})` });
    }
  }
  if (result.items.length === 0 && result.others.length === 0 && result.errors.length === 0) {
    result.errors.push({ code: 'not-a-certificate', message: `${input.name} is not a certificate file` });
  }
  return result;
}

/** Text that is nothing but base64 (a PEM body without its armour) → its bytes. */
function bareBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/^\uFEFF/, '').replace(/\s+/g, '');
  if (compact.length < 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  try {
    const binary = atob(compact);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return bytes[0] === 0x30 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** One DER object, sniffed from its content (the PEM label only breaks ties). */
function readObject(der: Uint8Array, label: string | undefined, result: DecodeResult): void {
  if (label && /PRIVATE KEY/.test(label)) {
    result.others.push({
      kind: 'key',
      note: 'a private key (not kept; Certscope never stores private keys)',
    });
    return;
  }
  const asn1 = asn1js.fromBER(toBuffer(der));
  if (asn1.offset === -1) throw new Error('the bytes are not valid ASN.1');
  const top = asn1.result;
  const first = top instanceof asn1js.Sequence ? top.valueBlock.value[0] : undefined;
  if (first instanceof asn1js.ObjectIdentifier && first.valueBlock.toString() === oidSignedData) {
    const content = new pkijs.ContentInfo({ schema: top });
    const signedData = new pkijs.SignedData({ schema: content.content });
    for (const certificate of signedData.certificates ?? []) {
      if (certificate instanceof pkijs.Certificate)
        result.items.push(readCertificate(new Uint8Array(certificate.toSchema().toBER())));
    }
    return;
  }
  if (label && /CERTIFICATE REQUEST/.test(label)) {
    result.others.push(readCsr(top));
    return;
  }
  if (label && /CRL/.test(label)) {
    result.others.push(readCrlSummary(top));
    return;
  }
  try {
    result.items.push(readCertificate(der));
  } catch (certificateError) {
    // Not a certificate: maybe a CSR or a CRL in DER.
    for (const read of [readCsr, readCrlSummary]) {
      try {
        result.others.push(read(top));
        return;
      } catch {
        // try the next kind
      }
    }
    throw certificateError;
  }
}

function readCsr(top: asn1js.AsnType): DecodedOther {
  const request = new pkijs.CertificationRequest({ schema: top });
  const attributes = readNameAttributes(request.subject);
  return {
    kind: 'csr',
    subject: toRfc4514(attributes),
    subjectDisplayName: displayName(attributes),
    publicKey: summarizeKey(request.subjectPublicKeyInfo),
  };
}

function readCrlSummary(top: asn1js.AsnType): DecodedOther {
  const crl = new pkijs.CertificateRevocationList({ schema: top });
  const attributes = readNameAttributes(crl.issuer);
  return {
    kind: 'crl',
    issuer: toRfc4514(attributes),
    issuerDisplayName: displayName(attributes),
    thisUpdate: crl.thisUpdate.value,
    ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate.value } : {}),
    revokedCount: crl.revokedCertificates?.length ?? 0,
  };
}

function toBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Decodes one DER certificate into the fields a list shows; throws on bytes that aren't one. */
export function readCertificate(der: Uint8Array): DecodedCertificate {
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) throw new Error('the bytes are not valid ASN.1');
  const certificate = new pkijs.Certificate({ schema: asn1.result });
  const subjectAttributes = readNameAttributes(certificate.subject);
  const issuerAttributes = readNameAttributes(certificate.issuer);
  return {
    kind: 'certificate',
    der,
    subject: toRfc4514(subjectAttributes),
    issuer: toRfc4514(issuerAttributes),
    subjectAttributes,
    issuerAttributes,
    subjectDisplayName: displayName(subjectAttributes),
    issuerDisplayName: displayName(issuerAttributes),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    serialHex: Array.from(certificate.serialNumber.valueBlock.valueHexView, (byte) =>
      byte.toString(16).padStart(2, '0'),
    ).join(''),
    publicKey: summarizeKey(certificate.subjectPublicKeyInfo),
    isCa: Boolean(
      (certificate.extensions ?? []).find((extension) => extension.extnID === '2.5.29.19')?.parsedValue?.cA,
    ),
    subjectAltNames: readSubjectAltNames(certificate),
    spki: new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER()),
    signatureAlgorithmOid: certificate.signatureAlgorithm.algorithmId,
    version: certificate.version + 1,
  };
}

const curveNames: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

function summarizeKey(info: pkijs.PublicKeyInfo): PublicKeySummary {
  const oid = info.algorithm.algorithmId;
  if (oid === '1.2.840.113549.1.1.1' || oid === '1.2.840.113549.1.1.10') {
    const rsa = asn1js.fromBER(info.subjectPublicKey.valueBlock.valueHexView.slice().buffer);
    const modulus = ((rsa.result as asn1js.Sequence).valueBlock?.value?.[0] as asn1js.Integer | undefined)
      ?.valueBlock.valueHexView;
    let start = 0;
    while (modulus && start < modulus.length && modulus[start] === 0) start++;
    const bits =
      modulus && modulus[start]
        ? (modulus.length - start) * 8 - (Math.clz32(modulus[start]) - 24)
        : undefined;
    return { algorithm: 'RSA', ...(bits ? { bits } : {}), oid };
  }
  if (oid === '1.2.840.10045.2.1') {
    const params = info.algorithm.algorithmParams;
    const curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
    const curve = curveNames[curveOid] ?? curveOid;
    const bits = { 'P-256': 256, 'P-384': 384, 'P-521': 521 }[curve];
    return { algorithm: 'EC', curve, ...(bits ? { bits } : {}), oid };
  }
  if (oid === '1.3.101.112') return { algorithm: 'Ed25519', oid };
  if (oid === '1.3.101.113') return { algorithm: 'Ed448', oid };
  if (oid === '1.2.840.10040.4.1') return { algorithm: 'DSA', oid };
  return { algorithm: 'unknown', oid };
}

function readSubjectAltNames(certificate: pkijs.Certificate): string[] {
  const extension = (certificate.extensions ?? []).find((candidate) => candidate.extnID === '2.5.29.17');
  const names = (extension?.parsedValue as pkijs.AltName | undefined)?.altNames ?? [];
  return names.flatMap((name) => {
    if (name.type === 2) return [`DNS:${String(name.value)}`];
    if (name.type === 7) {
      const bytes = (name.value as asn1js.OctetString).valueBlock.valueHexView;
      return [
        `IP:${bytes.length === 4 ? Array.from(bytes).join('.') : Array.from({ length: bytes.length / 2 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16)).join(':')}`,
      ];
    }
    if (name.type === 1) return [`email:${String(name.value)}`];
    if (name.type === 6) return [`URI:${String(name.value)}`];
    return [];
  });
}
