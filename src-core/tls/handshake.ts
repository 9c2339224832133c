/**
 * Reads a recorded handshake — the client's bytes and the server's bytes — into the message list
 * and the facts in it, including the certificate list exactly as the server sent it. TLS 1.3's
 * encrypted server flight is opened by a decryptor the caller supplies (keys come from the TLS
 * library's key log, which only the socket layer sees).
 */
import {
  ContentType,
  HandshakeReassembler,
  Reader,
  TlsParseError,
  splitRecords,
  type HandshakeMessage,
  type TlsRecord,
} from './records';
import {
  alertNames,
  cipherSuiteNames,
  extensionTypes,
  handshakeTypeNames,
  nameOf,
  namedGroupNames,
  signatureSchemeNames,
  versionNames,
} from './registry';
import { readWhole } from '../asn1/der';
import { equalBytes } from '../bytes/equal';
import { hexToBytes } from '../bytes/hex';
import { readName, toRfc4514 } from '../x509/name';
import { describeOcspResponse } from './ocsp-summary';
import type { CertificateRequestInfo, HandshakeFact, HandshakeInfo, HandshakeMessageInfo } from './types';

/** SHA-256("HelloRetryRequest"): the fixed random of a HelloRetryRequest (RFC 8446 §4.1.3). */
const helloRetryRandom = hexToBytes('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c');

export interface ServerHelloFacts {
  version: number;
  cipherSuite: number;
  random: Uint8Array;
  isHelloRetryRequest: boolean;
  group?: number;
  alpn?: string;
  /** SignedCertificateTimestampList from the TLS extension (TLS 1.2 ServerHello). */
  sctList?: Uint8Array;
  sessionIdEcho: Uint8Array;
}

/** Opens TLS 1.3 protected records; returns the TLSInnerPlaintext (content ‖ type ‖ zeros). */
export type RecordDecryptor = (record: TlsRecord) => Uint8Array;

/** A piece of the recorded conversation, in the order it crossed the socket. */
export interface RecordedChunk {
  from: 'client' | 'server';
  bytes: Uint8Array;
}

export interface AnalyzeOptions {
  chunks: RecordedChunk[];
  /**
   * Called once the (final) TLS 1.3 ServerHello is seen, once per side: opens that side's encrypted
   * handshake records. Undefined if its keys are unavailable.
   */
  decryptorFor?: (
    serverHello: ServerHelloFacts,
    clientRandom: Uint8Array,
    sender: 'client' | 'server',
  ) => RecordDecryptor | undefined;
  /** Largest handshake message accepted from the server (default 1 MiB). */
  maxMessageBytes?: number;
  /** Whether a client certificate was configured (for the Certificate message facts). */
  clientCertificateOffered?: boolean;
}

export interface HandshakeAnalysis {
  handshake: HandshakeInfo;
  /** DER certificates in wire order (empty when none were seen). */
  certificates: Uint8Array[];
  /** True when the server's Certificate message was found and read. */
  certificatesSeen: boolean;
  /** A fatal alert the server sent, if any. */
  alert?: { level: number; description: string };
  /** Records of the server flight that could not be read (e.g. encrypted with no key). */
  undecryptedRecords: number;
  clientRandom?: Uint8Array;
}

/**
 * Walks the recorded conversation in arrival order, both directions, and stops reading a side once
 * it goes encrypted with keys we don't have (TLS 1.2 after ChangeCipherSpec; the client in 1.3).
 */
