/**
 * What a stapled OCSP response says at a glance — its status, the first certificate's status and
 * its dates — for the handshake view and the text reports. It only reads (RFC 6960 §4.2.1); whether
 * the response is genuine and current is the verifier's job (`ocsp-stapled-invalid`, `revoked`).
 */
import { ocspStatusNames, readOcspResponse } from '../x509/ocsp';

export interface OcspSummary {
  /** `successful`, `tryLater`, … (the responder's answer to the request). */
  responseStatus: string;
  /** The first SingleResponse's status, when the response is successful. */
  certStatus?: 'good' | 'revoked' | 'unknown';
  producedAt?: Date;
  thisUpdate?: Date;
  nextUpdate?: Date;
}

/** The response's outline, from x509's one OCSP reader; undefined when the bytes are not one. */
export function summarizeOcspResponse(der: Uint8Array): OcspSummary | undefined {
  let response;
  try {
    response = readOcspResponse(der);
  } catch {
    return undefined;
  }
  const summary: OcspSummary = {
    responseStatus: ocspStatusNames[response.status] || `status ${response.status}`,
  };
  const basic = response.basic;
  if (!basic) return summary;
  summary.producedAt = basic.producedAt;
  const first = basic.responses[0];
  if (!first) return summary;
  summary.certStatus = first.status;
  summary.thisUpdate = first.thisUpdate;
  if (first.nextUpdate) summary.nextUpdate = first.nextUpdate;
  return summary;
}

/** One line: `good (produced 2026-12-01 10:00 UTC, next update 2026-12-08 10:00 UTC), 1523 bytes`. */
export function describeOcspResponse(der: Uint8Array): string {
  const summary = summarizeOcspResponse(der);
  const size = `${der.length} bytes`;
  if (!summary) return `unreadable, ${size}`;
  if (summary.responseStatus !== 'successful')
    return `the responder answered "${summary.responseStatus}", ${size}`;
  const when = (date: Date | undefined) =>
    date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '?';
  const dates = [
    `produced ${when(summary.producedAt)}`,
    ...(summary.nextUpdate ? [`next update ${when(summary.nextUpdate)}`] : []),
  ].join(', ');
  return `${summary.certStatus ?? 'no certificate status'} (${dates}), ${size}`;
}
