/**
 * A stapled OCSP response (RFC 6960), checked against the leaf: it must be a successful basic
 * response about this certificate, current, and signed by its issuer or a delegated responder.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { hex, readVerifyCert, toArrayBuffer, type VerifyCert } from './cert';
import { verifySignedData } from './signature';

/** Returns undefined when the response says "good", 'revoked', or a description of what's wrong. */
export async function checkStapledOcsp(
  bytes: Uint8Array,
  leaf: VerifyCert,
  issuer: VerifyCert,
  at: Date,
): Promise<string | undefined> {
  let basic: pkijs.BasicOCSPResponse;
  try {
    const parsed = asn1js.fromBER(toArrayBuffer(bytes));
    if (parsed.offset === -1) return 'the stapled OCSP response is not valid DER';
    const response = new pkijs.OCSPResponse({ schema: parsed.result });
    if (response.responseStatus.valueBlock.valueDec !== 0)
      return `the OCSP responder answered with error status ${response.responseStatus.valueBlock.valueDec}`;
    if (!response.responseBytes || response.responseBytes.responseType !== '1.3.6.1.5.5.7.48.1.1')
      return 'the OCSP response is not a basic response';
    basic = new pkijs.BasicOCSPResponse({
      schema: asn1js.fromBER(response.responseBytes.response.valueBlock.valueHexView.slice().buffer).result,
    });
  } catch (error) {
    return `the stapled OCSP response could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
  const single = basic.tbsResponseData.responses.find(
    (entry) => hex(entry.certID.serialNumber.valueBlock.valueHexView) === leaf.serialHex,
  );
  if (!single) return 'the stapled OCSP response is about another certificate';
  const thisUpdate = single.thisUpdate;
  if (thisUpdate > at) return 'the stapled OCSP response is from the future';
  if (single.nextUpdate && single.nextUpdate < at) return 'the stapled OCSP response has expired';
  // Signed by the issuer itself, or by a responder certificate the issuer issued.
  const signed = {
    sha256: `ocsp-${leaf.sha256}-${hex(new Uint8Array(basic.signature.valueBlock.valueHexView.slice(0, 16)))}`,
    tbs: new Uint8Array(basic.tbsResponseData.tbsView),
    signatureOid: basic.signatureAlgorithm.algorithmId,
    signatureValue: new Uint8Array(basic.signature.valueBlock.valueHexView),
  };
  let verified = (await verifySignedData(signed, issuer)) === 'valid';
  for (const certificate of basic.certs ?? []) {
    if (verified) break;
    const responder = await readVerifyCert(new Uint8Array(certificate.toSchema().toBER())).catch(
      () => undefined,
    );
    if (!responder || (await verifySignedData(responder, issuer)) !== 'valid') continue;
    if (!responder.extKeyUsage?.includes('1.3.6.1.5.5.7.3.9')) continue;
    verified = (await verifySignedData(signed, responder)) === 'valid';
  }
  if (!verified) return "the stapled OCSP response's signature does not verify against the issuer";
  // CertStatus: [0] good, [1] revoked, [2] unknown.
  const tag = (single.certStatus as asn1js.BaseBlock | undefined)?.idBlock?.tagNumber;
  if (tag === 0) return undefined;
  if (tag === 1) return 'revoked';
  return 'the OCSP responder does not know this certificate';
}
