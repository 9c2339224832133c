/** Plain words for handshake facts. */
import type { HandshakeInfo, ProbeTimings } from '../../../src-core/tls/types';

/**
 * Two-way TLS in one phrase: asked for, sent or not, refused or not. A handshake that went through
 * is not an acceptance (nginx, for one, refuses an unverified certificate later, in HTTP), so it
 * says only that nothing in TLS refused ours.
 */
export function clientCertificateFact(
  handshake: Pick<HandshakeInfo, 'clientCertificateSent' | 'clientCertificateAccepted'>,
): string {
  if (!handshake.clientCertificateSent)
    return handshake.clientCertificateAccepted === false
      ? 'requires a client certificate (none sent)'
      : 'asks for a client certificate (none sent)';
  if (handshake.clientCertificateAccepted === false) return 'asks for a client certificate: ours was refused';
  if (handshake.clientCertificateAccepted === true)
    return 'asks for a client certificate: nothing in TLS refused ours';
  return 'asks for a client certificate: ours was sent';
}

/** The CAs the server accepts client certificates from, for a tooltip. */
export function acceptableCasTitle(handshake: Pick<HandshakeInfo, 'certificateRequest'>): string {
  const names = handshake.certificateRequest?.certificateAuthorityNames ?? [];
  return `Two-way TLS: the server also wants proof of who the client is. Acceptable CAs: ${names.length ? names.join('; ') : 'any (the server named none)'}`;
}

/**
 * The probe's timings as rows that add up (tenths of a millisecond): DNS, connect, STARTTLS, the
 * handshake, then "other" — the probe's own work around them (reading and decrypting what was
 * sent, a proxy's CONNECT) — and the whole.
 */
export function timingRows(timings: ProbeTimings): { label: string; ms: number }[] {
  const tenths = (ms: number) => Math.round(ms * 10) / 10;
  const parts = [
    { label: 'DNS', ms: tenths(timings.dnsMs) },
    { label: 'TCP connect', ms: tenths(timings.connectMs) },
    ...(timings.starttlsMs !== undefined ? [{ label: 'STARTTLS', ms: tenths(timings.starttlsMs) }] : []),
    { label: 'TLS handshake', ms: tenths(timings.tlsMs) },
  ];
  const counted = parts.reduce((sum, part) => sum + part.ms, 0);
  const other = Math.max(0, tenths(tenths(timings.totalMs) - counted));
  return [
    ...parts,
    ...(other > 0 ? [{ label: 'Other', ms: other }] : []),
    { label: 'In all', ms: tenths(counted + other) },
  ];
}
