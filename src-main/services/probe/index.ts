/**
 * The TLS probe: connect, record every byte of the handshake, and read from those bytes the
 * certificates exactly as the server sent them (order, duplicates, extras) and the handshake
 * facts. Never verifies anything: judging is the verifier's job.
 */
import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect, createSecureContext, type ConnectionOptions, type TLSSocket } from 'node:tls';
import {
  analyzeHandshake,
  type HandshakeAnalysis,
  type RecordedChunk,
} from '../../../src-core/tls/handshake';
import { describeNonTls, TlsParseError } from '../../../src-core/tls/records';
import { parseTarget, TargetError } from '../../../src-core/tls/target';
import type { ProbeErrorCode, ProbeFailure, ProbeRequest, ProbeResult } from '../../../src-core/tls/types';
import type { ProbePhase, ProbePhaseEvent } from '../../../src-core/tls/progress';
import { negotiateStarttls, StarttlsError } from './starttls';
import { createTls13Decryptor, KeyLogCollector } from './tls13-keys';
import { connectThroughProxy, ProxyError } from './proxy';
import { checkClientCertificateLimits } from './client-certificate-limits';

/** Limits on what a server may send during the handshake. */
export const probeLimits = {
  /** Largest single handshake message (a Certificate message with a long chain is the big one). */
  maxMessageBytes: 1024 * 1024,
  /** Everything the server sends before the handshake completes. */
  maxHandshakeBytes: 4 * 1024 * 1024,
};

export class ProbeError extends Error implements ProbeFailure {
  override name = 'ProbeError';
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
    readonly partial?: ProbeFailure['partial'],
  ) {
    super(message);
  }
}

/** Records both directions of a socket while passing bytes through; a plain Duplex, on purpose. */
class RecordingDuplex extends Duplex {
  /** Both directions, in the order the bytes crossed the socket. */
  readonly chunks: RecordedChunk[] = [];
  serverBytes = 0;
  recording = true;
  /** The server closed its side cleanly (FIN), as opposed to resetting the connection. */
  peerEnded = false;

