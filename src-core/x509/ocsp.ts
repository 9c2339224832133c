/**
 * OCSP (RFC 6960) with our own DER reader: responses read into plain data (status, each
 * SingleResponse's CertID and status, the signed part, the responder's certificates), and
 * requests encoded. Which response counts is the verifier's business (verify/ocsp.ts).
 */
import {
  childrenOf,
  content,
  DerError,
  expectTag,
  readBitString,
  readIntegerHex,
  readOid,
  readSmallInteger,
  readTlv,
  readWhole,
  universalTags,
  type Tlv,
} from '../asn1/der';
import { encode, encodeOid } from '../asn1/encode';
import { readTime } from '../asn1/time';
import { hexToBytes } from '../bytes/hex';
import { readAlgorithmIdentifier, readSignatureAlgorithm } from './algorithms';
import { readExtensionsIn } from './certificate';
import type { RawExtension, SignatureAlgorithm } from './model';

export const oidOcspBasic = '1.3.6.1.5.5.7.48.1.1';
export const oidOcspNonce = '1.3.6.1.5.5.7.48.1.2';

export const ocspStatusNames = [
  'successful',
  'malformedRequest',
  'internalError',
  'tryLater',
  '',
  'sigRequired',
  'unauthorized',
];

export interface CertId {
  /** The hash algorithm's OID. */
  hashAlgorithm: string;
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  serialHex: string;
}

export interface SingleResponse {
  certId: CertId;
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
}

export interface BasicOcspResponse {
  /** The signed ResponseData, as encoded. */
  tbs: Uint8Array;
  signatureAlgorithm: SignatureAlgorithm;
  signatureValue: Uint8Array;
  producedAt: Date;
  responses: SingleResponse[];
  responseExtensions: RawExtension[];
  /** Certificates the responder sent (DER), to prove a delegated responder. */
  certificates: Uint8Array[];
}

export interface OcspResponse {
  /** OCSPResponseStatus: 0 successful, 1 malformedRequest … */
  status: number;
  /** The response type's OID, when the status is successful. */
  responseType?: string;
  /** The basic response, when that is the type. */
  basic?: BasicOcspResponse;
}

/** OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }. */
export function readOcspResponse(der: Uint8Array): OcspResponse {
  const [statusTlv, bytesTlv, extra] = childrenOf(
    der,
    expectTag(readWhole(der, 'OCSP response'), universalTags.sequence, 'OCSP response', 0),
  );
  const status = readSmallInteger(der, expectTag(statusTlv, universalTags.enumerated, 'response status', 0));
  if (extra) throw new DerError('unexpected field in the OCSP response', extra.start);
  if (!bytesTlv) return { status };
  expectTag(bytesTlv, 0xa0, 'response bytes', bytesTlv.start);
  const [typeTlv, responseTlv] = childrenOf(
    der,
    expectTag(
      readTlv(der, bytesTlv.contentStart, bytesTlv.contentEnd),
      universalTags.sequence,
      'response bytes',
      bytesTlv.start,
    ),
  );
  const responseType = readOid(der, expectTag(typeTlv, universalTags.oid, 'response type', bytesTlv.start));
  expectTag(responseTlv, universalTags.octetString, 'response', bytesTlv.start);
  if (responseType !== oidOcspBasic) return { status, responseType };
  return { status, responseType, basic: readBasicResponse(content(der, responseTlv)) };
}

/** BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm, signature BIT STRING, certs [0] EXPLICIT … OPTIONAL }. */
function readBasicResponse(bytes: Uint8Array): BasicOcspResponse {
  const [tbs, algorithm, signature, certs] = childrenOf(
    bytes,
    expectTag(readWhole(bytes, 'basic OCSP response'), universalTags.sequence, 'basic OCSP response', 0),
  );
  expectTag(tbs, universalTags.sequence, 'response data', 0);
  expectTag(algorithm, universalTags.sequence, 'signature algorithm', tbs.end);
  expectTag(signature, universalTags.bitString, 'signature', algorithm.end);
  const certificates: Uint8Array[] = [];
  if (certs) {
    expectTag(certs, 0xa0, 'certificates', certs.start);
    const list = expectTag(
      readTlv(bytes, certs.contentStart, certs.contentEnd),
      universalTags.sequence,
      'certificates',
      certs.start,
    );
    for (const certificate of childrenOf(bytes, list))
      certificates.push(bytes.slice(certificate.start, certificate.end));
  }
  // ResponseData ::= SEQUENCE { version [0] DEFAULT v1, responderID, producedAt, responses, responseExtensions [1] OPTIONAL }
  const fields = childrenOf(bytes, tbs);
  let index = fields[0]?.tag === 0xa0 ? 1 : 0;
  const responder = fields[index++];
  if (!responder || (responder.tag !== 0xa1 && responder.tag !== 0xa2))
    throw new DerError('the responder ID is missing', tbs.start);
  const producedAt = readTime(
    bytes,
    expectTag(fields[index++], universalTags.generalizedTime, 'producedAt', tbs.start),
  ).date;
  const responses = childrenOf(
    bytes,
    expectTag(fields[index++], universalTags.sequence, 'responses', tbs.start),
  ).map((single) => readSingleResponse(bytes, single));
  const responseExtensions: RawExtension[] = [];
  if (fields[index]?.tag === 0xa1)
    responseExtensions.push(...readExtensionsIn(bytes, fields[index++], 'response extensions'));
  if (fields[index]) throw new DerError('unexpected field in the response data', fields[index].start);
  return {
    tbs: bytes.subarray(tbs.start, tbs.end),
    signatureAlgorithm: readSignatureAlgorithm(bytes, algorithm),
    signatureValue: readBitString(bytes, signature).data,
    producedAt,
    responses,
    responseExtensions,
    certificates,
  };
}

