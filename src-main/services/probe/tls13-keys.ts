/**
 * Opens the server's encrypted TLS 1.3 handshake flight with the server handshake traffic secret
 * from the TLS library's key log (RFC 8446 §7.1–7.3, §5.2–5.3). The secret lives only in memory,
 * for the length of one probe.
 */
import { createDecipheriv, createHmac } from 'node:crypto';
import type { RecordDecryptor, ServerHelloFacts } from '../../../src-core/tls/handshake';
import type { TlsRecord } from '../../../src-core/tls/records';

interface SuiteParameters {
  cipher: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
  hash: 'sha256' | 'sha384';
  keyLength: number;
}

const suites: Record<number, SuiteParameters> = {
  0x1301: { cipher: 'aes-128-gcm', hash: 'sha256', keyLength: 16 },
  0x1302: { cipher: 'aes-256-gcm', hash: 'sha384', keyLength: 32 },
  0x1303: { cipher: 'chacha20-poly1305', hash: 'sha256', keyLength: 32 },
};

/** HKDF-Expand-Label(Secret, Label, Context, Length) from RFC 8446 §7.1. */
export function hkdfExpandLabel(
  hash: 'sha256' | 'sha384',
  secret: Buffer,
  label: string,
  context: Buffer,
  length: number,
): Buffer {
  const fullLabel = Buffer.from(`tls13 ${label}`, 'ascii');
  const info = Buffer.concat([
    Buffer.from([length >> 8, length & 0xff, fullLabel.length]),
    fullLabel,
    Buffer.from([context.length]),
    context,
  ]);
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let counter = 1; Buffer.concat(blocks).length < length; counter++) {
    previous = createHmac(hash, secret)
      .update(Buffer.concat([previous, info, Buffer.from([counter])]))
      .digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

const handshakeLabels = {
  SERVER_HANDSHAKE_TRAFFIC_SECRET: 'server',
  CLIENT_HANDSHAKE_TRAFFIC_SECRET: 'client',
} as const;

/**
 * Collects key-log lines and hands out each side's handshake traffic secret for a client random:
 * the server's opens its flight (the chain), ours opens what we sent (Certificate, CertificateVerify,
 * Finished), so both are listed exactly.
 */
export class KeyLogCollector {
  private readonly secrets = new Map<string, Buffer>();

  add(line: Buffer | string): void {
    const [label, clientRandom, secret] = line.toString('ascii').trim().split(' ');
    const sender = handshakeLabels[label as keyof typeof handshakeLabels];
    if (sender && clientRandom && secret) {
      this.secrets.set(`${sender}:${clientRandom.toLowerCase()}`, Buffer.from(secret, 'hex'));
    }
  }

  handshakeSecret(clientRandom: Uint8Array, sender: 'client' | 'server'): Buffer | undefined {
    return this.secrets.get(`${sender}:${Buffer.from(clientRandom).toString('hex')}`);
  }

  /** Forget every secret (called when the probe ends). */
  clear(): void {
    for (const secret of this.secrets.values()) secret.fill(0);
    this.secrets.clear();
  }
}

export function createTls13Decryptor(
  serverHello: ServerHelloFacts,
  secret: Buffer,
): RecordDecryptor | undefined {
  const suite = suites[serverHello.cipherSuite];
  if (!suite) return undefined;
  const key = hkdfExpandLabel(suite.hash, secret, 'key', Buffer.alloc(0), suite.keyLength);
  const iv = hkdfExpandLabel(suite.hash, secret, 'iv', Buffer.alloc(0), 12);
  let sequence = 0n;
  return (record: TlsRecord) => {
    const nonce = Buffer.from(iv);
    for (let i = 0; i < 8; i++) nonce[11 - i] ^= Number((sequence >> BigInt(8 * i)) & 0xffn);
    sequence++;
    const fragment = Buffer.from(record.fragment);
    if (fragment.length < 17) throw new Error('an encrypted handshake record is too short');
    const tag = fragment.subarray(fragment.length - 16);
    // Node types each AEAD's decipher separately; both have setAAD/setAuthTag.
    const decipher =
      suite.cipher === 'chacha20-poly1305'
        ? createDecipheriv(suite.cipher, key, nonce, { authTagLength: 16 })
        : createDecipheriv(suite.cipher, key, nonce, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(record.header), { plaintextLength: fragment.length - 16 });
    decipher.setAuthTag(tag);
    return new Uint8Array(
      Buffer.concat([decipher.update(fragment.subarray(0, fragment.length - 16)), decipher.final()]),
    );
  };
}
