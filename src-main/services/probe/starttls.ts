/**
 * The plaintext preambles that turn a mail, file, directory, chat or database connection into
 * TLS (STARTTLS and friends). Each speaks just enough of its protocol to get the server to say
 * "go ahead", reports a clear error when it doesn't, says what it is waiting for (so a deadline
 * can name the step that stalled), and fails at once on a reply that can't be its protocol.
 */
import type { Socket } from 'node:net';
import { describeNonTls } from '../../../src-core/tls/records';
import type { StarttlsProtocol } from '../../../src-core/tls/types';

export class StarttlsError extends Error {
  override name = 'ProbeError';
  readonly code = 'starttls';
}

/** The step a preamble is waiting on: what for, and whether the server has said anything yet. */
export interface StarttlsWait {
  protocol: StarttlsProtocol;
  what: string;
  /** Bytes received from the server so far. */
  received: number;
}

export interface StarttlsOptions {
  /** XMPP: the stream's `to`. */
  xmppDomain: string;
  /** Told as each step starts waiting for the server. */
  onWait?: (wait: StarttlsWait) => void;
}

/** The implicit-TLS form of each protocol, for hints. */
const implicitTls: Record<StarttlsProtocol, string> = {
  smtp: 'smtps:// (port 465)',
  imap: 'imaps:// (port 993)',
  pop3: 'pop3s:// (port 995)',
  ftp: 'ftps:// (port 990)',
  ldap: 'ldaps:// (port 636)',
  xmpp: 'direct TLS (port 5223)',
  postgres: 'direct TLS',
};

/** What an unexpected reply looks like, in words: a TLS record gets the implicit-TLS hint. */
function describeReply(bytes: Uint8Array, protocol: StarttlsProtocol): string {
  if (bytes.length >= 2 && (bytes[0] === 0x15 || bytes[0] === 0x16) && bytes[1] === 0x03)
    return `the server answered with a TLS record: this port expects TLS right away (implicit TLS); inspect it without STARTTLS, e.g. ${implicitTls[protocol]}`;
  return describeNonTls(bytes).replace(
    /^the server sent bytes that are not TLS/,
    'the server sent bytes that are not this protocol',
  );
}

/** Line- or byte-oriented reading from a socket before TLS starts; gives back unread bytes after. */
class PlainConversation {
  private buffer = Buffer.alloc(0);
  private received = 0;
  private waiter: (() => void) | undefined;
  private ended = false;
  private readonly onData = (chunk: Buffer) => {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.received += chunk.length;
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
    readonly protocol: StarttlsProtocol,
    private readonly onWait?: (wait: StarttlsWait) => void,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
  }

  error(message: string): StarttlsError {
    return new StarttlsError(`${this.protocol.toUpperCase()} STARTTLS: ${message}`);
  }

  private fail(message: string): void {
    this.failure = this.error(message);
    this.waiter?.();
  }

  send(text: string | Buffer): void {
    this.socket.write(text);
  }

