/**
 * OCSP (RFC 6960): requests for a (certificate, issuer) pair, and one check for every response —
 * stapled by a server or fetched from the responder named in the certificate's AIA. A response
 * counts only when it is a successful basic response about this very certificate (CertID),
 * current, carrying our nonce if it echoes one, and signed by the issuer or by a delegated
 * responder the issuer certified for OCSP signing. Responses are read by x509/ocsp.ts.
 */
import { equalBytes } from '../bytes/equal';
import { toArrayBuffer } from '../bytes/buffers';
import { verifySignedData, type SignedData } from '../crypto/signature';
import { oidOcspSigning } from '../x509/extensions/ext-key-usage';
import {
  encodeNonce,
  encodeOcspRequest,
  ocspStatusNames,
  oidOcspNonce,
  readOcspResponse,
  type BasicOcspResponse,
  type CertId,
  type OcspResponse,
  type SingleResponse,
} from '../x509/ocsp';
import { hashAlgorithms } from '../x509/oids';
import { readVerifyCert, type VerifyCert } from './cert';

/** Clocks of responders and clients disagree a little; RFC 6960 leaves the margin to us. */
export const ocspClockSkewMs = 5 * 60_000;

export type OcspVerdict =
  | { status: 'good' }
  | { status: 'revoked'; revokedAt?: Date }
  /** The responder answered properly but does not know the certificate. */
  | { status: 'unknown'; problem: string }
  /** The answer can't be used: unreadable, an error status, stale, wrongly signed, not ours. */
  | { status: 'invalid'; problem: string };

export interface OcspCheckOptions {
  at: Date;
  /** The nonce our request carried, if any: a response that echoes another one is a replay. */
  nonce?: Uint8Array;
  /** How the message calls the response: 'the stapled OCSP response', 'the OCSP response'. */
  label?: string;
}

/**
 * An OCSP request for `cert` issued by `issuer`: one SHA-1 CertID (what responders expect,
 * RFC 5019 §2.1.1) and, when given, a nonce extension (RFC 8954).
 */
export async function buildOcspRequest(
  cert: VerifyCert,
  issuer: VerifyCert,
  nonce?: Uint8Array,
): Promise<Uint8Array> {
  return encodeOcspRequest([await certIdFor(cert, issuer, '1.3.14.3.2.26')], nonce);
}

/** RFC 6960 §4.1.1 CertID: hashes of the issuer's name (as in the certificate) and public key. */
async function certIdFor(cert: VerifyCert, issuer: VerifyCert, hashOid: string): Promise<CertId> {
  const hash = hashAlgorithms[hashOid];
  const digest = async (bytes: Uint8Array) =>
    new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(bytes)));
  return {
    hashAlgorithm: hashOid,
    issuerNameHash: await digest(cert.issuerNameDer),
    issuerKeyHash: await digest(issuer.publicKeyBits),
    serialHex: cert.serialHex,
  };
}

