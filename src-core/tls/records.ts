/**
 * TLS record layer and handshake framing (RFC 8446 §5, RFC 5246 §6), pure and incremental:
 * bytes in, records and handshake messages out, never trusting a length field.
 */

export const ContentType = {
  changeCipherSpec: 20,
  alert: 21,
  handshake: 22,
  applicationData: 23,
} as const;

export interface TlsRecord {
  type: number;
  /** legacy_record_version, e.g. 0x0303. */
  version: number;
  /** The 5-byte header (needed as AAD to decrypt TLS 1.3 records). */
  header: Uint8Array;
  fragment: Uint8Array;
  /** Offset of the record in the recorded stream. */
  offset: number;
}

export class TlsParseError extends Error {
  override name = 'TlsParseError';
  constructor(
    message: string,
    readonly code: 'not-tls' | 'malformed' | 'too-large',
    readonly offset?: number,
  ) {
    super(message);
  }
}

/** RFC 8446 §5.1: a record fragment is at most 2^14 bytes plus 256 bytes of protection overhead. */
const maxRecordLength = 16384 + 256;

export interface RecordSplit {
  records: TlsRecord[];
  /** Bytes at the end that don't yet make a whole record. */
  remainder: number;
}

/** Splits a recorded byte stream into records; a partial record at the end is left over. */
export function splitRecords(bytes: Uint8Array, baseOffset = 0): RecordSplit {
  const records: TlsRecord[] = [];
  let offset = 0;
  while (bytes.length - offset >= 5) {
    const type = bytes[offset];
    const version = (bytes[offset + 1] << 8) | bytes[offset + 2];
    const length = (bytes[offset + 3] << 8) | bytes[offset + 4];
    if (type < 20 || type > 24 || bytes[offset + 1] !== 3) {
      throw new TlsParseError(describeNonTls(bytes.subarray(offset)), 'not-tls', baseOffset + offset);
    }
    if (length > maxRecordLength) {
      throw new TlsParseError(
        `a TLS record claims ${length} bytes (limit ${maxRecordLength})`,
        'malformed',
        baseOffset + offset,
      );
    }
    if (bytes.length - offset < 5 + length) break;
    records.push({
      type,
      version,
      header: bytes.subarray(offset, offset + 5),
      fragment: bytes.subarray(offset + 5, offset + 5 + length),
      offset: baseOffset + offset,
    });
    offset += 5 + length;
  }
  return { records, remainder: bytes.length - offset };
}

/** A human hint for bytes that are not TLS: what is listening there instead? */
export function describeNonTls(bytes: Uint8Array): string {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  if (/^HTTP\/\d/.test(text)) return 'the server answered in plain HTTP, not TLS (is this an http:// port?)';
  if (/^SSH-\d/.test(text)) return 'the server is an SSH server, not TLS';
  if (/^220[ -]/.test(text)) return 'the server sent an SMTP/FTP greeting; try STARTTLS (smtp or ftp)';
  if (/^\* OK/.test(text)) return 'the server sent an IMAP greeting; try STARTTLS (imap)';
  if (/^\+OK/.test(text)) return 'the server sent a POP3 greeting; try STARTTLS (pop3)';
  if (/^<\?xml|^<stream/.test(text)) return 'the server speaks XMPP; try STARTTLS (xmpp)';
  return `the server sent bytes that are not TLS (starting ${hexPreview(bytes)})`;
}

function hexPreview(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

export interface HandshakeMessage {
  type: number;
  /** The message body, without the 4-byte header. */
  body: Uint8Array;
  /** Header + body, as it was framed. */
  raw: Uint8Array;
  /** Whether it travelled encrypted (TLS 1.3 after ServerHello). */
  encrypted: boolean;
}

/**
 * Reassembles handshake messages across record boundaries (a Certificate message is often split
 * over several records, and several small messages can share one record).
 */
export class HandshakeReassembler {
  private buffer = new Uint8Array(0);
  private bufferEncrypted = false;
  readonly messages: HandshakeMessage[] = [];

  constructor(private readonly maxMessageBytes: number) {}

  push(fragment: Uint8Array, encrypted: boolean): HandshakeMessage[] {
    const joined = new Uint8Array(this.buffer.length + fragment.length);
    joined.set(this.buffer);
    joined.set(fragment, this.buffer.length);
    this.buffer = joined;
    this.bufferEncrypted ||= encrypted;
    const completed: HandshakeMessage[] = [];
    while (this.buffer.length >= 4) {
      const length = (this.buffer[1] << 16) | (this.buffer[2] << 8) | this.buffer[3];
      if (length > this.maxMessageBytes) {
        throw new TlsParseError(
          `the server's handshake message is ${length} bytes, over the ${this.maxMessageBytes}-byte limit`,
          'too-large',
        );
      }
      if (this.buffer.length < 4 + length) break;
      const raw = this.buffer.slice(0, 4 + length);
      const message = { type: raw[0], body: raw.subarray(4), raw, encrypted: this.bufferEncrypted };
      completed.push(message);
      this.messages.push(message);
      this.buffer = this.buffer.slice(4 + length);
    }
    if (this.buffer.length === 0) this.bufferEncrypted = false;
    return completed;
  }

  get pendingBytes(): number {
    return this.buffer.length;
  }
}

/** A bounds-checked cursor over a message body. */
export class Reader {
  private position = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly what = 'message',
  ) {}

  get offset(): number {
    return this.position;
  }
  get remaining(): number {
    return this.bytes.length - this.position;
  }

  private need(count: number): void {
    if (this.position + count > this.bytes.length) {
      throw new TlsParseError(
        `the ${this.what} is truncated at byte ${this.position}`,
        'malformed',
        this.position,
      );
    }
  }
  u8(): number {
    this.need(1);
    return this.bytes[this.position++];
  }
  u16(): number {
    this.need(2);
    const value = (this.bytes[this.position] << 8) | this.bytes[this.position + 1];
    this.position += 2;
    return value;
  }
  u24(): number {
    this.need(3);
    const value =
      (this.bytes[this.position] << 16) |
      (this.bytes[this.position + 1] << 8) |
      this.bytes[this.position + 2];
    this.position += 3;
    return value;
  }
  bytesOf(count: number): Uint8Array {
    this.need(count);
    const slice = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return slice;
  }
  vector8(): Uint8Array {
    return this.bytesOf(this.u8());
  }
  vector16(): Uint8Array {
    return this.bytesOf(this.u16());
  }
  vector24(): Uint8Array {
    return this.bytesOf(this.u24());
  }
  rest(): Uint8Array {
    return this.bytesOf(this.remaining);
  }
}
