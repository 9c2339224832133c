/**
 * The TLS parser's limits at the limit and one past it: a record of 2^14 + 256 bytes is read and
 * one byte more is refused (RFC 8446 §5.1); a handshake message at the reassembler's limit is
 * read and one byte over it is refused before it is buffered — each with a clear message.
 */
import { describe, expect, it } from 'vitest';
import { HandshakeReassembler, splitRecords, TlsParseError } from '../../../src-core/tls/records';

const record = (length: number) => {
  const bytes = new Uint8Array(5 + length);
  bytes.set([0x16, 0x03, 0x03, length >> 8, length & 0xff]);
  return bytes;
};
const message = (length: number) => {
  const bytes = new Uint8Array(4 + length);
  bytes.set([11, length >> 16, (length >> 8) & 0xff, length & 0xff]);
  return bytes;
};

describe('TLS limits', () => {
  const recordLimit = 16384 + 256;

  it(`a record of ${recordLimit} bytes is read; one more is refused`, () => {
    expect(splitRecords(record(recordLimit)).records[0].fragment.length).toBe(recordLimit);
    expect(() => splitRecords(record(recordLimit + 1))).toThrow(
      new TlsParseError(
        `a TLS record claims ${recordLimit + 1} bytes (limit ${recordLimit})`,
        'malformed',
        0,
      ),
    );
  });

  it('a handshake message at the limit is reassembled; one byte over is refused up front', () => {
    const limit = 50_000;
    const atLimit = new HandshakeReassembler(limit);
    const whole = message(limit);
    for (let offset = 0; offset < whole.length; offset += recordLimit)
      atLimit.push(whole.subarray(offset, offset + recordLimit), false);
    expect(atLimit.messages.map((found) => found.body.length)).toEqual([limit]);
    const over = new HandshakeReassembler(limit);
    let caught: unknown;
    try {
      over.push(message(limit + 1).subarray(0, 100), false);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TlsParseError);
    expect((caught as TlsParseError).message).toBe(
      `the server's handshake message is ${limit + 1} bytes, over the ${limit}-byte limit`,
    );
    expect(over.pendingBytes).toBe(100);
  });
});
