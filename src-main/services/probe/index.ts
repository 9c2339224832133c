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
import type {
  HandshakeInfo,
  ProbeFailure,
  ProbeRequest,
  ProbeResult,
  ProbeTarget,
  SignatureFamily,
} from '../../../src-core/tls/types';
import type { ProbePhase, ProbePhaseEvent } from '../../../src-core/tls/progress';
import { describeStarttlsStall, negotiateStarttls, StarttlsError } from './starttls';
import { createTls13Decryptor, KeyLogCollector } from './tls13-keys';
import { connectThroughProxy, ProxyError } from './proxy';
import { checkClientCertificateLimits } from './client-certificate-limits';

/** Limits on what a server may send during the handshake. */
export const probeLimits = {
  /** Largest single handshake message (a Certificate message with a long chain is the big one). */
  maxMessageBytes: 1024 * 1024,
  /** Everything the server sends before the handshake completes. */
  maxHandshakeBytes: 4 * 1024 * 1024,
  /**
   * TLS 1.3 with a client certificate request: the longest we listen after the handshake for the
   * server's verdict on our flight. Most servers answer within a round trip (a ticket, or an
   * alert), which ends the wait at once; TLS 1.2 needs no wait at all.
   */
  clientCertificateVerdictMs: 500,
};

/**
 * What a handshake offers per signature family (`SignatureFamily`): the signature algorithms for
 * TLS 1.3 and 1.2, and for TLS 1.2 the cipher suites whose certificates that family signs.
 */
const familyOffer: Record<SignatureFamily, { sigalgs: string; ciphers: string }> = {
  ecdsa: {
    sigalgs: 'ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512:ECDSA+SHA1',
    ciphers: 'aECDSA:@SECLEVEL=0',
  },
  rsa: {
    sigalgs:
      'rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:rsa_pss_pss_sha256:rsa_pss_pss_sha384:rsa_pss_pss_sha512:RSA+SHA256:RSA+SHA384:RSA+SHA512:RSA+SHA1',
    ciphers: 'aRSA:@SECLEVEL=0',
  },
  // Ed25519/Ed448 certificates go with the ECDSA cipher suites in TLS 1.2 (RFC 8422 §5.1.1).
  eddsa: { sigalgs: 'ed25519:ed448', ciphers: 'aECDSA:@SECLEVEL=0' },
};

