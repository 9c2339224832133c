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
}

export interface PublicKeySummary {
  algorithm: 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'unknown';
  bits?: number;
  curve?: string;
  oid: string;
}

export interface DecodeError {
  code: 'not-a-certificate' | 'malformed';
  message: string;
  offset?: number;
}

export interface DecodeResult {
  name: string;
  items: DecodedCertificate[];
  errors: DecodeError[];
}

export async function decodeInput(input: { name: string; bytes: Uint8Array }): Promise<DecodeResult> {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(input.bytes);
  const ders = looksLikePem(text) ? parsePemBlocks(text).map((block) => block.der) : [input.bytes];
  const result: DecodeResult = { name: input.name, items: [], errors: [] };
  for (const der of ders) {
    try {
      result.items.push(readCertificate(der));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      result.errors.push({ code: 'malformed', message: `${input.name} is not a certificate (${reason})` });
    }
  }
  if (result.items.length === 0 && result.errors.length === 0) {
    result.errors.push({ code: 'not-a-certificate', message: `${input.name} is not a certificate file` });
  }
  return result;
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
    serialHex: Array.from(certificate.serialNumber.valueBlock.valueHexView, (byte) => byte.toString(16).padStart(2, '0')).join(''),
    publicKey: summarizeKey(certificate.subjectPublicKeyInfo),
    isCa: Boolean(
      (certificate.extensions ?? []).find((extension) => extension.extnID === '2.5.29.19')?.parsedValue?.cA,
    ),
    subjectAltNames: readSubjectAltNames(certificate),
  };
}

const curveNames: Record<string, string> = { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' };

function summarizeKey(info: pkijs.PublicKeyInfo): PublicKeySummary {
  const oid = info.algorithm.algorithmId;
  if (oid === '1.2.840.113549.1.1.1' || oid === '1.2.840.113549.1.1.10') {
    const rsa = asn1js.fromBER(info.subjectPublicKey.valueBlock.valueHexView.slice().buffer);
    const modulus = ((rsa.result as asn1js.Sequence).valueBlock?.value?.[0] as asn1js.Integer | undefined)?.valueBlock.valueHexView;
    let start = 0;
    while (modulus && start < modulus.length && modulus[start] === 0) start++;
    const bits = modulus && modulus[start] ? (modulus.length - start) * 8 - (Math.clz32(modulus[start]) - 24) : undefined;
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
      return [`IP:${bytes.length === 4 ? Array.from(bytes).join('.') : Array.from({ length: bytes.length / 2 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16)).join(':')}`];
    }
    if (name.type === 1) return [`email:${String(name.value)}`];
    if (name.type === 6) return [`URI:${String(name.value)}`];
    return [];
  });
}
