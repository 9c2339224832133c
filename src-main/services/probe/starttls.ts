/**
 * The plaintext preambles that turn a mail, file, directory, chat or database connection into
 * TLS (STARTTLS and friends). Each speaks just enough of its protocol to get the server to say
 * "go ahead", and reports a clear error when it doesn't.
 */
import type { Socket } from 'node:net';
import type { StarttlsProtocol } from '../../../src-core/tls/types';

export class StarttlsError extends Error {
  override name = 'ProbeError';
  readonly code = 'starttls';
}

/** Line- or byte-oriented reading from a socket before TLS starts; gives back unread bytes after. */
class PlainConversation {
  private buffer = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  private ended = false;
  private readonly onData = (chunk: Buffer) => {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.buffer.length > 64 * 1024) this.fail('the server sent over 64 KiB before TLS started');
    this.waiter?.();
  };
  private readonly onEnd = () => {
    this.ended = true;
    this.waiter?.();
  };
  private failure: Error | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly protocol: StarttlsProtocol,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
  }

  private fail(message: string): void {
    this.failure = new StarttlsError(`${this.protocol.toUpperCase()} STARTTLS: ${message}`);
    this.waiter?.();
  }

  send(text: string | Buffer): void {
    this.socket.write(text);
  }

  /** Waits until `extract` finds a complete answer in the buffer, and consumes it. */
  async read<T>(
    extract: (buffer: Buffer) => { value: T; consumed: number } | undefined,
    what: string,
  ): Promise<T> {
    for (;;) {
      if (this.failure) throw this.failure;
      const found = extract(this.buffer);
      if (found) {
        this.buffer = this.buffer.subarray(found.consumed);
        return found.value;
      }
      if (this.ended) {
        throw new StarttlsError(
          `${this.protocol.toUpperCase()} STARTTLS: the server closed the connection while we waited for ${what}`,
        );
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = undefined;
    }
  }

  /** Reads a full reply: SMTP/FTP multi-line (`250-…` … `250 …`) or a single line. */
  readReply(what: string): Promise<{ code: string; text: string }> {
    return this.read((buffer) => {
      const text = buffer.toString('latin1');
      const lines = text.split('\r\n');
      for (let i = 0; i < lines.length - 1; i++) {
        const match = /^(\d{3}) /.exec(lines[i]);
        if (match) {
          const consumed = Buffer.byteLength(lines.slice(0, i + 1).join('\r\n') + '\r\n', 'latin1');
          return { value: { code: match[1], text: lines.slice(0, i + 1).join('\n') }, consumed };
        }
        if (!/^\d{3}-/.test(lines[i])) {
          return {
            value: { code: '', text: lines[i] },
            consumed: Buffer.byteLength(lines[i] + '\r\n', 'latin1'),
          };
        }
      }
      return undefined;
    }, what);
  }

  readLine(what: string): Promise<string> {
    return this.read((buffer) => {
      const end = buffer.indexOf('\r\n');
      return end < 0 ? undefined : { value: buffer.subarray(0, end).toString('latin1'), consumed: end + 2 };
    }, what);
  }

  readUntil(pattern: RegExp, what: string): Promise<string> {
    return this.read((buffer) => {
      const text = buffer.toString('latin1');
      const match = pattern.exec(text);
      return match
        ? {
            value: text.slice(0, match.index + match[0].length),
            consumed: Buffer.byteLength(text.slice(0, match.index + match[0].length), 'latin1'),
          }
        : undefined;
    }, what);
  }

  readBytes(count: number, what: string): Promise<Buffer> {
    return this.read(
      (buffer) =>
        buffer.length >= count
          ? { value: Buffer.from(buffer.subarray(0, count)), consumed: count }
          : undefined,
      what,
    );
  }

  /** Stops listening; anything already read past the preamble goes back to the socket. */
  finish(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.pause();
    if (this.buffer.length) this.socket.unshift(this.buffer);
  }

  expect(condition: boolean, message: string): void {
    if (!condition) throw new StarttlsError(`${this.protocol.toUpperCase()} STARTTLS: ${message}`);
  }
}