export { ProbeError } from './errors';
import { ProbeError } from './errors';

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
  const seconds = `${deadlineMs / 1000} s`;
  const sni = request.sni === null ? null : (request.sni ?? (target.isIp ? null : target.asciiHost));

  // Before OpenSSL opens a client certificate, its key-derivation work is checked against our caps.
  await checkClientCertificateLimits(request.clientCertificate);
  // The deadline names the step that was still waiting when it passed.
  let stall = () => `no complete TLS handshake within ${seconds}`;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new ProbeError('timeout', stall())), deadlineMs);
  const onCancel = () => deadline.abort(new ProbeError('cancelled', 'the inspection was cancelled'));
  signal?.addEventListener('abort', onCancel, { once: true });
  if (signal?.aborted) onCancel();
  checkClientCertificate(request.clientCertificate);
  const keys = new KeyLogCollector();
  let socket: Socket | undefined;
  let tlsSocket: TLSSocket | undefined;
  let verdictWatch: VerdictWatch | undefined;
  try {
    // DNS: every address, so the user can see (and pick among) load-balanced servers.
    const dnsStarted = performance.now();
    const looksUp = !target.isIp && !request.proxy;
    if (looksUp) {
      phase('dns', 'start', target.asciiHost);
      stall = () => `the name ${target.host} did not resolve within ${seconds}`;
    }
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
    const where: ProbeTarget = {
      host: target.host,
      asciiHost: target.asciiHost,
      port,
      sni,
      address,
      resolvedAddresses,
      isIp: target.isIp,
      ...(request.proxy ? { proxy: redactProxy(request.proxy.url) } : {}),
    };

    const connectStarted = performance.now();
    const dialled = request.proxy
      ? `the proxy ${redactProxy(request.proxy.url)}`
      : formatAddress(address, port);
    phase(
      'connect',
      'start',
      request.proxy ? `proxy ${redactProxy(request.proxy.url)}` : formatAddress(address, port),
    );
    stall = () => `no connection to ${dialled} within ${seconds}`;
    socket = await raceAbort(
      request.proxy
        ? connectThroughProxy(request.proxy, address, port, connectTimeoutMs, () => {
            phase('connect', 'end');
            phase('proxy', 'start', `CONNECT ${formatAddress(address, port)}`);
            stall = () =>
              `the proxy did not open a tunnel to ${formatAddress(address, port)} within ${seconds}`;
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
      await raceAbort(
        negotiateStarttls(socket, starttls, {
          xmppDomain: request.xmppDomain ?? sni ?? target.asciiHost,
          onWait: (wait) => (stall = () => describeStarttlsStall(wait, seconds)),
        }),
        deadline.signal,
      ).catch((error: unknown) => {
        throw error instanceof StarttlsError ? new ProbeError('starttls', error.message) : error;
      });
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
    stall = () => describeHandshakeStall(recorder, seconds);
    const handshakeDone = new Promise<TLSSocket>((resolve, reject) => {
      const family = request.signatureFamily ? familyOffer[request.signatureFamily] : undefined;
      const options: ConnectionOptions & { requestOCSP: boolean } = {
        socket: recorder,
        ...(sni ? { servername: sni } : {}),
        rejectUnauthorized: false,
        requestOCSP: true,
        ALPNProtocols: ['h2', 'http/1.1'],
        minVersion: request.minVersion ?? 'TLSv1',
        maxVersion: request.maxVersion ?? 'TLSv1.3',
        // Old servers are exactly what people debug: let OpenSSL talk to them.
        ciphers: family?.ciphers ?? 'DEFAULT:@SECLEVEL=0',
        ...(family ? { sigalgs: family.sigalgs } : {}),
        ...clientCertificateOptions(request.clientCertificate),
      };
      const connecting = tlsConnect(options);
      tlsSocket = connecting;
      // Attached right after connect: the ClientHello is out, the secrets arrive after ServerHello.
      connecting.on('keylog', (line) => keys.add(line));
      connecting.once('secureConnect', () => {
        // Listen for what the server says next from this very moment: a TLS 1.3 ticket can come
        // a round trip later, before a listener attached after the analysis would see it.
        verdictWatch = watchServerVerdict(connecting);
        resolve(connecting);
      });
      connecting.once('error', reject);
      connecting.once('close', () =>
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
        decryptorFor: (serverHello, clientRandom, sender) => {
          const secret = keys.handshakeSecret(clientRandom, sender);
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
      throw explainFailure(handshakeError, {
        analysis,
        analysisError,
        serverBytes,
        peerEnded: recorder.peerEnded,
        clientCertificateOffered: Boolean(request.clientCertificate),
        target: where,
      });
    }
    const connected = tlsSocket as unknown as TLSSocket;
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
    if (!handshake.group && ephemeral && 'type' in ephemeral) {
      if (ephemeral.type === 'DH' && ephemeral.size) handshake.group = `DH ${ephemeral.size} bits`;
      else if ('name' in ephemeral && ephemeral.name) handshake.group = String(ephemeral.name);
    }
    let verdictWaitMs: number | undefined;
    if (handshake.certificateRequest) {
      const waitStarted = performance.now();
      await judgeClientCertificate(handshake, verdictWatch, notes, Boolean(request.clientCertificate));
      if (handshake.clientCertificateVerdict !== 'server-finished')
        verdictWaitMs = performance.now() - waitStarted;
    }
    if (/^(SSL 3\.0|TLS 1\.0|TLS 1\.1)$/.test(handshake.version)) {
      notes.push(
        `The server negotiated ${handshake.version}, which browsers no longer accept (they require TLS 1.2 or later).`,
      );
    }
    const totalMs = performance.now() - started;
    return {
      target: where,
      presented,
      presentedSource,
      handshake,
      timings: {
        dnsMs,
        connectMs,
        starttlsMs,
        tlsMs,
        ...(verdictWaitMs !== undefined ? { verdictWaitMs } : {}),
        totalMs,
      },
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
    verdictWatch?.stop();
    tlsSocket?.destroy();
    socket?.destroy();
  }
}

/** What the server sent after the handshake: the first sign of its verdict on our flight. */
type ServerVerdict =
  | { kind: 'message' }
  | { kind: 'alert'; alert: string }
  | { kind: 'close'; detail?: string }
  | { kind: 'silence' };

interface VerdictWatch {
  /** The first verdict, or `silence` once `ms` have passed without one. */
  next(ms: number): Promise<ServerVerdict>;
  stop(): void;
}

/** Starts listening on a connected socket for a ticket, data, an alert or a close. */
function watchServerVerdict(socket: TLSSocket): VerdictWatch {
  let verdict: ServerVerdict | undefined;
  let wake: (() => void) | undefined;
  const settle = (found: ServerVerdict) => {
    verdict ??= found;
    wake?.();
  };
  const onMessage = () => settle({ kind: 'message' });
  const onError = (error: NodeJS.ErrnoException) => {
    const match = /ALERT_([A-Z_]+)$/.exec(error.code ?? '');
    settle(
      match
        ? { kind: 'alert', alert: match[1].toLowerCase() }
        : { kind: 'close', detail: error.code ?? error.message },
    );
  };
  const onEnd = () => settle({ kind: 'close' });
  socket.on('session', onMessage);
  socket.on('data', onMessage);
  socket.on('error', onError);
  socket.on('end', onEnd);
  socket.on('close', onEnd);
  return {
    next: (ms) =>
      new Promise((resolve) => {
        if (verdict) return resolve(verdict);
        const timer = setTimeout(() => resolve(verdict ?? { kind: 'silence' }), ms);
        wake = () => {
          clearTimeout(timer);
          resolve(verdict as ServerVerdict);
        };
        socket.resume();
      }),
    stop: () => {
      socket.off('session', onMessage);
      socket.off('data', onMessage);
      socket.off('error', onError);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      // The probe destroys the socket next; an error from that is nobody's news.
      socket.on('error', () => undefined);
    },
  };
}

/**
 * Whether the server took our client certificate (or its absence). TLS 1.2: its Finished came
 * after it judged our flight, so the completed handshake is the answer, with no wait. TLS 1.3:
 * the client finishes first and the server answers after — a ticket (it went on), an alert
 * (refused) or a close — so we wait for that, and no longer than the budget.
 */
async function judgeClientCertificate(
  handshake: HandshakeInfo,
  watch: VerdictWatch | undefined,
  notes: string[],
  offered: boolean,
): Promise<void> {
  if (handshake.version !== 'TLS 1.3') {
    handshake.clientCertificateAccepted = true;
    handshake.clientCertificateVerdict = 'server-finished';
    return;
  }
  const verdict: ServerVerdict = watch
    ? await watch.next(probeLimits.clientCertificateVerdictMs)
    : { kind: 'silence' };
  if (verdict.kind === 'message' || verdict.kind === 'silence') {
    handshake.clientCertificateAccepted = true;
    handshake.clientCertificateVerdict = verdict.kind === 'message' ? 'post-handshake-message' : 'silence';
    return;
  }
  handshake.clientCertificateAccepted = false;
  handshake.clientCertificateVerdict = verdict.kind;
  if (verdict.kind === 'alert') {
    handshake.postHandshakeAlert = verdict.alert;
    notes.push(
      verdict.alert === 'certificate_required'
        ? 'The server requires a client certificate (two-way TLS) and closed the connection without one.'
        : `The server refused the connection after the handshake with the alert "${verdict.alert}"${offered ? ': it did not accept the client certificate' : ''}.`,
    );
  } else {
    notes.push(
      `The server closed the connection right after the handshake, without an alert: it most likely ${offered ? 'refused the client certificate' : 'requires a client certificate'}.`,
    );
  }
}

/** The deadline's words for a stalled handshake: what the server had sent by then. */
function describeHandshakeStall(recorder: RecordingDuplex, seconds: string): string {
  if (recorder.serverBytes === 0)
    return `no complete TLS handshake within ${seconds}: the server sent nothing after our ClientHello`;
  let last: string | undefined;
  try {
    last = analyzeHandshake({ chunks: recorder.chunks })
      .handshake.messages.filter((message) => message.direction === 'server')
      .at(-1)?.name;
  } catch {
    // a partial or unreadable flight: say how much came
  }
  return `no complete TLS handshake within ${seconds}: the server stopped ${last ? `after its ${last}` : `after ${recorder.serverBytes} bytes`}`;
}

/** Opens the client certificate before connecting, so a wrong password is said plainly. */
function checkClientCertificate(client: ProbeRequest['clientCertificate']): void {
  if (!client) return;
  try {
    createSecureContext(clientCertificateOptions(client));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if ('pkcs12' in client) {
      const passwordProblem = /mac verify|password|decrypt/i.test(reason);
      throw new ProbeError(
        'client-certificate',
        passwordProblem && client.password === ''
          ? 'the PKCS#12 file is protected by a password, and none was given'
          : passwordProblem
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
      // A reset that lands before the connect callback: the server accepted and reset at once.
      else if (error.code === 'ECONNRESET' || error.code === 'EPIPE')
        reject(
          new ProbeError(
            'reset',
            `the server reset the connection as soon as it was accepted, before answering the ClientHello (not a TLS port, or TLS refused)`,
          ),
        );
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

interface FailureContext {
  analysis: HandshakeAnalysis | undefined;
  analysisError: unknown;
  serverBytes: Buffer;
  /** The server closed its side cleanly (FIN) rather than resetting the connection. */
  peerEnded: boolean;
  clientCertificateOffered: boolean;
  target: ProbeTarget;
}

/** Alerts a server ends a handshake with when it won't take the client certificate (or none). */
const clientCertificateAlerts = new Set([
  'handshake_failure',
  'certificate_required',
  'bad_certificate',
  'unsupported_certificate',
  'certificate_revoked',
  'certificate_expired',
  'certificate_unknown',
  'unknown_ca',
  'access_denied',
  'decrypt_error',
]);

/** Turns a failed handshake into one specific, plain message, with what was learned. */
function explainFailure(error: unknown, context: FailureContext): ProbeError {
  const { analysis, analysisError, serverBytes, peerEnded, target } = context;
  if (error instanceof ProbeError && error.code !== 'closed') return error;
  const handshake = analysis?.handshake;
  const partial: ProbeFailure['partial'] = handshake
    ? {
        target,
        version: handshake.version,
        cipherSuite: handshake.cipherSuite,
        ...(handshake.group ? { group: handshake.group } : {}),
        ...(handshake.alpn ? { alpn: handshake.alpn } : {}),
        messages: handshake.messages,
        ...(handshake.certificateRequest ? { certificateRequest: handshake.certificateRequest } : {}),
        ...(handshake.stapledOcsp ? { stapledOcsp: handshake.stapledOcsp } : {}),
        ...(handshake.sctList ? { sctList: handshake.sctList } : {}),
        clientCertificateSent: handshake.clientCertificateSent,
        // A chain that was read is kept: it is evidence even when the handshake then failed.
        ...(analysis.certificatesSeen ? { presented: analysis.certificates } : {}),
      }
    : undefined;
  const serverMessages = (handshake?.messages ?? []).filter((message) => message.direction === 'server');
  const lastServerMessage = serverMessages.at(-1)?.name;
  if (analysisError instanceof TlsParseError) {
    if (analysisError.code === 'not-tls') return new ProbeError('not-tls', analysisError.message);
    if (analysisError.code === 'too-large') return new ProbeError('too-large', analysisError.message);
  }
  if (analysis?.alert) {
    const alert = analysis.alert.description;
    const request = handshake?.certificateRequest;
    // The server asked for a client certificate and ended the handshake once it had our answer.
    const answered = handshake?.messages.some(
      (message) =>
        message.direction === 'client' && /^(Certificate|ClientKeyExchange|Finished)$/.test(message.name),
    );
    if (request && answered && clientCertificateAlerts.has(alert)) {
      const names = request.certificateAuthorityNames;
      const from = names.length
        ? `it asked for one from these CAs: ${names.join('; ')}`
        : 'it named no CA: any it trusts';
      return context.clientCertificateOffered
        ? new ProbeError(
            'client-certificate-refused',
            `the server refused our client certificate (alert "${alert}"; ${from})`,
            { ...partial, alert },
          )
        : new ProbeError(
            'client-certificate-required',
            `the server requires a client certificate (${from}); we sent none, and it ended the handshake with the alert "${alert}"`,
            { ...partial, alert },
          );
    }
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
      { ...partial, alert },
    );
  }
  const version = handshake?.version;
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
  // Node reports a clean close before the handshake ends as ECONNRESET too: the FIN tells them apart.
  const dropped =
    code === 'ECONNRESET' || code === 'EPIPE' || (error instanceof ProbeError && error.code === 'closed');
  const reset = dropped && !peerEnded && (code === 'ECONNRESET' || code === 'EPIPE');
  if (serverBytes.length === 0 && dropped) {
    return new ProbeError(
      reset ? 'reset' : 'closed',
      `the server ${reset ? 'reset' : 'closed'} the connection before answering the ClientHello (not a TLS port, or TLS refused)`,
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
  if (/excessive message size/i.test(message))
    return new ProbeError(
      'malformed',
      `the server sent a handshake message larger than TLS clients accept (OpenSSL, and so curl, Python and Node, take a certificate list of at most 100 KiB)${lastServerMessage ? `; its last complete message was its ${lastServerMessage}` : ''}: no client can get its certificates`,
      partial,
    );
  const after = lastServerMessage ? ` right after its ${lastServerMessage}` : '';
  if (dropped && !reset)
    return new ProbeError(
      'closed',
      `the server closed the connection${after}, in the middle of the handshake`,
      partial,
    );
  if (reset)
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
