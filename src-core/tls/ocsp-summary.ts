/**
 * What a stapled OCSP response says at a glance — its status, the first certificate's status and
 * its dates — for the handshake view and the text reports. It only reads (RFC 6960 §4.2.1); whether
 * the response is genuine and current is the verifier's job (`ocsp-stapled-invalid`, `revoked`).
 */
import { childrenOf, readTime, readTlv, readWhole } from '../decode/der';

const responseStatuses = [
  'successful',
  'malformedRequest',
  'internalError',
  'tryLater',
  '',
  'sigRequired',
  'unauthorized',
];

export interface OcspSummary {
  /** `successful`, `tryLater`, … (the responder's answer to the request). */
  responseStatus: string;
  /** The first SingleResponse's status, when the response is successful. */
  certStatus?: 'good' | 'revoked' | 'unknown';
  producedAt?: Date;
  thisUpdate?: Date;
  nextUpdate?: Date;
}

/** Reads the response's outline; undefined when the bytes are not an OCSP response. */
export function summarizeOcspResponse(der: Uint8Array): OcspSummary | undefined {
  try {
    const top = childrenOf(der, readWhole(der, 'OCSP response'));
    if (top[0]?.tag !== 0x0a) return undefined;
    const code = der[top[0].contentStart];
    const summary: OcspSummary = { responseStatus: responseStatuses[code] || `status ${code}` };
    if (code !== 0 || top[1]?.tag !== 0xa0) return summary;
    const responseBytes = childrenOf(der, childrenOf(der, top[1])[0]);
    const basicOctets = responseBytes[1];
    const basic = childrenOf(der, readTlv(der, basicOctets.contentStart, basicOctets.contentEnd));
    const data = childrenOf(der, basic[0]).filter((field) => field.tag !== 0xa0);
    // ResponseData: responderID ([1] or [2]), producedAt, responses, [1] extensions.
    summary.producedAt = readTime(der, data[1]).date;
    const first = childrenOf(der, data[2])[0];
    if (!first) return summary;
    const single = childrenOf(der, first);
    const status = single[1];
    summary.certStatus = status.tag === 0x80 ? 'good' : status.tag === 0xa1 ? 'revoked' : 'unknown';
    summary.thisUpdate = readTime(der, single[2]).date;
    const next = single.find((field) => field.tag === 0xa0);
    if (next) summary.nextUpdate = readTime(der, childrenOf(der, next)[0]).date;
    return summary;
  } catch {
    return undefined;
  }
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
