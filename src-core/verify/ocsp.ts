/**
 * OCSP (RFC 6960): requests for a (certificate, issuer) pair, and one check for every response —
 * stapled by a server or fetched from the responder named in the certificate's AIA. A response
 * counts only when it is a successful basic response about this very certificate (CertID),
 * current, carrying our nonce if it echoes one, and signed by the issuer or by a delegated
 * responder the issuer certified for OCSP signing.
 */
import type * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { hashAlgorithmNames, readVerifyCert, type VerifyCert } from './cert';
import { verifySignedData } from '../crypto/signature';
import { sha256Hex } from '../crypto/sha256-hex';
import { equalBytes } from '../bytes/equal';
import { hexToBytes, toHex } from '../bytes/hex';
import { toArrayBuffer } from '../bytes/buffers';

/** pkijs and asn1js load on first use: most runs never read OCSP, and loading them costs ~30 ms. */
let pkijsLib: typeof pkijs;
let asn1jsLib: typeof asn1js;
async function loadLibraries(): Promise<void> {
  if (pkijsLib) return;
  [pkijsLib, asn1jsLib] = await Promise.all([import('pkijs'), import('asn1js')]);
}

const oidOcspBasic = '1.3.6.1.5.5.7.48.1.1';
const oidOcspNonce = '1.3.6.1.5.5.7.48.1.2';
const oidOcspSigning = '1.3.6.1.5.5.7.3.9';
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
  await loadLibraries();
  const certId = await certIdFor(cert, issuer, 'SHA-1');
  const request = new pkijsLib.OCSPRequest({
    tbsRequest: new pkijsLib.TBSRequest({
      requestList: [new pkijsLib.Request({ reqCert: certId })],
      ...(nonce
        ? {
            requestExtensions: [
              new pkijsLib.Extension({
                extnID: oidOcspNonce,
                extnValue: new asn1jsLib.OctetString({ valueHex: toArrayBuffer(nonce) }).toBER(),
              }),
            ],
          }
        : {}),
    }),
  });
  return new Uint8Array(request.toSchema(true).toBER());
}

/** RFC 6960 §4.1.1 CertID: hashes of the issuer's name (as in the certificate) and public key. */
async function certIdFor(cert: VerifyCert, issuer: VerifyCert, hash: string): Promise<pkijs.CertID> {
  const hashOid =
    Object.keys(hashAlgorithmNames).find((oid) => hashAlgorithmNames[oid] === hash) ?? '1.3.14.3.2.26';
  const digest = async (bytes: Uint8Array) =>
    new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(bytes)));
  return new pkijsLib.CertID({
    hashAlgorithm: new pkijsLib.AlgorithmIdentifier({
      algorithmId: hashOid,
      algorithmParams: new asn1jsLib.Null(),
    }),
    issuerNameHash: new asn1jsLib.OctetString({ valueHex: toArrayBuffer(await digest(issuerNameDer(cert))) }),
    issuerKeyHash: new asn1jsLib.OctetString({
      valueHex: toArrayBuffer(await digest(publicKeyBits(issuer))),
    }),
    serialNumber: new asn1jsLib.Integer({ valueHex: toArrayBuffer(hexToBytes(cert.serialHex)) }),
  });
}

/** The issuer field of `cert` exactly as encoded (re-encoding could change the hash). */
function issuerNameDer(cert: VerifyCert): Uint8Array {
  const certificate = new pkijsLib.Certificate({ schema: asn1jsLib.fromBER(toArrayBuffer(cert.der)).result });
  return new Uint8Array(certificate.issuer.valueBeforeDecode);
}

/** The subjectPublicKey BIT STRING's contents, without the unused-bits byte. */
function publicKeyBits(issuer: VerifyCert): Uint8Array {
  const info = new pkijsLib.PublicKeyInfo({ schema: asn1jsLib.fromBER(toArrayBuffer(issuer.spki)).result });
  return new Uint8Array(info.subjectPublicKey.valueBlock.valueHexView);
}

