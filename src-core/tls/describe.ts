/**
 * Plain words for handshake facts that every view shows the same way: the CLI, the Markdown and
 * HTML reports and the app. One place, so they never disagree.
 */
import { describeOcspResponse } from './ocsp-summary';
import type { HandshakeInfo, ProbeFailure, ProbeResult } from './types';

/** A report's handshake (names as text) or a probe's (DER) both fit: only presence counts here. */
type ClientCertificateFacts = { certificateRequest?: object } & Pick<
  HandshakeInfo,
  'clientCertificateSent' | 'clientCertificateAccepted' | 'clientCertificateVerdict' | 'postHandshakeAlert'
>;

/**
 * Two-way TLS in one sentence: asked for or not, ours sent or not, and what the server did —
 * worded so that "nothing in TLS said no" is never mistaken for "the server accepted it".
 */
export function describeClientCertificate(handshake: ClientCertificateFacts): string | undefined {
  if (!handshake.certificateRequest) return undefined;
  const refusedBy = handshake.postHandshakeAlert ? ` (alert "${handshake.postHandshakeAlert}")` : '';
  if (!handshake.clientCertificateSent) {
    if (handshake.clientCertificateAccepted === false)
      return `the server requires a client certificate: it refused the connection without one${refusedBy}`;
    if (handshake.clientCertificateAccepted === true)
      return 'the server asks for a client certificate but went on without one (it is optional here)';
    return 'the server asks for a client certificate; we sent none';
  }
  if (handshake.clientCertificateAccepted === false)
    return `the server refused our client certificate${refusedBy || ' (it closed the connection)'}`;
  if (handshake.clientCertificateAccepted === true)
    return `our client certificate went through the handshake: nothing in TLS refused it${
      handshake.clientCertificateVerdict === 'silence' ? ' (the server said nothing more)' : ''
    }. The server may still refuse it above TLS — nginx, for one, answers HTTP 400 to a certificate it could not verify`;
  return 'our client certificate was sent';
}

/** The CAs a CertificateRequest names, or the words for none. */
export function describeAcceptableCas(handshake: Pick<HandshakeInfo, 'certificateRequest'>): string[] {
  const names = handshake.certificateRequest?.certificateAuthorityNames ?? [];
  return names.length ? names : ['any CA (the server named none)'];
}

/** The stapled OCSP response in one line, or undefined when none was stapled. */
export function describeStapledOcsp(handshake: Pick<HandshakeInfo, 'stapledOcsp'>): string | undefined {
  return handshake.stapledOcsp ? describeOcspResponse(handshake.stapledOcsp) : undefined;
}

/**
 * A failed probe that still read the server's certificates (e.g. a server that requires a client
 * certificate ends the handshake after sending its chain) as a result that can be verified and
 * reported; undefined when nothing worth verifying was learned.
 */
export function probeResultFromFailure(failure: ProbeFailure): ProbeResult | undefined {
  const partial = failure.partial;
  if (!partial?.presented?.length || !partial.target) return undefined;
  const messages = partial.messages ?? [];
  return {
    target: partial.target,
    presented: partial.presented,
    presentedSource: 'wire',
    handshake: {
      version: partial.version ?? 'unknown',
      cipherSuite: partial.cipherSuite ?? 'unknown',
      ...(partial.group ? { group: partial.group } : {}),
      ...(partial.alpn ? { alpn: partial.alpn } : {}),
      helloRetryRequest: messages.some((message) => message.name === 'HelloRetryRequest'),
      resumed: false,
      ...(partial.stapledOcsp ? { stapledOcsp: partial.stapledOcsp } : {}),
      ...(partial.sctList ? { sctList: partial.sctList } : {}),
      ...(partial.certificateRequest ? { certificateRequest: partial.certificateRequest } : {}),
      clientCertificateSent: partial.clientCertificateSent ?? false,
      messages,
    },
    timings: { dnsMs: 0, connectMs: 0, tlsMs: 0, totalMs: 0 },
    // The failure itself is reported beside the result (the CLI's line, the report's `failure`).
    notes: [],
  };
}

/** A signature family the server showed no certificate for, in words. */
export function describeMissingFamily(
  familyName: string,
  failure: { code: string; message: string } | undefined,
): string {
  const alert = failure?.code === 'alert' ? /alert "([^"]+)"/.exec(failure.message)?.[1] : undefined;
  if (alert)
    return `none — the server has no ${familyName} certificate it will use (it answered with the alert "${alert}")`;
  return `none — ${failure?.message ?? 'no answer'}`;
}