export async function negotiateStarttls(
  socket: Socket,
  protocol: StarttlsProtocol,
  host: string,
): Promise<void> {
  const talk = new PlainConversation(socket, protocol);
  try {
    switch (protocol) {
      case 'smtp': {
        const greeting = await talk.readReply('the greeting');
        talk.expect(greeting.code === '220', `unexpected greeting: ${greeting.text}`);
        talk.send('EHLO certscope.invalid\r\n');
        const ehlo = await talk.readReply('the EHLO reply');
        talk.expect(ehlo.code === '250', `EHLO refused: ${ehlo.text}`);
        talk.expect(/STARTTLS/i.test(ehlo.text), 'the server does not offer STARTTLS');
        talk.send('STARTTLS\r\n');
        const ready = await talk.readReply('the STARTTLS reply');
        talk.expect(ready.code === '220', `STARTTLS refused: ${ready.text}`);
        break;
      }
      case 'ftp': {
        const greeting = await talk.readReply('the greeting');
        talk.expect(greeting.code === '220', `unexpected greeting: ${greeting.text}`);
        talk.send('AUTH TLS\r\n');
        const ready = await talk.readReply('the AUTH TLS reply');
        talk.expect(ready.code === '234', `AUTH TLS refused: ${ready.text}`);
        break;
      }
      case 'imap': {
        const greeting = await talk.readLine('the greeting');
        talk.expect(/^\* (OK|PREAUTH)/i.test(greeting), `unexpected greeting: ${greeting}`);
        talk.send('a1 STARTTLS\r\n');
        for (;;) {
          const line = await talk.readLine('the STARTTLS reply');
          if (line.startsWith('*')) continue;
          talk.expect(/^a1 OK/i.test(line), `STARTTLS refused: ${line}`);
          break;
        }
        break;
      }
      case 'pop3': {
        const greeting = await talk.readLine('the greeting');
        talk.expect(greeting.startsWith('+OK'), `unexpected greeting: ${greeting}`);
        talk.send('STLS\r\n');
        const ready = await talk.readLine('the STLS reply');
        talk.expect(ready.startsWith('+OK'), `STLS refused: ${ready}`);
        break;
      }
      case 'xmpp': {
        talk.send(
          `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${escapeXml(host)}' version='1.0'>`,
        );
        const features = await talk.readUntil(/<\/stream:features>/, 'the stream features');
        talk.expect(/urn:ietf:params:xml:ns:xmpp-tls/.test(features), 'the server does not offer STARTTLS');
        talk.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        const answer = await talk.readUntil(/<proceed[^>]*\/>|<failure[^>]*\/>/, 'the STARTTLS answer');
        talk.expect(/<proceed/.test(answer), 'the server refused STARTTLS');
        break;
      }
      case 'ldap': {
        // ExtendedRequest { requestName "1.3.6.1.4.1.1466.20037" } with messageID 1.
        talk.send(Buffer.from('301d02010177188016312e332e362e312e342e312e313436362e3230303337', 'hex'));
        const header = await talk.readBytes(2, 'the StartTLS response');
        let length = header[1];
        if (length & 0x80) {
          const lengthBytes = await talk.readBytes(length & 0x7f, 'the StartTLS response');
          length = lengthBytes.reduce((total, byte) => (total << 8) | byte, 0);
        }
        talk.expect(length < 4096, 'the StartTLS response is implausibly large');
        const body = await talk.readBytes(length, 'the StartTLS response');
        // LDAPResult resultCode is the first ENUMERATED (0x0a 0x01 code) inside the ExtendedResponse.
        const codeAt = body.indexOf(Buffer.from([0x0a, 0x01]));
        talk.expect(codeAt >= 0, 'the StartTLS response is not an LDAP result');
        talk.expect(body[codeAt + 2] === 0, `StartTLS refused (LDAP result code ${body[codeAt + 2]})`);
        break;
      }
      case 'postgres': {
        // SSLRequest: length 8, code 80877103; the server answers one byte, 'S' (yes) or 'N'.
        talk.send(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]));
        const answer = await talk.readBytes(1, 'the SSLRequest answer');
        talk.expect(
          answer[0] === 0x53,
          answer[0] === 0x4e
            ? 'the server does not allow TLS (ssl = off)'
            : 'unexpected answer to SSLRequest',
        );
        break;
      }
    }
  } finally {
    talk.finish();
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