  constructor(
    private readonly socket: Socket,
    private readonly onOverflow: () => void,
  ) {
    super();
    socket.on('data', (chunk: Buffer) => {
      if (this.recording) {
        this.chunks.push({ from: 'server', bytes: chunk });
        this.serverBytes += chunk.length;
        if (this.serverBytes > probeLimits.maxHandshakeBytes) this.onOverflow();
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => {
      this.peerEnded = true;
      this.push(null);
    });
    socket.on('close', () => this.destroy());
    socket.on('error', (error) => this.destroy(error));
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.recording) this.chunks.push({ from: 'client', bytes: chunk });
    this.socket.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}

export interface ProbeEnvironment {
  /**
   * Read the certificate list from the recorded bytes (default). Where the TLS library can't run
   * over a recorded stream (Electron's BoringSSL may not), the probe falls back to the library's
   * re-linked chain and says so; tests turn capture off to exercise that path.
   */
  captureWire?: boolean;
  /** Told as each phase starts and ends, at that moment (the UI's progress line). Must not throw. */
  onPhase?: (event: ProbePhaseEvent) => void;
}

export async function probe(
  request: ProbeRequest,
  signal?: AbortSignal,
  environment: ProbeEnvironment = {},
): Promise<ProbeResult> {
  const started = performance.now();
  const phase = (name: ProbePhase, kind: ProbePhaseEvent['kind'], detail?: string) => {
    try {
      environment.onPhase?.({
        phase: name,
        kind,
        atMs: performance.now() - started,
        ...(detail ? { detail } : {}),
      });
    } catch {
      // A listener's failure is not the probe's: the inspection goes on.
    }
  };
  let target;
  try {
    target = parseTarget(request.target);
  } catch (error) {
    throw new ProbeError('bad-target', error instanceof TargetError ? error.message : String(error));
  }
  const port = request.port ?? target.port;
  const starttls = request.starttls ?? target.starttls;
  const connectTimeoutMs = request.connectTimeoutMs ?? 10_000;
  const deadlineMs = request.deadlineMs ?? 20_000;
  const sni = request.sni === null ? null : (request.sni ?? (target.isIp ? null : target.asciiHost));

  // Before OpenSSL opens a client certificate, its key-derivation work is checked against our caps.
  await checkClientCertificateLimits(request.clientCertificate);
  const deadline = new AbortController();
  const timer = setTimeout(
    () =>
      deadline.abort(new ProbeError('timeout', `no complete TLS handshake within ${deadlineMs / 1000} s`)),
    deadlineMs,
  );
  const onCancel = () => deadline.abort(new ProbeError('cancelled', 'the inspection was cancelled'));
  signal?.addEventListener('abort', onCancel, { once: true });
  if (signal?.aborted) onCancel();
  checkClientCertificate(request.clientCertificate);
  const keys = new KeyLogCollector();
  let socket: Socket | undefined;
  let tlsSocket: TLSSocket | undefined;
  try {
    // DNS: every address, so the user can see (and pick among) load-balanced servers.
    const dnsStarted = performance.now();
    const looksUp = !target.isIp && !request.proxy;
    if (looksUp) phase('dns', 'start', target.asciiHost);
    const resolvedAddresses =
      target.isIp || request.proxy
        ? target.isIp
          ? [target.asciiHost]
          : []
        : await raceAbort(
            lookup(target.asciiHost, { all: true, verbatim: true }).then((entries) =>
              entries.map((entry) => entry.address),
            ),
            deadline.signal,
          ).catch((error: unknown) => {
            if (error instanceof ProbeError) throw error;
            // With an address given, the name only goes into SNI: it need not resolve here.
            if (request.address) return [];
            throw new ProbeError(
              'dns',
              `the name ${target.host} could not be resolved (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
            );
          });
    if (request.address && !isIP(request.address))
      throw new ProbeError('bad-target', `"${request.address}" is not an IP address`);
    // Through a proxy the proxy resolves the name; otherwise connect to the chosen or first address.
    const address = request.proxy
      ? (request.address ?? target.asciiHost)
      : (request.address ?? resolvedAddresses[0]);
    const dnsMs = performance.now() - dnsStarted;
    if (looksUp)
      phase(
        'dns',
        'end',
        resolvedAddresses.length === 1 ? resolvedAddresses[0] : `${resolvedAddresses.length} addresses`,
      );

    const connectStarted = performance.now();
    phase(
      'connect',
      'start',
      request.proxy ? `proxy ${redactProxy(request.proxy.url)}` : formatAddress(address, port),
    );
    socket = await raceAbort(
      request.proxy
        ? connectThroughProxy(request.proxy, address, port, connectTimeoutMs, () => {
            phase('connect', 'end');
            phase('proxy', 'start', `CONNECT ${formatAddress(address, port)}`);
          }).catch((error: unknown) => {
            throw error instanceof ProxyError ? new ProbeError('proxy', error.message) : error;
          })
        : connectSocket(address, port, connectTimeoutMs),
      deadline.signal,
    );
    phase(request.proxy ? 'proxy' : 'connect', 'end');
    const connectMs = performance.now() - connectStarted;

    let starttlsMs: number | undefined;
    if (starttls) {
      const starttlsStarted = performance.now();
      phase('starttls', 'start', starttls);
      await raceAbort(negotiateStarttls(socket, starttls, target.asciiHost), deadline.signal).catch(
        (error: unknown) => {
          throw error instanceof StarttlsError ? new ProbeError('starttls', error.message) : error;
        },
      );
      starttlsMs = performance.now() - starttlsStarted;
      phase('starttls', 'end');
    }

    const tlsStarted = performance.now();
    phase('handshake', 'start', sni ? `SNI ${sni}` : 'no SNI');
    const recorder = new RecordingDuplex(socket, () =>
      deadline.abort(
        new ProbeError(
          'too-large',
          `the server sent more than ${probeLimits.maxHandshakeBytes} bytes during the handshake`,
        ),
      ),
    );
    const handshakeDone = new Promise<TLSSocket>((resolve, reject) => {
      const options: ConnectionOptions & { requestOCSP: boolean } = {
        socket: recorder,
        ...(sni ? { servername: sni } : {}),
        rejectUnauthorized: false,
        requestOCSP: true,
        ALPNProtocols: ['h2', 'http/1.1'],
        minVersion: request.minVersion ?? 'TLSv1',
        maxVersion: request.maxVersion ?? 'TLSv1.3',
        // Old servers are exactly what people debug: let OpenSSL talk to them.
        ciphers: 'DEFAULT:@SECLEVEL=0',
        ...clientCertificateOptions(request.clientCertificate),
      };
      tlsSocket = tlsConnect(options);
      // Attached right after connect: the ClientHello is out, the secrets arrive after ServerHello.
      tlsSocket.on('keylog', (line) => keys.add(line));
      tlsSocket.once('secureConnect', () => resolve(tlsSocket as TLSSocket));
      tlsSocket.once('error', reject);
      tlsSocket.once('close', () =>
        reject(new ProbeError('closed', 'the server closed the connection during the handshake')),
      );
    });
    let handshakeError: unknown;
    try {
      await raceAbort(handshakeDone, deadline.signal);
    } catch (error) {
      handshakeError = error;
    }
    recorder.recording = false;
    const tlsMs = performance.now() - tlsStarted;
    if (handshakeError === undefined) phase('handshake', 'end', tlsSocket?.getProtocol() ?? undefined);

    let analysis: HandshakeAnalysis | undefined;
    let analysisError: unknown;
    try {
      analysis = analyzeHandshake({
        chunks: recorder.chunks,
        maxMessageBytes: probeLimits.maxMessageBytes,
        clientCertificateOffered: Boolean(request.clientCertificate),
        decryptorFor: (serverHello, clientRandom) => {
          const secret = keys.serverHandshakeSecret(clientRandom);
          return secret ? createTls13Decryptor(serverHello, secret) : undefined;
        },
      });
    } catch (error) {
      analysisError = error;
    }

    if (handshakeError !== undefined) {
      const serverBytes = Buffer.concat(
        recorder.chunks.filter((chunk) => chunk.from === 'server').map((chunk) => chunk.bytes),
      );
      throw explainFailure(handshakeError, analysis, analysisError, serverBytes, recorder.peerEnded);
    }
    const connected = tlsSocket as TLSSocket;
    const notes: string[] = [];
    let presented: Uint8Array[];
    let presentedSource: ProbeResult['presentedSource'] = 'wire';
    if (environment.captureWire === false) {
      analysisError = new Error('wire capture is not available in this runtime');
    }
    if (analysis?.certificatesSeen && environment.captureWire !== false) {
      presented = analysis.certificates;
    } else {
      // The capture failed (a TLS library that doesn't run over a plain Duplex, an unknown cipher…):
      // fall back to the library's re-linked chain, and say so.
      presented = relinkedChain(connected);
      presentedSource = 'relinked';
      notes.push(
        `The certificate list could not be read from the wire (${analysisError instanceof Error ? analysisError.message : 'the Certificate message was not captured'}); showing the TLS library's re-linked chain, which may be reordered and may include roots from the local store.`,
      );
    }
    const handshake = analysis?.handshake ?? {
      version: connected.getProtocol() ?? 'unknown',
      cipherSuite: connected.getCipher()?.standardName ?? 'unknown',
      helloRetryRequest: false,
      resumed: false,
      clientCertificateSent: Boolean(request.clientCertificate),
      messages: [],
    };
    handshake.resumed = connected.isSessionReused();
    handshake.alpn ||= connected.alpnProtocol || undefined;
    const ephemeral = connected.getEphemeralKeyInfo();
    if (!handshake.group && ephemeral && 'name' in ephemeral && ephemeral.name)
      handshake.group = String(ephemeral.name);
    if (handshake.certificateRequest) {
      // TLS 1.3 servers judge our certificate (or its absence) after the client is done: listen briefly.
      const alert = await alertAfterHandshake(connected, 500);
      handshake.clientCertificateAccepted = !alert;
      if (alert) {
        handshake.postHandshakeAlert = alert;
        notes.push(
          alert === 'certificate_required'
            ? 'The server requires a client certificate (two-way TLS) and closed the connection without one.'
            : `The server refused the connection after the handshake with the alert "${alert}"${request.clientCertificate ? ': it did not accept the client certificate' : ''}.`,
        );
      }
    }
    if (/^(SSL 3\.0|TLS 1\.0|TLS 1\.1)$/.test(handshake.version)) {
      notes.push(
        `The server negotiated ${handshake.version}, which browsers no longer accept (they require TLS 1.2 or later).`,
      );
    }
    connected.destroy();
    const totalMs = performance.now() - started;
    return {
      target: {
        host: target.host,
        asciiHost: target.asciiHost,
        port,
        sni,
        address,
        resolvedAddresses,
        isIp: target.isIp,
        ...(request.proxy ? { proxy: redactProxy(request.proxy.url) } : {}),
      },
      presented,
      presentedSource,
      handshake,
      timings: { dnsMs, connectMs, starttlsMs, tlsMs, totalMs },
      notes,
    };
  } catch (error) {
    if (
      deadline.signal.aborted &&
      deadline.signal.reason instanceof ProbeError &&
      !(error instanceof ProbeError && error.code !== 'closed' && error.code !== 'reset')
    ) {
      throw deadline.signal.reason;
    }
    throw error instanceof ProbeError
      ? error
      : new ProbeError('malformed', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCancel);
    keys.clear();
    tlsSocket?.destroy();
    socket?.destroy();
  }
}

/** Resolves with the alert's name if the server sends one within `ms`, else undefined. */
function alertAfterHandshake(socket: TLSSocket, ms: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const done = (alert: string | undefined) => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(alert);
    };
    const onError = (error: NodeJS.ErrnoException) => {
      const match = /ALERT_([A-Z_]+)$/.exec(error.code ?? '');
      done(match ? match[1].toLowerCase() : error.message);
    };
    const timer = setTimeout(() => done(undefined), ms);
    socket.on('error', onError);
    socket.resume();
  });
}

