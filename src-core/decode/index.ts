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
  };
}