export function analyzeHandshake(options: AnalyzeOptions): HandshakeAnalysis {
  const maxMessageBytes = options.maxMessageBytes ?? 1024 * 1024;
  const messages: HandshakeMessageInfo[] = [];
  const handshake: HandshakeInfo = {
    version: 'unknown',
    cipherSuite: 'unknown',
    helloRetryRequest: false,
    resumed: false,
    clientCertificateSent: false,
    messages,
  };
  const analysis: HandshakeAnalysis = {
    handshake,
    certificates: [],
    certificatesSeen: false,
    undecryptedRecords: 0,
  };
  const sides = {
    client: {
      pending: new Uint8Array(0),
      offset: 0,
      done: false,
      /** TLS 1.2: ChangeCipherSpec seen; the next handshake record is the encrypted Finished. */
      awaitingFinished: false,
      reassembler: new HandshakeReassembler(maxMessageBytes),
    },
    server: {
      pending: new Uint8Array(0),
      offset: 0,
      done: false,
      awaitingFinished: false,
      reassembler: new HandshakeReassembler(maxMessageBytes),
    },
  };
  let decrypt: RecordDecryptor | undefined;
  let decryptClient: RecordDecryptor | undefined;
  let tls13 = false;
  let sawServerHello = false;

  for (const chunk of options.chunks) {
    const side = sides[chunk.from];
    if (side.done) continue;
    const joined = new Uint8Array(side.pending.length + chunk.bytes.length);
    joined.set(side.pending);
    joined.set(chunk.bytes, side.pending.length);
    const { records, remainder } = splitRecords(joined, side.offset);
    side.offset += joined.length - remainder;
    side.pending = joined.slice(joined.length - remainder);
    for (const record of records) {
      if (side.done) break;
      if (chunk.from === 'client') readClientRecord(record);
      else readServerRecord(record);
    }
  }
  // A ChangeCipherSpec whose Finished record was never captured: still listed, with no size.
  for (const direction of ['client', 'server'] as const)
    if (sides[direction].awaitingFinished && !sides[direction].done)
      messages.push(encryptedFinished(direction, undefined));
  if (handshake.certificateRequest) {
    handshake.clientCertificateSent ||= Boolean(options.clientCertificateOffered) && !tls13;
  }
  return analysis;

  function readClientRecord(record: TlsRecord): void {
    if (record.type === ContentType.changeCipherSpec) {
      if (!tls13) {
        messages.push({
          direction: 'client',
          name: 'ChangeCipherSpec',
          size: record.fragment.length,
          encrypted: false,
          facts: [],
        });
        sides.client.awaitingFinished = true;
      }
      return;
    }
    if (sides.client.awaitingFinished) {
      messages.push(encryptedFinished('client', record));
      sides.client.done = true;
      return;
    }
    if (tls13 && record.type === ContentType.applicationData) {
      readClientTls13Flight(record);
      return;
    }
    if (record.type !== ContentType.handshake) return;
    for (const message of sides.client.reassembler.push(record.fragment, false)) {
      if (message.type === 1) {
        analysis.clientRandom ??= message.body.subarray(2, 34).slice();
        messages.push(describeClientHello(message));
      } else {
        messages.push(describeClientMessage(message));
      }
    }
  }

  /**
   * TLS 1.3: our second flight (Certificate, CertificateVerify, Finished) goes encrypted. Opened
   * with our own handshake key it is listed message by message, as openssl -msg shows it; without
   * the key (or if it fails to open), as one encrypted flight of its record's size.
   */
  function readClientTls13Flight(record: TlsRecord): void {
    let inner: Uint8Array | undefined;
    try {
      inner = decryptClient?.(record);
    } catch {
      decryptClient = undefined;
    }
    if (!inner) {
      messages.push({
        direction: 'client',
        name: 'Finished',
        size: record.fragment.length,
        encrypted: true,
        facts: [{ label: 'note', value: 'our encrypted flight, not opened' }],
      });
      if (options.clientCertificateOffered && handshake.certificateRequest) {
        handshake.clientCertificateSent = true;
        messages.splice(messages.length - 1, 0, {
          direction: 'client',
          name: 'Certificate',
          size: 0,
          encrypted: true,
          facts: [],
        });
      }
      sides.client.done = true;
      return;
    }
    let end = inner.length;
    while (end > 0 && inner[end - 1] === 0) end--;
    const contentType = end > 0 ? inner[end - 1] : 0;
    if (contentType !== ContentType.handshake) return;
    for (const message of sides.client.reassembler.push(inner.subarray(0, end - 1), true)) {
      messages.push(describeClientMessage(message));
      if (message.type === 20) sides.client.done = true;
    }
  }

  /**
   * A TLS 1.2 Finished, encrypted under keys we don't hold. With an AEAD suite its size is the
   * record's less the suite's fixed overhead (explicit nonce and tag), as `openssl -msg` shows it
   * decrypted; a CBC record's MAC and padding can't be told apart from the message, so no size.
   */
  function encryptedFinished(
    direction: 'client' | 'server',
    record: TlsRecord | undefined,
  ): HandshakeMessageInfo {
    const overhead = aeadOverhead(handshake.cipherSuite);
    const size =
      record && record.type === ContentType.handshake && overhead !== undefined
        ? record.fragment.length - overhead
        : 0;
    return {
      direction,
      name: 'Finished',
      size: size > 4 ? size : 0,
      encrypted: true,
      facts: [],
    };
  }

  function describeClientMessage(message: HandshakeMessage): HandshakeMessageInfo {
    const facts: HandshakeFact[] = [];
    if (message.type === 11) {
      const count = safely(() => parseCertificateMessage(message.body, tls13).length);
      handshake.clientCertificateSent = (count ?? 0) > 0;
      facts.push({ label: 'certificates', value: String(count ?? '?') });
    }
    if (message.type === 15) {
      const scheme = safely(() => new Reader(message.body, 'CertificateVerify').u16());
      if (scheme !== undefined)
        facts.push({ label: 'signature', value: nameOf(signatureSchemeNames, scheme) });
    }
    return {
      direction: 'client',
      name: nameOf(handshakeTypeNames, message.type),
      size: message.raw.length,
      encrypted: message.encrypted,
      facts,
    };
  }

  function readServerRecord(record: TlsRecord): void {
    if (record.type === ContentType.alert) {
      readAlert(record.fragment, false);
      sides.server.done = true;
      return;
    }
    if (record.type === ContentType.changeCipherSpec) {
      if (!tls13) {
        messages.push({
          direction: 'server',
          name: 'ChangeCipherSpec',
          size: record.fragment.length,
          encrypted: false,
          facts: [],
        });
        // Everything after the server's CCS in TLS 1.2 is encrypted with keys we don't have: its
        // Finished is known by its record alone.
        if (sawServerHello) sides.server.awaitingFinished = true;
        else messages.push(encryptedFinished('server', undefined));
      }
      return;
    }
    if (sides.server.awaitingFinished) {
      messages.push(encryptedFinished('server', record));
      sides.server.done = true;
      return;
    }
    let fragment = record.fragment;
    let contentType = record.type;
    let encrypted = false;
    if (record.type === ContentType.applicationData) {
      if (!tls13 || !decrypt) {
        analysis.undecryptedRecords++;
        return;
      }
      const inner = decrypt(record);
      let end = inner.length;
      while (end > 0 && inner[end - 1] === 0) end--;
      if (end === 0)
        throw new TlsParseError('a decrypted record had no content type', 'malformed', record.offset);
      contentType = inner[end - 1];
      fragment = inner.subarray(0, end - 1);
      encrypted = true;
      if (contentType === ContentType.alert) {
        readAlert(fragment, true);
        sides.server.done = true;
        return;
      }
    }
    if (contentType !== ContentType.handshake) return;
    for (const message of sides.server.reassembler.push(fragment, encrypted)) {
      if (message.type === 2) {
        const hello = parseServerHello(message.body);
        sawServerHello = true;
        messages.push(describeServerHello(message, hello));
        if (hello.isHelloRetryRequest) {
          handshake.helloRetryRequest = true;
          tls13 = true;
          continue;
        }
        handshake.version = nameOf(versionNames, hello.version);
        handshake.cipherSuite = nameOf(cipherSuiteNames, hello.cipherSuite);
        if (hello.group !== undefined) handshake.group = nameOf(namedGroupNames, hello.group);
        if (hello.alpn) handshake.alpn = hello.alpn;
        if (hello.sctList) handshake.sctList = hello.sctList;
        tls13 = hello.version === 0x0304;
        if (tls13 && analysis.clientRandom) {
          decrypt = options.decryptorFor?.(hello, analysis.clientRandom, 'server');
          decryptClient = options.decryptorFor?.(hello, analysis.clientRandom, 'client');
        }
        continue;
      }
      messages.push(describeServerMessage(message, tls13, handshake, analysis));
      // TLS 1.3 ends the server flight with Finished; what follows (tickets) is not handshake news.
      if (tls13 && message.type === 20) sides.server.done = true;
    }
  }

  function readAlert(fragment: Uint8Array, encrypted: boolean): void {
    if (fragment.length < 2) return;
    const description = nameOf(alertNames, fragment[1]);
    analysis.alert = { level: fragment[0], description };
    messages.push({
      direction: 'server',
      name: 'Alert',
      size: fragment.length,
      encrypted,
      facts: [{ label: 'alert', value: `${fragment[0] === 2 ? 'fatal' : 'warning'}: ${description}` }],
    });
  }
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export function parseServerHello(body: Uint8Array): ServerHelloFacts {
  const reader = new Reader(body, 'ServerHello');
  const legacyVersion = reader.u16();
  const random = reader.bytesOf(32);
  const sessionIdEcho = reader.vector8();
  const cipherSuite = reader.u16();
  reader.u8(); // compression
  const facts: ServerHelloFacts = {
    version: legacyVersion,
    cipherSuite,
    random,
    sessionIdEcho,
    isHelloRetryRequest: equalBytes(random, helloRetryRandom),
  };
  if (reader.remaining >= 2) {
    forEachExtension(reader.vector16(), (type, data) => {
      const ext = new Reader(data, 'ServerHello extension');
      if (type === extensionTypes.supportedVersions) facts.version = ext.u16();
      if (type === extensionTypes.keyShare) facts.group = ext.u16();
      if (type === extensionTypes.alpn) facts.alpn = readAlpn(data);
      if (type === extensionTypes.signedCertificateTimestamp) facts.sctList = data.slice();
    });
  }
  return facts;
}

function describeClientHello(message: HandshakeMessage): HandshakeMessageInfo {
  const facts: HandshakeFact[] = [];
  try {
    const reader = new Reader(message.body, 'ClientHello');
    reader.u16();
    reader.bytesOf(32);
    reader.vector8();
    const suites = reader.vector16();
    facts.push({ label: 'cipher suites offered', value: String(suites.length / 2) });
    reader.vector8();
    if (reader.remaining >= 2) {
      forEachExtension(reader.vector16(), (type, data) => {
        if (type === extensionTypes.serverName) {
          const ext = new Reader(data, 'server_name');
          ext.u16();
          ext.u8();
          facts.push({ label: 'SNI', value: new TextDecoder().decode(ext.vector16()) });
        }
        if (type === extensionTypes.supportedVersions) {
          const list = new Reader(data).vector8();
          const versions: string[] = [];
          for (let i = 0; i + 1 < list.length; i += 2)
            versions.push(nameOf(versionNames, (list[i] << 8) | list[i + 1]));
          facts.push({ label: 'versions offered', value: versions.join(', ') });
        }
        if (type === extensionTypes.alpn)
          facts.push({ label: 'ALPN offered', value: readAlpnList(data).join(', ') });
      });
    }
  } catch {
    // A ClientHello we made ourselves; facts are a courtesy.
  }
  return { direction: 'client', name: 'ClientHello', size: message.raw.length, encrypted: false, facts };
}

function describeServerHello(message: HandshakeMessage, hello: ServerHelloFacts): HandshakeMessageInfo {
  const facts: HandshakeFact[] = [];
  if (!hello.isHelloRetryRequest)
    facts.push({ label: 'version', value: nameOf(versionNames, hello.version) });
  facts.push({ label: 'cipher suite', value: nameOf(cipherSuiteNames, hello.cipherSuite) });
  if (hello.group !== undefined) {
    facts.push({
      label: hello.isHelloRetryRequest ? 'asks for group' : 'key exchange',
      value: nameOf(namedGroupNames, hello.group),
    });
  }
  if (hello.alpn) facts.push({ label: 'ALPN', value: hello.alpn });
  return {
    direction: 'server',
    name: hello.isHelloRetryRequest ? 'HelloRetryRequest' : 'ServerHello',
    size: message.raw.length,
    encrypted: false,
    facts,
  };
}

function describeServerMessage(
  message: HandshakeMessage,
  tls13: boolean,
  handshake: HandshakeInfo,
  analysis: HandshakeAnalysis,
): HandshakeMessageInfo {
  const name = nameOf(handshakeTypeNames, message.type);
  const info: HandshakeMessageInfo = {
    direction: 'server',
    name,
    size: message.raw.length,
    encrypted: message.encrypted,
    facts: [],
  };
  const facts = info.facts;
  switch (message.type) {
    case 8: {
      // EncryptedExtensions (TLS 1.3)
      forEachExtension(new Reader(message.body, 'EncryptedExtensions').vector16(), (type, data) => {
        if (type === extensionTypes.alpn) {
          handshake.alpn = readAlpn(data);
          facts.push({ label: 'ALPN', value: handshake.alpn ?? '' });
        }
        if (type === extensionTypes.serverName) facts.push({ label: 'SNI', value: 'acknowledged' });
      });
      break;
    }
    case 11: {
      const certificates = parseCertificateMessage(message.body, tls13, handshake);
      analysis.certificates = certificates;
      analysis.certificatesSeen = true;
      facts.push({ label: 'certificates', value: String(certificates.length) });
      // TLS 1.3 staples inside the leaf's entry (RFC 8446 §4.4.2.1), not in a message of its own.
      if (tls13 && handshake.stapledOcsp)
        facts.push({ label: 'OCSP response', value: describeOcspResponse(handshake.stapledOcsp) });
      break;
    }
    case 25:
      facts.push({ label: 'note', value: 'compressed certificate (RFC 8879); not expanded' });
      break;
    case 22: {
      // CertificateStatus (TLS 1.2): status_type(1) + ocsp_response<1..2^24-1>
      const reader = new Reader(message.body, 'CertificateStatus');
      if (reader.u8() === 1) {
        handshake.stapledOcsp = reader.vector24().slice();
        facts.push({ label: 'OCSP response', value: describeOcspResponse(handshake.stapledOcsp) });
      }
      break;
    }
    case 12: {
      const reader = new Reader(message.body, 'ServerKeyExchange');
      if (/_DHE?_/.test(handshake.cipherSuite)) {
        // Finite-field DHE (RFC 5246 §7.4.3): dh_p<1..2^16-1>, dh_g, dh_Ys, then the signature.
        const prime = reader.vector16();
        const bits = bitLength(prime);
        handshake.group = `DH ${bits} bits`;
        const named = ffdheName(prime, bits);
        facts.push({
          label: 'key exchange',
          value: named ? `${handshake.group} (${named}, RFC 7919)` : handshake.group,
        });
      } else if (message.body.length >= 3 && reader.u8() === 3) {
        // ECDHE: curve_type(1) = named_curve, then the group.
        handshake.group = nameOf(namedGroupNames, reader.u16());
        facts.push({ label: 'key exchange', value: handshake.group });
      }
      break;
    }
    case 13: {
      handshake.certificateRequest = parseCertificateRequest(message.body, tls13);
      const names = handshake.certificateRequest.certificateAuthorityNames;
      facts.push({
        label: 'acceptable CAs',
        value: names.length ? names.join('; ') : 'any (the server named none)',
      });
      break;
    }
    case 15: {
      const reader = new Reader(message.body, 'CertificateVerify');
      facts.push({ label: 'signature', value: nameOf(signatureSchemeNames, reader.u16()) });
      break;
    }
  }
  return info;
}

/** Certificate message: TLS 1.2 is a list of DER; TLS 1.3 adds a context and per-entry extensions. */
export function parseCertificateMessage(
  body: Uint8Array,
  tls13: boolean,
  handshake?: HandshakeInfo,
): Uint8Array[] {
  const reader = new Reader(body, 'Certificate message');
  if (tls13) reader.vector8(); // certificate_request_context
  const list = new Reader(reader.vector24(), 'certificate list');
  const certificates: Uint8Array[] = [];
  while (list.remaining > 0) {
    certificates.push(list.vector24().slice());
    if (tls13) {
      const extensions = list.vector16();
      if (certificates.length === 1 && handshake) {
        forEachExtension(extensions, (type, data) => {
          const ext = new Reader(data, 'certificate entry extension');
          if (type === extensionTypes.statusRequest && ext.u8() === 1)
            handshake.stapledOcsp = ext.vector24().slice();
          if (type === extensionTypes.signedCertificateTimestamp) handshake.sctList = data.slice();
        });
      }
    }
  }
  return certificates;
}

function parseCertificateRequest(body: Uint8Array, tls13: boolean): CertificateRequestInfo {
  const reader = new Reader(body, 'CertificateRequest');
  const info: CertificateRequestInfo = {
    certificateAuthorities: [],
    certificateAuthorityNames: [],
    signatureAlgorithms: [],
  };
  const readSchemes = (data: Uint8Array) => {
    for (let i = 0; i + 1 < data.length; i += 2)
      info.signatureAlgorithms.push(nameOf(signatureSchemeNames, (data[i] << 8) | data[i + 1]));
  };
  const readNames = (data: Uint8Array) => {
    const names = new Reader(data, 'certificate authorities');
    while (names.remaining > 0) {
      const name = names.vector16().slice();
      info.certificateAuthorities.push(name);
      info.certificateAuthorityNames.push(distinguishedNameText(name));
    }
  };
  if (tls13) {
    reader.vector8(); // context
    forEachExtension(reader.vector16(), (type, data) => {
      if (type === extensionTypes.signatureAlgorithms) readSchemes(new Reader(data).vector16());
      if (type === extensionTypes.certificateAuthorities) readNames(new Reader(data).vector16());
    });
  } else {
    reader.vector8(); // certificate_types
    readSchemes(reader.vector16());
    readNames(reader.vector16());
  }
  return info;
}

/** A DER Name as RFC 4514 text (`CN=Client Root,O=Example`); never throws on a hostile name. */
export function distinguishedNameText(der: Uint8Array): string {
  try {
    return toRfc4514(readName(der, readWhole(der, 'distinguished name'))) || '(an empty name)';
  } catch {
    return `(an unreadable name, ${der.length} bytes)`;
  }
}

function bitLength(unsigned: Uint8Array): number {
  let start = 0;
  while (start < unsigned.length && unsigned[start] === 0) start++;
  if (start === unsigned.length) return 0;
  return (unsigned.length - start - 1) * 8 + (32 - Math.clz32(unsigned[start]));
}

/**
 * The RFC 7919 groups all share the same leading 64 and trailing 64 bits (e's digits between
 * runs of ones), so a prime of one of their sizes with that frame is one of them.
 */
function ffdheName(prime: Uint8Array, bits: number): string | undefined {
  const hex = Array.from(prime, (byte) => byte.toString(16).padStart(2, '0'))
    .join('')
    .replace(/^(00)+/, '');
  const framed = hex.startsWith('ffffffffffffffffadf85458a2bb4a9a') && hex.endsWith('ffffffffffffffff');
  return framed && [2048, 3072, 4096, 6144, 8192].includes(bits) ? `ffdhe${bits}` : undefined;
}

function forEachExtension(block: Uint8Array, visit: (type: number, data: Uint8Array) => void): void {
  const reader = new Reader(block, 'extensions');
  while (reader.remaining > 0) {
    const type = reader.u16();
    visit(type, reader.vector16());
  }
}

function readAlpn(data: Uint8Array): string | undefined {
  return readAlpnList(data)[0];
}

function readAlpnList(data: Uint8Array): string[] {
  const list = new Reader(new Reader(data, 'ALPN').vector16(), 'ALPN list');
  const names: string[] = [];
  while (list.remaining > 0) names.push(new TextDecoder().decode(list.vector8()));
  return names;
}

/** Bytes a TLS 1.2 AEAD record adds to its plaintext (RFC 5288, 6655, 7905); undefined for others. */
function aeadOverhead(cipherSuite: string): number | undefined {
  if (/_CHACHA20_POLY1305_/.test(cipherSuite)) return 16;
  if (/_CCM_8$/.test(cipherSuite)) return 8 + 8;
  if (/_(GCM|CCM)(_|$)/.test(cipherSuite)) return 8 + 16;
  return undefined;
}