/** Every check of RFC 6960 §3.2 a client can make, for stapled and fetched responses alike. */
export async function checkOcspResponse(
  bytes: Uint8Array,
  cert: VerifyCert,
  issuer: VerifyCert,
  options: OcspCheckOptions,
): Promise<OcspVerdict> {
  await loadLibraries();
  try {
    return await checkOcspResponseUnguarded(bytes, cert, issuer, options);
  } catch (error) {
    // pkijs/asn1js convert some fields lazily (times, integers): hostile bytes can throw late.
    return {
      status: 'invalid',
      problem: `${options.label ?? 'the OCSP response'} could not be read (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

async function checkOcspResponseUnguarded(
  bytes: Uint8Array,
  cert: VerifyCert,
  issuer: VerifyCert,
  options: OcspCheckOptions,
): Promise<OcspVerdict> {
  const label = options.label ?? 'the OCSP response';
  const invalid = (problem: string): OcspVerdict => ({ status: 'invalid', problem });
  let basic: pkijs.BasicOCSPResponse;
  try {
    const parsed = asn1jsLib.fromBER(toArrayBuffer(bytes));
    if (parsed.offset === -1) return invalid(`${label} is not valid DER`);
    const response = new pkijsLib.OCSPResponse({ schema: parsed.result });
    const status = response.responseStatus.valueBlock.valueDec;
    if (status !== 0)
      return invalid(`the OCSP responder answered with error status ${status} (${statusName(status)})`);
    if (!response.responseBytes || response.responseBytes.responseType !== oidOcspBasic)
      return invalid(`${label} is not a basic response`);
    basic = new pkijsLib.BasicOCSPResponse({
      schema: asn1jsLib.fromBER(response.responseBytes.response.valueBlock.valueHexView.slice().buffer)
        .result,
    });
  } catch (error) {
    return invalid(`${label} could not be read (${error instanceof Error ? error.message : String(error)})`);
  }

  const single = await findSingleResponse(basic, cert, issuer);
  if (!single) return invalid(`${label} is about another certificate`);
  const now = options.at.getTime();
  if (single.thisUpdate.getTime() > now + ocspClockSkewMs) return invalid(`${label} is from the future`);
  if (single.nextUpdate && single.nextUpdate.getTime() < now - ocspClockSkewMs)
    return invalid(`${label} has expired (its nextUpdate has passed)`);
  if (options.nonce) {
    const echoed = basic.tbsResponseData.responseExtensions?.find(
      (extension) => extension.extnID === oidOcspNonce,
    );
    const sent = new Uint8Array(
      new asn1jsLib.OctetString({ valueHex: toArrayBuffer(options.nonce) }).toBER(),
    );
    // Responders may ignore nonces (RFC 8954 §2.1, pre-signed answers); one that echoes another is a replay.
    if (echoed && !equalBytes(new Uint8Array(echoed.extnValue.valueBlock.valueHexView), sent))
      return invalid(`${label} carries another request's nonce (a replayed answer)`);
  }
  const signer = await findSigner(basic, cert, issuer, options.at);
  if (!signer)
    return invalid(`${label}'s signature verifies neither against the issuer nor a responder it authorised`);

  // CertStatus: [0] good, [1] revoked (revocationTime first), [2] unknown.
  const certStatus = single.certStatus as asn1js.Constructed | asn1js.Primitive | undefined;
  const tag = certStatus?.idBlock?.tagNumber;
  if (tag === 0) return { status: 'good' };
  if (tag === 1) {
    const time = (certStatus as asn1js.Constructed).valueBlock.value?.[0] as
      asn1js.GeneralizedTime | undefined;
    return time instanceof asn1jsLib.GeneralizedTime
      ? { status: 'revoked', revokedAt: time.toDate() }
      : { status: 'revoked' };
  }
  return { status: 'unknown', problem: 'the OCSP responder does not know this certificate' };
}

function statusName(status: number): string {
  return (
    ['successful', 'malformedRequest', 'internalError', 'tryLater', '', 'sigRequired', 'unauthorized'][
      status
    ] || 'unknown status'
  );
}

/** The SingleResponse whose CertID is this certificate's, in whichever hash the responder chose. */
async function findSingleResponse(
  basic: pkijs.BasicOCSPResponse,
  cert: VerifyCert,
  issuer: VerifyCert,
): Promise<pkijs.SingleResponse | undefined> {
  for (const entry of basic.tbsResponseData.responses) {
    const id = entry.certID;
    if (toHex(id.serialNumber.valueBlock.valueHexView) !== cert.serialHex) continue;
    const hash = hashAlgorithmNames[id.hashAlgorithm.algorithmId];
    if (!hash) continue;
    const expected = await certIdFor(cert, issuer, hash);
    if (
      equalBytes(
        id.issuerNameHash.valueBlock.valueHexView,
        expected.issuerNameHash.valueBlock.valueHexView,
      ) &&
      equalBytes(id.issuerKeyHash.valueBlock.valueHexView, expected.issuerKeyHash.valueBlock.valueHexView)
    )
      return entry;
  }
  return undefined;
}

/** The issuer itself, or a certificate in the response that the issuer signed for id-kp-OCSPSigning. */
async function findSigner(
  basic: pkijs.BasicOCSPResponse,
  cert: VerifyCert,
  issuer: VerifyCert,
  at: Date,
): Promise<VerifyCert | undefined> {
  const tbs = new Uint8Array(basic.tbsResponseData.tbsView);
  const signatureValue = new Uint8Array(basic.signature.valueBlock.valueHexView);
  const signed = {
    // The verdict cache's key: this exact response, whoever checks it.
    sha256: `ocsp-${cert.sha256}-${await sha256Hex(tbs)}-${toHex(signatureValue.subarray(0, 16))}`,
    tbs,
    signatureOid: basic.signatureAlgorithm.algorithmId,
    signatureValue,
  };
  if ((await verifySignedData(signed, issuer)) === 'valid') return issuer;
  for (const certificate of basic.certs ?? []) {
    const responder = await readVerifyCert(new Uint8Array(certificate.toSchema().toBER())).catch(
      () => undefined,
    );
    if (!responder || responder.issuerKey !== issuer.subjectKey) continue;
    if (!responder.extKeyUsage?.includes(oidOcspSigning)) continue;
    if (responder.notBefore.getTime() > at.getTime() + ocspClockSkewMs || responder.notAfter < at) continue;
    if ((await verifySignedData(responder, issuer)) !== 'valid') continue;
    if ((await verifySignedData(signed, responder)) === 'valid') return responder;
  }
  return undefined;
}
