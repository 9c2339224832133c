/**
 * What a probe learns about a TLS server: plain data that crosses the process boundary and feeds
 * the verifier, the UI (sequence diagram), reports and history.
 */

export type StarttlsProtocol = 'smtp' | 'imap' | 'pop3' | 'ftp' | 'xmpp' | 'ldap' | 'postgres';

/**
 * The signature algorithms a handshake may offer, by key family: a server with an RSA and an
 * ECDSA certificate shows each one only to a client that can verify only that family.
 */
export type SignatureFamily = 'ecdsa' | 'rsa' | 'eddsa';

export const signatureFamilies: readonly SignatureFamily[] = ['ecdsa', 'rsa', 'eddsa'];

/** The user's HTTP proxy: CONNECT for TLS connections, forwarding for AIA/OCSP/CRL fetches. */
export interface ProxySettings {
  /** `http://proxy.example:3128`, optionally with `user:password@`. */
  url: string;
  username?: string;
  password?: string;
}

export interface ProbeRequest {
  /** `host`, `host:port`, a URL, `[v6]:port`, an IP address. */
  target: string;
  /** Overrides the port from the target or its scheme. */
  port?: number;
  /** SNI: undefined = the host name (none for IP targets), a string = that name, null = send none. */
  sni?: string | null;
  /** Connect to this address instead of resolving the host (one of `resolvedAddresses`). */
  address?: string;
  starttls?: StarttlsProtocol;
  /**
   * XMPP: the domain the stream's `to` names (the server picks its virtual host by it). Default:
   * the SNI name when one is set, else the target's host.
   */
  xmppDomain?: string;
  /** Offer only this family's signature algorithms (see `SignatureFamily`); default: all. */
  signatureFamily?: SignatureFamily;
  /** An HTTP CONNECT proxy; the target's name is then resolved by the proxy. */
  proxy?: ProxySettings;
  /** Two-way TLS: a PEM certificate and key, or a PKCS#12 file with its password. */
  clientCertificate?:
    { certificatePem: string; privateKeyPem: string } | { pkcs12: Uint8Array; password: string };
  connectTimeoutMs?: number;
  deadlineMs?: number;
  minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
}

export interface ProbeTarget {
  /** The host as the user typed it (Unicode for IDNs). */
  host: string;
  /** The ASCII (punycode) form used on the wire and in certificates. */
  asciiHost: string;
  port: number;
  sni: string | null;
  /** The address actually connected to (the proxy's, when one is used). */
  address: string;
  /** The proxy the connection went through. */
  proxy?: string;
  /** Every A/AAAA address the name resolved to. */
  resolvedAddresses: string[];
  isIp: boolean;
}

export type HandshakeDirection = 'client' | 'server';

export interface HandshakeFact {
  label: string;
  value: string;
}

/** One arrow of the sequence diagram. */
export interface HandshakeMessageInfo {
  direction: HandshakeDirection;
  /** `ClientHello`, `ServerHello`, `HelloRetryRequest`, `Certificate`, … `ChangeCipherSpec`, `Alert`. */
  name: string;
  /** Bytes of the message (header included). */
  size: number;
  /** Sent encrypted (TLS 1.3 after ServerHello). */
  encrypted: boolean;
  facts: HandshakeFact[];
}

export interface CertificateRequestInfo {
  /** DER of each acceptable CA distinguished name the server listed (none: any CA). */
  certificateAuthorities: Uint8Array[];
  /** The same names as RFC 4514 strings (`CN=…,O=…`), in the server's order. */
  certificateAuthorityNames: string[];
  signatureAlgorithms: string[];
}

export interface HandshakeInfo {
  /** `TLS 1.3`, `TLS 1.2`, … */
  version: string;
  cipherSuite: string;
  /** Key exchange group, where the handshake shows it. */
  group?: string;
  alpn?: string;
  helloRetryRequest: boolean;
  resumed: boolean;
  /** The stapled OCSP response, raw DER. */
  stapledOcsp?: Uint8Array;
  /** SCTs delivered in the TLS extension (raw SignedCertificateTimestampList). */
  sctList?: Uint8Array;
  /** Present when the server asked for a client certificate. */
  certificateRequest?: CertificateRequestInfo;
  clientCertificateSent: boolean;
  /**
   * After a client certificate was requested: false when the server then refused the
   * connection (e.g. a certificate_required alert), true when it went on, undefined otherwise.
   */
  clientCertificateAccepted?: boolean;
  /** The alert the server sent right after the handshake, if any. */
  postHandshakeAlert?: string;
  /**
   * How `clientCertificateAccepted` was learned: TLS 1.2's server Finished (sent only after the
   * server judged our flight), or in TLS 1.3 what the server sent next — a ticket or data, an
   * alert, a close — or nothing within the wait (`silence`: no refusal heard).
   */
  clientCertificateVerdict?: 'server-finished' | 'post-handshake-message' | 'alert' | 'close' | 'silence';
  messages: HandshakeMessageInfo[];
}

export interface ProbeTimings {
  dnsMs: number;
  connectMs: number;
  starttlsMs?: number;
  tlsMs: number;
  /** TLS 1.3 with a client certificate request: how long we listened for the server's verdict. */
  verdictWaitMs?: number;
  totalMs: number;
}

export interface ProbeResult {
  target: ProbeTarget;
  /** The certificates exactly as the server sent them, DER, in wire order. */
  presented: Uint8Array[];
  /**
   * `wire`: read from the recorded handshake. `relinked`: the TLS library's own chain, because the
   * wire capture failed (it may be reordered and may contain store roots) — always shown as such.
   */
  presentedSource: 'wire' | 'relinked';
  handshake: HandshakeInfo;
  timings: ProbeTimings;
  /** Notes worth showing (e.g. why the capture fell back to `relinked`). */
  notes: string[];
}

export type ProbeErrorCode =
  | 'bad-target'
  | 'dns'
  | 'refused'
  | 'unreachable'
  | 'timeout'
  | 'reset'
  | 'closed'
  | 'not-tls'
  | 'alert'
  | 'protocol-version'
  | 'too-large'
  | 'malformed'
  | 'starttls'
  | 'proxy'
  | 'cancelled'
  | 'client-certificate'
  | 'client-certificate-required'
  | 'client-certificate-refused'
  | 'bad-signature';

export interface ProbeFailure {
  code: ProbeErrorCode;
  message: string;
  /** What was learned before it failed (e.g. the server's version for a TLS 1.0-only server). */
  partial?: Partial<
    Pick<
      HandshakeInfo,
      | 'version'
      | 'cipherSuite'
      | 'group'
      | 'alpn'
      | 'messages'
      | 'certificateRequest'
      | 'stapledOcsp'
      | 'sctList'
      | 'clientCertificateSent'
    >
  > & {
    alert?: string;
    /** The certificates the server sent before it failed, DER in wire order (when they were read). */
    presented?: Uint8Array[];
    /** Where the connection went, once it was made. */
    target?: ProbeTarget;
  };
}

/** One handshake of "every certificate the server has": what offering only `family` got. */
export interface FamilyProbe {
  family: SignatureFamily;
  result?: ProbeResult;
  /** The server has no certificate for this family (or the handshake failed otherwise). */
  failure?: Pick<ProbeFailure, 'code' | 'message'>;
}

export const signatureFamilyNames: Record<SignatureFamily, string> = {
  ecdsa: 'ECDSA',
  rsa: 'RSA',
  eddsa: 'EdDSA',
};
