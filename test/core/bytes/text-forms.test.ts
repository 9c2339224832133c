/**
 * Bytes as text, against Node's Buffer as the reference: hex, base64url (JWK members) and Latin-1,
 * at every short length (the fast paths) and past the lengths where each switches to its long path.
 */
import { describe, expect, it } from 'vitest';
import { bytesToBase64, bytesToBase64Url } from '../../../src-core/bytes/base64';
import { toHex } from '../../../src-core/bytes/hex';
import { latin1Text } from '../../../src-core/bytes/latin1';

function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed * 2654435761 + 1;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

const lengths = [
  ...Array.from({ length: 70 }, (_, length) => length),
  511,
  512,
  513,
  1023,
  1024,
  1025,
  3071,
  3072,
  3073,
  3074,
  5000,
];

describe('bytes as text', () => {
  it.each(lengths)('%i bytes: the same hex, base64, base64url and Latin-1 as Buffer', (length) => {
    const bytes = randomBytes(length, length);
    const buffer = Buffer.from(bytes);
    expect(toHex(bytes)).toBe(buffer.toString('hex'));
    expect(bytesToBase64(bytes)).toBe(buffer.toString('base64'));
    expect(bytesToBase64Url(bytes)).toBe(buffer.toString('base64url'));
    expect(latin1Text(bytes)).toBe(buffer.toString('latin1'));
  });

  it('a view into a larger buffer reads only its own bytes', () => {
    const whole = randomBytes(64, 7);
    const view = whole.subarray(5, 38);
    expect(toHex(view)).toBe(Buffer.from(view).toString('hex'));
    expect(bytesToBase64Url(view)).toBe(Buffer.from(view).toString('base64url'));
    expect(latin1Text(view)).toBe(Buffer.from(view).toString('latin1'));
  });
});
