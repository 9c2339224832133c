/**
 * The decoded model: plain data (bytes, `Date`, numbers, strings), no parser objects and no
 * display strings, so thousands of certificates stay cheap and anything can be rendered later.
 */
import type { NameAttribute } from './name';

/** Where a field's bytes are in the object's DER: `[start, end)` of the whole TLV. */
export interface ByteRange {
  start: number;
  end: number;
}

export type GeneralName =
  /** `problem`: the IA5String holds bytes outside ASCII (marked `\xNN` in `value`) or controls. */
  | { type: 'dns' | 'email' | 'uri'; value: string; problem?: string }
  /** 4 or 16 bytes (an address), or 8 or 32 (address + mask, in name constraints). */
  | { type: 'ip'; bytes: Uint8Array }
  | { type: 'directory'; attributes: NameAttribute[]; rfc4514: string; problem?: string }
  | { type: 'registeredId'; oid: string }
  /** otherName: its type OID and, when the value is a string (UPN, SRVName…), that string. */
  | { type: 'other'; oid: string; value?: string; der: Uint8Array }
  | { type: 'x400' | 'ediParty'; der: Uint8Array };

export interface PublicKeySummary {
  algorithm: 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'X25519' | 'X448' | 'DSA' | 'unknown';
  /** Key size: RSA modulus bits, EC field size, DSA prime bits. */
  bits?: number;
  /** RSA public exponent. */
  exponent?: number;
  /** Named curve ('P-256'…), or its OID when unnamed, or 'explicit parameters'. */
  curve?: string;
  oid: string;
}

export interface SignatureAlgorithm {
  oid: string;
  name?: string;
  /** The digest it signs with ('SHA-256', 'SHA-1', 'MD5'…); Ed25519 has none of its own. */
  hash?: string;
  pss?: { hash: string; mgfHash: string; saltLength: number; trailerField: number };
  /** The parameters could not be read (then no signature made with it checks out). */
  problem?: string;
}

export interface RawExtension {
  oid: string;
  critical: boolean;
  /** The extnValue contents (a view into the certificate's DER). */
  value: Uint8Array;
  range: ByteRange;
}

/** The certificate fields the ASN.1 view can highlight. */
export type CertificateField =
  | 'certificate'
  | 'tbsCertificate'
  | 'version'
  | 'serialNumber'
  | 'innerSignatureAlgorithm'
  | 'issuer'
  | 'validity'
  | 'notBefore'
  | 'notAfter'
  | 'subject'
  | 'subjectPublicKeyInfo'
  | 'publicKey'
  | 'issuerUniqueId'
  | 'subjectUniqueId'
  | 'extensions'
  | 'signatureAlgorithm'
  | 'signatureValue';

export interface CertificateModel {
  kind: 'certificate';
  /** The certificate's own DER (a copy: never a view into a larger file). */
  der: Uint8Array;
  /** RFC 4514 strings. */
  subject: string;
  issuer: string;
  /** Ordered RDNs, most general first, as encoded. */
  subjectAttributes: NameAttribute[];
  issuerAttributes: NameAttribute[];
  /** A short name for lists (the CN, or else the organisation). */
  subjectDisplayName: string;
  issuerDisplayName: string;
  notBefore: Date;
  notAfter: Date;
  /** Serial number, hex of its DER contents (two's complement, as encoded). */
  serialHex: string;
  /** 1, 2 or 3. */
  version: number;
  publicKey: PublicKeySummary;
  /** SubjectPublicKeyInfo DER (its SHA-256 is the pin). */
  spki: Uint8Array;
  signatureAlgorithm: SignatureAlgorithm;
  /** Kept for callers that only need the OID. */
  signatureAlgorithmOid: string;
  /** Whether basicConstraints says CA. */
  isCa: boolean;
  /** `DNS:…`, `IP:…`, `email:…`, `URI:…` from subjectAltName, in order. */
  subjectAltNames: string[];
  /** Every subjectAltName entry, typed. */
  sans: GeneralName[];
  /** Every extension as encoded, with criticality; `describeExtension` builds its tree. */
  extensions: RawExtension[];
  /** CA/Browser Forum validation level from certificatePolicies (leaf certificates). */
  validationLevel?: 'DV' | 'OV' | 'IV' | 'EV';
  /** Encoding that breaks DER (browsers reject it); the verifier's `non-strict-der` finding. */
  nonStrictDer: string[];
  /**
   * What is wrong but didn't stop the reading (an empty RDN, a string invalid in its type, bad
   * RSA-PSS parameters); absent when nothing is. The verifier's `profile-violation` finding.
   */
  problems?: string[];
  ranges: Partial<Record<CertificateField, ByteRange>>;
}

export interface Fingerprints {
  /** Lowercase hex. */
  sha1: string;
  sha256: string;
  /** SHA-256 of the SubjectPublicKeyInfo, hex (its base64 is the HPKP-style pin). */
  spkiSha256: string;
}
