/**
 * Hostile lab servers that no TLS library would agree to be: a minimal TLS 1.3 server written
 * over `net` (RFC 8446: x25519, TLS_AES_128_GCM_SHA256, one flight) so it can misbehave on
 * purpose where Node's and OpenSSL's servers refuse to.
 *
 * - `bad-certificate-verify`: sends a valid chain, then a CertificateVerify signed with the key
 *   of a different certificate (same key type), so the signature fails against the leaf it sent.
 *   Node's tls and `openssl s_server` both refuse a key that doesn't match the certificate.
 * - `bad-server-key-exchange`: the TLS 1.2 counterpart — a real Node TLS 1.2 server behind a relay
 *   that flips the last byte of the ServerKeyExchange signature (plaintext in TLS 1.2).
 * - `close-after-server-hello`: answers the ClientHello with a ServerHello and closes.
 */
import {
  createCipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  sign,
  constants,
  type KeyObject,
} from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { hkdfExpandLabel } from '../../src-main/services/probe/tls13-keys';
import {
  createKey,
  startNodeTlsServer,
  type KeySpec,
  type LabCert,
  type LabServer,
} from '../../src-main/services/lab';

export type HostileBehaviour =
  'bad-certificate-verify' | 'bad-server-key-exchange' | 'close-after-server-hello';

export interface HostileServerOptions {
  behaviour: HostileBehaviour;
  /** What to present, leaf first. */
  chain: LabCert[];
}

const handshakeType = {
  serverHello: 2,
  encryptedExtensions: 8,
  certificate: 11,
  certificateVerify: 15,
  finished: 20,
};
const x25519 = 0x001d;
const aes128GcmSha256 = 0x1301;

/** The signature scheme for a key type, and how to sign with it (RFC 8446 §4.2.3). */
function signer(spec: KeySpec): { scheme: number; sign: (data: Buffer, key: KeyObject) => Buffer } {
  if (spec === 'p256')
    return { scheme: 0x0403, sign: (data, key) => sign('sha256', data, { key, dsaEncoding: 'der' }) };
  if (spec === 'p384')
    return { scheme: 0x0503, sign: (data, key) => sign('sha384', data, { key, dsaEncoding: 'der' }) };
  if (spec === 'ed25519') return { scheme: 0x0807, sign: (data, key) => sign(null, data, key) };
  return {
    scheme: 0x0804,
    sign: (data, key) =>
      sign('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
  };
}

function u16(value: number): Buffer {
  return Buffer.from([value >> 8, value & 0xff]);
}
function u24(value: number): Buffer {
  return Buffer.from([value >> 16, (value >> 8) & 0xff, value & 0xff]);
}
function handshake(type: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type]), u24(body.length), body]);
}
function record(contentType: number, fragment: Buffer): Buffer {
  return Buffer.concat([Buffer.from([contentType, 0x03, 0x03]), u16(fragment.length), fragment]);
}
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
const hkdfExtract = (salt: Buffer, ikm: Buffer) => createHmac('sha256', salt).update(ikm).digest();

interface ClientHello {
  raw: Buffer;
  sessionId: Buffer;
  x25519Share?: Buffer;
  offersSuite: boolean;
}

/** Reads the first ClientHello (one record is enough for any real client's first flight). */
function parseClientHello(bytes: Buffer): ClientHello | undefined {
  if (bytes.length < 5 || bytes[0] !== 0x16) return undefined;
  const length = bytes.readUInt16BE(3);
  if (bytes.length < 5 + length) return undefined;
  const raw = bytes.subarray(5, 5 + length);
  if (raw[0] !== 1) throw new Error('the first handshake message is not a ClientHello');
  let at = 4 + 2 + 32;
  const sessionId = raw.subarray(at + 1, at + 1 + raw[at]);
  at += 1 + raw[at];
  const suites = raw.subarray(at + 2, at + 2 + raw.readUInt16BE(at));
  at += 2 + suites.length;
  at += 1 + raw[at];
  const extensionsEnd = at + 2 + raw.readUInt16BE(at);
  let x25519Share: Buffer | undefined;
  for (at += 2; at + 4 <= extensionsEnd;) {
    const type = raw.readUInt16BE(at);
    const data = raw.subarray(at + 4, at + 4 + raw.readUInt16BE(at + 2));
    at += 4 + data.length;
    if (type !== 51) continue;
    for (let share = 2; share + 4 <= data.length;) {
      const group = data.readUInt16BE(share);
      const key = data.subarray(share + 4, share + 4 + data.readUInt16BE(share + 2));
      if (group === x25519) x25519Share = key;
      share += 4 + key.length;
    }
  }
  let offersSuite = false;
  for (let i = 0; i + 1 < suites.length; i += 2) offersSuite ||= suites.readUInt16BE(i) === aes128GcmSha256;
  return { raw, sessionId, x25519Share, offersSuite };
}