  /**
   * Waits until `extract` finds a complete answer in the buffer, and consumes it. `check` sees the
   * buffer as bytes arrive and may reject it at once (a reply that can't be this protocol).
   */
  async read<T>(
    extract: (buffer: Buffer) => { value: T; consumed: number } | undefined,
    what: string,
    check?: (buffer: Buffer) => string | undefined,
  ): Promise<T> {
    this.onWait?.({ protocol: this.protocol, what, received: this.received });
    for (;;) {
      if (this.failure) throw this.failure;
      const problem = this.buffer.length ? check?.(this.buffer) : undefined;
      if (problem) throw this.error(problem);
      const found = extract(this.buffer);
      if (found) {
        this.buffer = this.buffer.subarray(found.consumed);
        return found.value;
      }
      if (this.ended) {
        throw this.error(
          `the server closed the connection while we waited for ${what}${this.buffer.length ? ` (it had sent: ${JSON.stringify(this.buffer.subarray(0, 80).toString('latin1'))})` : ''}`,
        );
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = undefined;
    }
  }

  /** Reads a full reply: SMTP/FTP multi-line (`250-…` … `250 …`) or a single line. */
  readReply(what: string): Promise<{ code: string; text: string }> {
    return this.read(
      (buffer) => {
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
      },
      what,
      (buffer) =>
        /^\d/.test(String.fromCharCode(buffer[0])) ? undefined : describeReply(buffer, this.protocol),
    );
  }

  readLine(what: string, check?: (buffer: Buffer) => string | undefined): Promise<string> {
    return this.read(
      (buffer) => {
        const end = buffer.indexOf('\r\n');
        return end < 0 ? undefined : { value: buffer.subarray(0, end).toString('latin1'), consumed: end + 2 };
      },
      what,
      check,
    );
  }

  readUntil(pattern: RegExp, what: string, check?: (buffer: Buffer) => string | undefined): Promise<string> {
    return this.read(
      (buffer) => {
        const text = buffer.toString('latin1');
        const match = pattern.exec(text);
        return match
          ? {
              value: text.slice(0, match.index + match[0].length),
              consumed: Buffer.byteLength(text.slice(0, match.index + match[0].length), 'latin1'),
            }
          : undefined;
      },
      what,
      check,
    );
  }

  readBytes(count: number, what: string, check?: (buffer: Buffer) => string | undefined): Promise<Buffer> {
    return this.read(
      (buffer) =>
        buffer.length >= count
          ? { value: Buffer.from(buffer.subarray(0, count)), consumed: count }
          : undefined,
      what,
      check,
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
    if (!condition) throw this.error(message);
  }
}

/** A reply to a line protocol must be text; a TLS record or binary means the wrong port or mode. */
function textReply(protocol: StarttlsProtocol, pattern: RegExp) {
  return (buffer: Buffer) =>
    pattern.test(buffer.subarray(0, 8).toString('latin1')) ? undefined : describeReply(buffer, protocol);
}

/**
 * An XMPP stream error (RFC 6120 §4.9): the condition's element name and the server's text, e.g.
 * `host-unknown: This server does not serve 127.0.0.1`.
 */
export function readXmppStreamError(xml: string): string | undefined {
  // Searches that each scan the text once: a hostile stream (up to 64 KiB) can't make them crawl.
  const start = xml.search(/<(?:stream:)?error[\s>]/);
  if (start < 0) return undefined;
  const close = /<\/(?:stream:)?error>/.exec(xml.slice(start));
  if (!close) return undefined;
  const block = xml.slice(start, start + close.index);
  const condition = [...block.matchAll(/<([a-z-]+)[\s/>]/g)]
    .map((match) => match[1])
    .find((name) => name !== 'text' && name !== 'error');
  const textStart = block.search(/<text[\s>]/);
  const textOpen = textStart < 0 ? -1 : block.indexOf('>', textStart);
  const textEnd = textOpen < 0 ? -1 : block.indexOf('</text>', textOpen);
  const text = textEnd < 0 ? undefined : block.slice(textOpen + 1, textEnd);
  const decoded = text
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
  return `${condition ?? 'undefined-condition'}${decoded?.trim() ? `: ${decoded.trim()}` : ''}`;
}

export async function negotiateStarttls(
  socket: Socket,
  protocol: StarttlsProtocol,
  options: StarttlsOptions,
): Promise<void> {
  const talk = new PlainConversation(socket, protocol, options.onWait);
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
        const untagged = textReply(protocol, /^[*+a-z0-9]/i);
        const greeting = await talk.readLine('the greeting', untagged);
        talk.expect(/^\* (OK|PREAUTH)/i.test(greeting), `unexpected greeting: ${greeting}`);
        talk.send('a1 STARTTLS\r\n');
        for (;;) {
          const line = await talk.readLine('the STARTTLS reply', untagged);
          if (line.startsWith('*')) continue;
          talk.expect(/^a1 OK/i.test(line), `STARTTLS refused: ${line}`);
          break;
        }
        break;
      }
      case 'pop3': {
        const status = textReply(protocol, /^[+-]/);
        const greeting = await talk.readLine('the greeting', status);
        talk.expect(greeting.startsWith('+OK'), `unexpected greeting: ${greeting}`);
        talk.send('STLS\r\n');
        const ready = await talk.readLine('the STLS reply', status);
        talk.expect(ready.startsWith('+OK'), `STLS refused: ${ready}`);
        break;
      }
      case 'xmpp': {
        talk.send(
          `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${escapeXml(options.xmppDomain)}' version='1.0'>`,
        );
        const xml = textReply(protocol, /^\s*</);
        // The features, or a stream error and the end of the stream (e.g. an unknown domain).
        const features = await talk.readUntil(
          /<\/stream:features>|<\/(?:stream:)?error>|<\/stream:stream>/,
          'the stream features',
          xml,
        );
        const streamError = readXmppStreamError(features);
        if (streamError)
          throw talk.error(
            `the server ended the stream with the error ${streamError} (the stream was opened to "${options.xmppDomain}"; name another XMPP domain with --xmpp-domain, or with --sni)`,
          );
        talk.expect(/urn:ietf:params:xml:ns:xmpp-tls/.test(features), 'the server does not offer STARTTLS');
        talk.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        const answer = await talk.readUntil(
          /<proceed[^>]*\/>|<failure[^>]*\/>|<\/(?:stream:)?error>/,
          'the STARTTLS answer',
          xml,
        );
        const refusal = readXmppStreamError(answer);
        if (refusal) throw talk.error(`the server ended the stream with the error ${refusal}`);
        talk.expect(/<proceed/.test(answer), 'the server refused STARTTLS');
        break;
      }
      case 'ldap': {
        // ExtendedRequest { requestName "1.3.6.1.4.1.1466.20037" } with messageID 1.
        talk.send(Buffer.from('301d02010177188016312e332e362e312e342e312e313436362e3230303337', 'hex'));
        // An LDAPMessage is a SEQUENCE: anything else is not an LDAP server, and waiting won't help.
        const ldapMessage = (buffer: Buffer) =>
          buffer[0] === 0x30
            ? undefined
            : `the reply is not LDAP (an LDAP message starts with 0x30): ${describeReply(buffer, protocol)}`;
        const header = await talk.readBytes(2, 'the StartTLS response', ldapMessage);
        let length = header[1];
        if (length & 0x80) {
          talk.expect((length & 0x7f) <= 4, 'the StartTLS response has an implausible length');
          const lengthBytes = await talk.readBytes(length & 0x7f, 'the StartTLS response');
          length = lengthBytes.reduce((total, byte) => total * 256 + byte, 0);
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
            : `unexpected answer to SSLRequest: ${describeReply(answer, protocol)}`,
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

/**
 * The deadline's words for a preamble that stalled: which step, and for a greeting that never
 * came, the likely reason — the port expects TLS at once (implicit TLS).
 */
export function describeStarttlsStall(wait: StarttlsWait, seconds: string): string {
  const silent = wait.received === 0 && wait.what === 'the greeting';
  return `${wait.protocol.toUpperCase()} STARTTLS: no ${wait.what.replace(/^the /, '')} from the server within ${seconds}${
    silent
      ? ` — it has sent nothing since the connection opened: if this port expects TLS right away (implicit TLS), inspect it without STARTTLS, e.g. ${implicitTls[wait.protocol]}`
      : ` (we were waiting for ${wait.what})`
  }`;
}