/** Opens the client certificate before connecting, so a wrong password is said plainly. */
function checkClientCertificate(client: ProbeRequest['clientCertificate']): void {
  if (!client) return;
  try {
    createSecureContext(clientCertificateOptions(client));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if ('pkcs12' in client) {
      throw new ProbeError(
        'client-certificate',
        /mac verify|password|decrypt/i.test(reason)
          ? 'the PKCS#12 file could not be opened: the password is wrong'
          : `the PKCS#12 file could not be read (${reason})`,
      );
    }
    throw new ProbeError(
      'client-certificate',
      /KEY_VALUES_MISMATCH|key values mismatch/i.test(reason)
        ? 'the client certificate and private key do not belong together'
        : `the client certificate or key could not be read (${reason})`,
    );
  }
}

function clientCertificateOptions(client: ProbeRequest['clientCertificate']): Partial<ConnectionOptions> {
  if (!client) return {};
  if ('pkcs12' in client) return { pfx: Buffer.from(client.pkcs12), passphrase: client.password };
  return { cert: client.certificatePem, key: client.privateKeyPem };
}

/** The proxy for display: never its password. */
function redactProxy(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.username = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'proxy';
  }
}

function connectSocket(address: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new ProbeError(
          'timeout',
          `no answer from ${formatAddress(address, port)} within ${timeoutMs / 1000} s (a firewall dropping packets?)`,
        ),
      );
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const where = formatAddress(address, port);
      if (error.code === 'ECONNREFUSED')
        reject(new ProbeError('refused', `nothing is listening on ${where} (connection refused)`));
      else if (error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH')
        reject(new ProbeError('unreachable', `${where} is unreachable (${error.code})`));
      else reject(new ProbeError('unreachable', `could not connect to ${where}: ${error.message}`));
    });
  });
}