/** SingleResponse ::= SEQUENCE { certID, certStatus, thisUpdate, nextUpdate [0] EXPLICIT OPTIONAL, singleExtensions [1] OPTIONAL }. */
function readSingleResponse(bytes: Uint8Array, single: Tlv): SingleResponse {
  const [idTlv, statusTlv, thisUpdateTlv, ...rest] = childrenOf(
    bytes,
    expectTag(single, universalTags.sequence, 'single response', single.start),
  );
  const certId = readCertId(bytes, expectTag(idTlv, universalTags.sequence, 'CertID', single.start));
  if (!statusTlv || statusTlv.tagClass !== 'context' || statusTlv.tagNumber > 2)
    throw new DerError('the certificate status is missing', single.start);
  const status = (['good', 'revoked', 'unknown'] as const)[statusTlv.tagNumber];
  let revokedAt: Date | undefined;
  if (status === 'revoked') {
    // RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
    const [time] = childrenOf(bytes, statusTlv);
    revokedAt = readTime(
      bytes,
      expectTag(time, universalTags.generalizedTime, 'revocation time', statusTlv.start),
    ).date;
  }
  const thisUpdate = readTime(
    bytes,
    expectTag(thisUpdateTlv, universalTags.generalizedTime, 'thisUpdate', single.start),
  ).date;
  let nextUpdate: Date | undefined;
  for (const field of rest) {
    if (field.tag === 0xa0) {
      const time = readTlv(bytes, field.contentStart, field.contentEnd);
      nextUpdate = readTime(
        bytes,
        expectTag(time, universalTags.generalizedTime, 'nextUpdate', field.start),
      ).date;
    } else if (field.tag !== 0xa1) throw new DerError('unexpected field in a single response', field.start);
  }
  return {
    certId,
    status,
    ...(revokedAt ? { revokedAt } : {}),
    thisUpdate,
    ...(nextUpdate ? { nextUpdate } : {}),
  };
}

/** CertID ::= SEQUENCE { hashAlgorithm, issuerNameHash OCTET STRING, issuerKeyHash OCTET STRING, serialNumber INTEGER }. */
function readCertId(bytes: Uint8Array, tlv: Tlv): CertId {
  const [algorithm, nameHash, keyHash, serial] = childrenOf(bytes, tlv);
  return {
    hashAlgorithm: readAlgorithmIdentifier(
      bytes,
      expectTag(algorithm, universalTags.sequence, 'hash algorithm', tlv.start),
    ).oid,
    issuerNameHash: content(
      bytes,
      expectTag(nameHash, universalTags.octetString, 'issuer name hash', tlv.start),
    ),
    issuerKeyHash: content(
      bytes,
      expectTag(keyHash, universalTags.octetString, 'issuer key hash', tlv.start),
    ),
    serialHex: readIntegerHex(bytes, expectTag(serial, universalTags.integer, 'serial number', tlv.start)),
  };
}

/**
 * OCSPRequest ::= SEQUENCE { tbsRequest SEQUENCE { requestList SEQUENCE OF Request { reqCert CertID },
 * requestExtensions [2] EXPLICIT Extensions OPTIONAL } }, unsigned; the nonce (RFC 8954) as an
 * OCTET STRING inside the extension's value.
 */
export function encodeOcspRequest(certIds: CertId[], nonce?: Uint8Array): Uint8Array {
  const requests = certIds.map((id) =>
    encode(
      universalTags.sequence,
      encode(
        universalTags.sequence,
        encode(universalTags.sequence, encodeOid(id.hashAlgorithm), encode(universalTags.null)),
        encode(universalTags.octetString, id.issuerNameHash),
        encode(universalTags.octetString, id.issuerKeyHash),
        // The serial's INTEGER contents exactly as the certificate encodes them.
        encode(universalTags.integer, hexToBytes(id.serialHex)),
      ),
    ),
  );
  const extensions = nonce
    ? [
        encode(
          0xa2,
          encode(
            universalTags.sequence,
            encode(
              universalTags.sequence,
              encodeOid(oidOcspNonce),
              encode(universalTags.octetString, encodeNonce(nonce)),
            ),
          ),
        ),
      ]
    : [];
  return encode(
    universalTags.sequence,
    encode(universalTags.sequence, encode(universalTags.sequence, ...requests), ...extensions),
  );
}

/** The nonce extension's value: the nonce as an OCTET STRING. */
export function encodeNonce(nonce: Uint8Array): Uint8Array {
  return encode(universalTags.octetString, nonce);
}