/** Encrypts handshake records with the server handshake traffic key (RFC 8446 §5.2–5.3). */
function handshakeEncryptor(secret: Buffer): (message: Buffer) => Buffer {
  const key = hkdfExpandLabel('sha256', secret, 'key', Buffer.alloc(0), 16);
  const iv = hkdfExpandLabel('sha256', secret, 'iv', Buffer.alloc(0), 12);
  let sequence = 0;
  return (message) => {
    const inner = Buffer.concat([message, Buffer.from([0x16])]);
    const header = Buffer.from([0x17, 0x03, 0x03, ...u16(inner.length + 16)]);
    const nonce = Buffer.from(iv);
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ sequence++) >>> 0, 8);
    const cipher = createCipheriv('aes-128-gcm', key, nonce);
    cipher.setAAD(header);
    return Buffer.concat([header, cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
  };
}

/** Answers one ClientHello with the scripted flight; returns what to write. */
function answer(hello: ClientHello, options: HostileServerOptions, wrongKey: KeyObject): Buffer {
  if (!hello.x25519Share || !hello.offersSuite) {
    return record(0x15, Buffer.from([2, 40])); // handshake_failure: we speak one group and one suite
  }
  const ours = generateKeyPairSync('x25519');
  const ourPublic = Buffer.from(ours.publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  const theirs = createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: hello.x25519Share.toString('base64url') },
    format: 'jwk',
  });
  const serverHello = handshake(
    handshakeType.serverHello,
    Buffer.concat([
      u16(0x0303),
      randomBytes(32),
      Buffer.from([hello.sessionId.length]),
      hello.sessionId,
      u16(aes128GcmSha256),
      Buffer.from([0]),
      u16(6 + 40),
      Buffer.concat([u16(43), u16(2), u16(0x0304)]),
      Buffer.concat([u16(51), u16(36), u16(x25519), u16(32), ourPublic]),
    ]),
  );
  const helloRecords = record(0x16, serverHello);
  if (options.behaviour === 'close-after-server-hello') return helloRecords;

  const shared = diffieHellman({ privateKey: ours.privateKey, publicKey: theirs });
  const early = hkdfExtract(Buffer.alloc(32), Buffer.alloc(32));
  const derived = hkdfExpandLabel('sha256', early, 'derived', sha256(Buffer.alloc(0)), 32);
  const handshakeSecret = hkdfExtract(derived, shared);
  const transcript = [hello.raw, serverHello];
  const serverSecret = hkdfExpandLabel(
    'sha256',
    handshakeSecret,
    's hs traffic',
    sha256(Buffer.concat(transcript)),
    32,
  );
  const encrypt = handshakeEncryptor(serverSecret);
  const encryptedExtensions = handshake(handshakeType.encryptedExtensions, u16(0));
  const entries = options.chain.map((certificate) => {
    const der = Buffer.from(certificate.der);
    return Buffer.concat([u24(der.length), der, u16(0)]);
  });
  const list = Buffer.concat(entries);
  const certificate = handshake(
    handshakeType.certificate,
    Buffer.concat([Buffer.from([0]), u24(list.length), list]),
  );
  transcript.push(encryptedExtensions, certificate);
  const { scheme, sign: signWith } = signer(options.chain[0].key.spec);
  const signedContent = Buffer.concat([
    Buffer.alloc(64, 0x20),
    Buffer.from('TLS 1.3, server CertificateVerify\0', 'ascii'),
    sha256(Buffer.concat(transcript)),
  ]);
  const signature = signWith(signedContent, wrongKey);
  const certificateVerify = handshake(
    handshakeType.certificateVerify,
    Buffer.concat([u16(scheme), u16(signature.length), signature]),
  );
  transcript.push(certificateVerify);
  const finishedKey = hkdfExpandLabel('sha256', serverSecret, 'finished', Buffer.alloc(0), 32);
  const finished = handshake(
    handshakeType.finished,
    createHmac('sha256', finishedKey)
      .update(sha256(Buffer.concat(transcript)))
      .digest(),
  );
  return Buffer.concat([
    helloRecords,
    record(0x14, Buffer.from([1])), // middlebox-compatibility ChangeCipherSpec
    ...[encryptedExtensions, certificate, certificateVerify, finished].map(encrypt),
  ]);
}