/** Hashes a CertID may use: WebCrypto's. */
const certIdHashes = new Set(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']);

/** Every check of RFC 6960 §3.2 a client can make, for stapled and fetched responses alike. */
export async function checkOcspResponse(
  bytes: Uint8Array,
  cert: VerifyCert,
  issuer: VerifyCert,
  options: OcspCheckOptions,
): Promise<OcspVerdict> {
  const label = options.label ?? 'the OCSP response';
  const invalid = (problem: string): OcspVerdict => ({ status: 'invalid', problem });
  let response: OcspResponse;
  try {
    response = readOcspResponse(bytes);
  } catch (error) {
    return invalid(`${label} could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (response.status !== 0)
    return invalid(
      `the OCSP responder answered with error status ${response.status} (${ocspStatusNames[response.status] || 'unknown status'})`,
    );
  const basic = response.basic;
  if (!basic) return invalid(`${label} is not a basic response`);

  const single = await findSingleResponse(basic, cert, issuer);
  if (!single) return invalid(`${label} is about another certificate`);
  const now = options.at.getTime();
  if (single.thisUpdate.getTime() > now + ocspClockSkewMs) return invalid(`${label} is from the future`);
  if (single.nextUpdate && single.nextUpdate.getTime() < now - ocspClockSkewMs)
    return invalid(`${label} has expired (its nextUpdate has passed)`);
  if (options.nonce) {
    const echoed = basic.responseExtensions.find((extension) => extension.oid === oidOcspNonce);
    // Responders may ignore nonces (RFC 8954 §2.1, pre-signed answers); one that echoes another is a replay.
    if (echoed && !equalBytes(echoed.value, encodeNonce(options.nonce)))
      return invalid(`${label} carries another request's nonce (a replayed answer)`);
  }
  const signer = await findSigner(bytes, basic, issuer, options.at);
  if (!signer)
    return invalid(`${label}'s signature verifies neither against the issuer nor a responder it authorised`);
  if (single.status === 'good') return { status: 'good' };
  if (single.status === 'revoked')
    return single.revokedAt ? { status: 'revoked', revokedAt: single.revokedAt } : { status: 'revoked' };
  return { status: 'unknown', problem: 'the OCSP responder does not know this certificate' };
}

/** The SingleResponse whose CertID is this certificate's, in whichever hash the responder chose. */
async function findSingleResponse(
  basic: BasicOcspResponse,
  cert: VerifyCert,
  issuer: VerifyCert,
): Promise<SingleResponse | undefined> {
  for (const entry of basic.responses) {
    const id = entry.certId;
    if (id.serialHex !== cert.serialHex) continue;
    if (!certIdHashes.has(hashAlgorithms[id.hashAlgorithm])) continue;
    const expected = await certIdFor(cert, issuer, id.hashAlgorithm);
    if (
      equalBytes(id.issuerNameHash, expected.issuerNameHash) &&
      equalBytes(id.issuerKeyHash, expected.issuerKeyHash)
    )
      return entry;
  }
  return undefined;
}

/**
 * The response as signed data, one object per response's bytes: the signature verdict cache knows
 * signed data by its object, and every client's verdict checks the same response.
 */
const signedByBytes = new WeakMap<Uint8Array, SignedData>();

function signedResponse(bytes: Uint8Array, basic: BasicOcspResponse): SignedData {
  let signed = signedByBytes.get(bytes);
  if (!signed) {
    const { signatureAlgorithm } = basic;
    signed = { tbs: basic.tbs, signatureOid: signatureAlgorithm.oid, signatureValue: basic.signatureValue };
    if (signatureAlgorithm.pss) {
      signed.pssHash = signatureAlgorithm.pss.hash;
      signed.pssSaltLength = signatureAlgorithm.pss.saltLength;
    }
    signedByBytes.set(bytes, signed);
  }
  return signed;
}

/** The issuer itself, or a certificate in the response that the issuer signed for id-kp-OCSPSigning. */
async function findSigner(
  bytes: Uint8Array,
  basic: BasicOcspResponse,
  issuer: VerifyCert,
  at: Date,
): Promise<VerifyCert | undefined> {
  const signed = signedResponse(bytes, basic);
  if ((await verifySignedData(signed, issuer)) === 'valid') return issuer;
  for (const certificate of basic.certificates) {
    const responder = await readVerifyCert(certificate).catch(() => undefined);
    if (!responder || responder.issuerKey !== issuer.subjectKey) continue;
    if (!responder.extKeyUsage?.includes(oidOcspSigning)) continue;
    if (responder.notBefore.getTime() > at.getTime() + ocspClockSkewMs || responder.notAfter < at) continue;
    if ((await verifySignedData(responder, issuer)) !== 'valid') continue;
    if ((await verifySignedData(signed, responder)) === 'valid') return responder;
  }
  return undefined;
}
