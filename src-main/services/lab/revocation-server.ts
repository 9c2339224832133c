/**
 * What the revoked-* Lab scenarios publish, served on 127.0.0.1 by the app itself: their CRLs
 * (GET `<base><name>.crl`) and an OCSP responder (RFC 6960: POST, or GET with the request in the
 * path) answering for one CA from its list of revoked serials — good for its other certificates,
 * unknown for anyone else's — with responses signed by that CA. Started before the scenario is
 * built, so its URL can go into the certificates.
 */
import { createServer, type IncomingMessage } from 'node:http';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { signWith, type LabCert } from './certs';
import type { ScenarioRevocation } from './scenarios';

export interface LabRevocationServer {
  /** `http://127.0.0.1:PORT/`: the scenario's `revocationBase`. */
  base: string;
  /** Serves this scenario's CRLs and responder from now on. */
  serve(revocation: ScenarioRevocation): void;
  close(): Promise<void>;
}

/** OCSP requests are small; anything bigger is refused unread. */
const maxRequestBytes = 64 * 1024;
const oids = {
  basicResponse: '1.3.6.1.5.5.7.48.1.1',
  nonce: '1.3.6.1.5.5.7.48.1.2',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
};

export async function startRevocationServer(): Promise<LabRevocationServer> {
  let published: ScenarioRevocation = { crls: {} };
  const server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname).slice(1);
      const crl = published.crls[path];
      if (request.method === 'GET' && crl) {
        response.writeHead(200, { 'Content-Type': 'application/pkix-crl' });
        return response.end(Buffer.from(crl));
      }
      const ocsp = published.ocsp;
      const ocspRequest =
        ocsp && request.method === 'POST' && path === ocsp.path
          ? await readBody(request)
          : ocsp && request.method === 'GET' && path.startsWith(`${ocsp.path}/`)
            ? new Uint8Array(Buffer.from(path.slice(ocsp.path.length + 1), 'base64'))
            : undefined;
      if (!ocsp || !ocspRequest) {
        response.writeHead(404, { 'Content-Type': 'text/plain' });
        return response.end('not found');
      }
      const answer = await answerOcsp(ocspRequest, ocsp.issuer, ocsp.revoked);
      response.writeHead(200, { 'Content-Type': 'application/ocsp-response' });
      response.end(Buffer.from(answer));
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    base: `http://127.0.0.1:${port}/`,
    serve: (revocation) => void (published = revocation),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxRequestBytes) {
        request.destroy();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    request.on('error', () => resolve(undefined));
  });
}

/** An OCSPResponse with only a status (RFC 6960 §4.2.1: malformedRequest 1, internalError 2…). */
function statusOnly(status: number): Uint8Array {
  return new Uint8Array(
    new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) }).toSchema().toBER(),
  );
}

/** The answer to one DER OCSP request about `issuer`'s certificates, signed by `issuer`. */
export async function answerOcsp(
  requestDer: Uint8Array,
  issuer: LabCert,
  revoked: bigint[],
  now = new Date(),
): Promise<Uint8Array> {
  let request: pkijs.OCSPRequest;
  try {
    request = pkijs.OCSPRequest.fromBER(toArrayBuffer(requestDer));
  } catch {
    return statusOnly(1);
  }
  const issuerKeyBits = new pkijs.PublicKeyInfo({ schema: asn1js.fromBER(issuer.key.spki).result })
    .subjectPublicKey.valueBlock.valueHexView;
  const thisUpdate = new Date(now.getTime() - 60_000);
  const nextUpdate = new Date(now.getTime() + 86_400_000);
  const responses: pkijs.SingleResponse[] = [];
  for (const entry of request.tbsRequest.requestList) {
    const certId = entry.reqCert;
    const hash = { [oids.sha1]: 'SHA-1', [oids.sha256]: 'SHA-256' }[certId.hashAlgorithm.algorithmId];
    const ours =
      hash !== undefined &&
      Buffer.from(await crypto.subtle.digest(hash, issuerKeyBits.slice())).equals(
        Buffer.from(certId.issuerKeyHash.valueBlock.valueHexView),
      );
    const serial = BigInt(
      `0x${Buffer.from(certId.serialNumber.valueBlock.valueHexView).toString('hex') || '0'}`,
    );
    responses.push(
      new pkijs.SingleResponse({
        certID: certId,
        certStatus: !ours
          ? new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } }) // unknown
          : revoked.includes(serial)
            ? new asn1js.Constructed({
                idBlock: { tagClass: 3, tagNumber: 1 },
                value: [
                  new asn1js.GeneralizedTime({ valueDate: thisUpdate }),
                  // revocationReason [0] EXPLICIT CRLReason: keyCompromise
                  new asn1js.Constructed({
                    idBlock: { tagClass: 3, tagNumber: 0 },
                    value: [new asn1js.Enumerated({ value: 1 })],
                  }),
                ],
              })
            : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } }), // good
        thisUpdate,
        nextUpdate,
      }),
    );
  }
  const nonce = request.tbsRequest.requestExtensions?.find((extension) => extension.extnID === oids.nonce);
  const issuerCertificate = pkijs.Certificate.fromBER(toArrayBuffer(issuer.der));
  const tbsResponseData = new pkijs.ResponseData({
    responderID: issuerCertificate.subject,
    producedAt: now,
    responses,
    ...(nonce ? { responseExtensions: [nonce] } : {}),
  });
  const tbs = new Uint8Array(tbsResponseData.toSchema(true).toBER());
  const signed = await signWith(issuer.key, tbs);
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData,
    signatureAlgorithm: signed.algorithm,
    signature: new asn1js.BitString({ valueHex: toArrayBuffer(signed.signature) }),
  });
  // pkijs re-encodes ResponseData from its fields; hand it the exact bytes that were signed.
  basic.tbsResponseData.tbsView = tbs;
  return new Uint8Array(
    new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: oids.basicResponse,
        response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
      }),
    })
      .toSchema()
      .toBER(),
  );
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