/**
 * Relays a TLS 1.2 server's first flight, flipping the last byte of the ServerKeyExchange (the end
 * of its signature). Holds the server's bytes until ServerHelloDone, then passes everything on.
 */
function corruptServerKeyExchange(): (chunk: Buffer) => Buffer | undefined {
  let held = Buffer.alloc(0);
  let done = false;
  return (chunk) => {
    if (done) return chunk;
    held = Buffer.concat([held, chunk]);
    // Walk the plaintext handshake records, remembering where each handshake byte sits.
    const positions: number[] = [];
    let at = 0;
    while (at + 5 <= held.length && held[at] === 0x16) {
      const length = held.readUInt16BE(at + 3);
      if (at + 5 + length > held.length) break;
      for (let i = 0; i < length; i++) positions.push(at + 5 + i);
      at += 5 + length;
    }
    const byteAt = (index: number) => held[positions[index]];
    for (let message = 0; message + 4 <= positions.length;) {
      const type = byteAt(message);
      const end =
        message + 4 + ((byteAt(message + 1) << 16) | (byteAt(message + 2) << 8) | byteAt(message + 3));
      if (end > positions.length) break;
      if (type === 12) held[positions[end - 1]] ^= 0x01;
      if (type === 14) {
        done = true;
        return held;
      }
      message = end;
    }
    return undefined;
  };
}

async function startRelayedTls12Server(options: HostileServerOptions): Promise<LabServer> {
  const upstream = await startNodeTlsServer({ chain: options.chain, maxVersion: 'TLSv1.2' });
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const server = connect(upstream.port, '127.0.0.1');
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    const corrupt = corruptServerKeyExchange();
    client.on('data', (chunk: Buffer) => server.write(chunk));
    server.on('data', (chunk: Buffer) => {
      const out = corrupt(chunk);
      if (out) client.write(out);
    });
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  });
  return listen(relay, sockets, () => upstream.close());
}

async function listen(
  server: Server,
  sockets: Set<Socket>,
  onClose: () => Promise<void> = async () => undefined,
): Promise<LabServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    host: '127.0.0.1',
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await onClose();
    },
  };
}

export async function startHostileServer(options: HostileServerOptions): Promise<LabServer> {
  if (options.behaviour === 'bad-server-key-exchange') return startRelayedTls12Server(options);
  // "The key of a different certificate": a fresh key of the leaf's type, so only the signature is wrong.
  const wrongKey = createPrivateKey({
    key: Buffer.from((await createKey(options.chain[0].key.spec)).pkcs8),
    format: 'der',
    type: 'pkcs8',
  });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setTimeout(10_000, () => socket.destroy());
    let received = Buffer.alloc(0);
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      if (answered) return; // the client's alert or Finished: nothing more to say
      received = Buffer.concat([received, chunk]);
      try {
        const hello = parseClientHello(received);
        if (!hello) return;
        answered = true;
        const flight = answer(hello, options, wrongKey);
        if (options.behaviour === 'close-after-server-hello') socket.end(flight);
        else socket.write(flight);
      } catch {
        socket.destroy();
      }
    });
    socket.on('end', () => socket.end());
  });
  return listen(server, sockets);
}
