/** Plain words for handshake facts. */
import type { HandshakeInfo } from '../../../src-core/tls/types';

/** Two-way TLS in one phrase: asked for, sent or not, accepted or refused. */
export function clientCertificateFact(
  handshake: Pick<HandshakeInfo, 'clientCertificateSent' | 'clientCertificateAccepted'>,
): string {
  if (!handshake.clientCertificateSent) return 'asks for a client certificate (none sent)';
  if (handshake.clientCertificateAccepted === false) return 'asks for a client certificate: ours was refused';
  if (handshake.clientCertificateAccepted === true) return 'asks for a client certificate: ours was accepted';
  return 'asks for a client certificate: ours was sent';
}