function formatAddress(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Turns a failed handshake into one specific, plain message, with what was learned. */
function explainFailure(
  error: unknown,
  analysis: HandshakeAnalysis | undefined,
  analysisError: unknown,
  serverBytes: Buffer,
  peerEnded: boolean,
): ProbeError {
  if (error instanceof ProbeError && error.code !== 'closed') return error;
  const partial: ProbeFailure['partial'] = analysis
    ? {
        version: analysis.handshake.version,
        cipherSuite: analysis.handshake.cipherSuite,
        messages: analysis.handshake.messages,
        // A chain that was read is kept: it is evidence even when the handshake then failed.
        ...(analysis.certificatesSeen ? { presented: analysis.certificates } : {}),
      }
    : undefined;
  const serverMessages = (analysis?.handshake.messages ?? []).filter(
    (message) => message.direction === 'server',
  );
  const lastServerMessage = serverMessages.at(-1)?.name;
  if (analysisError instanceof TlsParseError) {
    if (analysisError.code === 'not-tls') return new ProbeError('not-tls', analysisError.message);
    if (analysisError.code === 'too-large') return new ProbeError('too-large', analysisError.message);
  }
  if (analysis?.alert) {
    const alert = analysis.alert.description;
    const hints: Record<string, string> = {
      handshake_failure:
        'the server found nothing in common with what we offered (versions, ciphers or key types)',
      unrecognized_name: 'the server does not know the name sent in SNI; try another SNI or none',
      certificate_required: 'the server requires a client certificate (two-way TLS); add one in the options',
      protocol_version: 'the server does not speak the TLS versions offered',
      access_denied: 'the server refused access',
    };
    return new ProbeError(
      'alert',
      `the server ended the handshake with the alert "${alert}"${hints[alert] ? `: ${hints[alert]}` : ''}`,
      {
        ...partial,
        alert,
      },
    );
  }
  const version = analysis?.handshake.version;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (
    version === 'TLS 1.0' ||
    version === 'TLS 1.1' ||
    version === 'SSL 3.0' ||
    /unsupported protocol|WRONG_VERSION/i.test(message)
  ) {
    return new ProbeError(
      'protocol-version',
      `the server only speaks ${version && version !== 'unknown' ? version : 'an old TLS version'}, which is no longer considered safe${version && version !== 'unknown' ? '' : ` (${message})`}`,
      partial,
    );
  }
  if (
    serverBytes.length === 0 &&
    (code === 'ECONNRESET' || (error instanceof ProbeError && error.code === 'closed'))
  ) {
    return new ProbeError(
      code === 'ECONNRESET' ? 'reset' : 'closed',
      `the server ${code === 'ECONNRESET' ? 'reset' : 'closed'} the connection before answering the ClientHello (not a TLS port, or TLS refused)`,
    );
  }
  if (serverBytes.length > 0 && serverBytes[0] !== 0x16 && serverBytes[0] !== 0x15) {
    return new ProbeError('not-tls', describeNonTls(serverBytes));
  }
  const signed = serverMessages.find(
    (message) => message.name === 'CertificateVerify' || message.name === 'ServerKeyExchange',
  );
  if (signed && isSignatureFailure(code, message)) {
    return new ProbeError(
      'bad-signature',
      `the server's ${signed.name} signature does not verify with the key of the certificate it sent: it did not prove it holds that certificate's private key (a misconfigured server, or someone in the middle)`,
      partial,
    );
  }
  const after = lastServerMessage ? ` right after its ${lastServerMessage}` : '';
  // Node reports a clean close before the handshake ends as ECONNRESET too; the FIN tells them apart.
  if ((code === 'ECONNRESET' && peerEnded) || (error instanceof ProbeError && error.code === 'closed'))
    return new ProbeError(
      'closed',
      `the server closed the connection${after}, in the middle of the handshake`,
      partial,
    );
  if (code === 'ECONNRESET')
    return new ProbeError(
      'reset',
      `the server reset the connection in the middle of the handshake${lastServerMessage ? `, after its ${lastServerMessage}` : ''}`,
      partial,
    );
  if (error instanceof ProbeError) return new ProbeError(error.code, error.message, partial);
  return new ProbeError('malformed', `the handshake failed: ${message}`, partial);
}

/**
 * OpenSSL's ways of saying a handshake signature did not verify (EC/EdDSA, RSA-PSS, PKCS#1) — an
 * RSA signature made with another key is often a number beyond this key's modulus, which OpenSSL
 * reports as "data too large for modulus".
 */
export function isSignatureFailure(code: string, message: string): boolean {
  return (
    /BAD_SIGNATURE|OCTET_INVALID|PADDING_CHECK_FAILED|INVALID_PADDING|DATA_TOO_LARGE_FOR_MODULUS|WRONG_SIGNATURE_LENGTH/.test(
      code,
    ) || /bad signature|cert_verify|RSA_verify|signature verif|data too large for modulus/i.test(message)
  );
}

function relinkedChain(socket: TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let certificate = socket.getPeerX509Certificate();
  while (certificate && !seen.has(certificate.fingerprint256)) {
    seen.add(certificate.fingerprint256);
    chain.push(new Uint8Array(certificate.raw));
    certificate = certificate.issuerCertificate;
  }
  return chain;
}
