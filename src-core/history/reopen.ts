/** A saved report back into the shape of a probe result, so a past inspection can be shown again. */
import { base64ToBytes } from '../bytes/base64';
import type { InspectionReport } from '../report/report';
import { distinguishedNameText } from '../tls/handshake';
import type { ProbeResult } from '../tls/types';

export function probeFromReport(report: InspectionReport): ProbeResult | undefined {
  if (!report.target || !report.handshake) return undefined;
  const { stapledOcsp, sctList, certificateRequest, ...handshake } = report.handshake;
  return {
    target: report.target,
    presented: report.presented.map((item) => base64ToBytes(item.der)),
    presentedSource: report.presentedSource === 'relinked' ? 'relinked' : 'wire',
    handshake: {
      ...handshake,
      ...(stapledOcsp ? { stapledOcsp: base64ToBytes(stapledOcsp) } : {}),
      ...(sctList ? { sctList: base64ToBytes(sctList) } : {}),
      ...(certificateRequest
        ? {
            certificateRequest: {
              certificateAuthorities: certificateRequest.certificateAuthorities.map(base64ToBytes),
              // Reports saved before the names were kept: read them from the DER.
              certificateAuthorityNames:
                certificateRequest.certificateAuthorityNames ??
                certificateRequest.certificateAuthorities.map((der) =>
                  distinguishedNameText(base64ToBytes(der)),
                ),
              signatureAlgorithms: certificateRequest.signatureAlgorithms,
            },
          }
        : {}),
    },
    timings: report.timings ?? { dnsMs: 0, connectMs: 0, tlsMs: 0, totalMs: 0 },
    notes: report.notes,
  };
}
