/**
 * A small, strict-by-default DER/BER reader over plain bytes. Every object it returns is a view
 * (offsets into the input), so the model can say where each field's bytes are and nothing keeps
 * a parser's object graph alive. Hostile input gives a `DerError` with the byte offset, never
 * another exception and never a hang (lengths are checked against the enclosing object, nesting
 * is bounded).
 */
import { toHex } from '../bytes/hex';

/** What went wrong, in the vocabulary of the decoder's results (`DecodeError.code`). */
export type DerErrorCode = 'malformed' | 'unsupported' | 'too-large' | 'too-many';

/**
 * The one error of every reader built on this one (X.509, PKCS, OCSP): what is wrong, where, and
 * what kind of problem it is. Messages never carry key material.
 */
export class DerError extends Error {
  override name = 'DerError';
  constructor(
    message: string,
    /**
     * Byte offset of the problem: in the object being read (a certificate, an extension's value),
     * or in the file for the PKCS readers; undefined where the bytes are not in the file
     * (decrypted data).
     */
    readonly offset?: number,
    readonly code: DerErrorCode = 'malformed',
  ) {
    super(message);
  }
}

export const tagClasses = ['universal', 'application', 'context', 'private'] as const;
export type TagClass = (typeof tagClasses)[number];

export interface Tlv {
  /** The first identifier octet (class, constructed bit, low tag number). */
  tag: number;
  tagClass: TagClass;
  constructed: boolean;
  tagNumber: number;
  start: number;
  contentStart: number;
  /** End of the contents (exclusive); for indefinite lengths, before the end-of-contents octets. */
  contentEnd: number;
  /** End of the whole object (exclusive). */
  end: number;
  /** The length was not in its one DER form (long form where short would do, leading zeros). */
  nonMinimalLength: boolean;
  /** BER indefinite length (ended by 00 00). */
  indefinite: boolean;
}

export const universalTags = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  enumerated: 0x0a,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  printableString: 0x13,
  t61String: 0x14,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  visibleString: 0x1a,
  universalString: 0x1c,
  bmpString: 0x1e,
} as const;

/** Deepest nesting any object may have; certificates need about 10. */
export const maxNestingDepth = 64;

/** Reads the object at `offset`, which must end by `limit`. */
export function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length, depth = 0): Tlv {
  if (depth > maxNestingDepth)
    throw new DerError(`nesting deeper than ${maxNestingDepth} levels`, offset, 'too-large');
  if (offset >= limit) throw new DerError('expected an ASN.1 object but the data ended', offset);
  const tag = bytes[offset];
  let cursor = offset + 1;
  let tagNumber = tag & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let count = 0; ; count++) {
      if (cursor >= limit) throw new DerError('the tag runs past the end of the data', offset);
      if (count >= 4) throw new DerError('tag number too large', offset, 'too-large');
      const octet = bytes[cursor++];
      tagNumber = tagNumber * 128 + (octet & 0x7f);
      if (!(octet & 0x80)) break;
    }
  }
  if (cursor >= limit) throw new DerError('the length is missing (truncated data)', offset);
  const constructed = (tag & 0x20) !== 0;
  const first = bytes[cursor++];
  let length: number;
  let nonMinimalLength = false;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    if (!constructed) throw new DerError('indefinite length on a primitive object', offset);
    return readIndefinite(bytes, offset, cursor, limit, depth, tag, tagNumber);
  } else {
    const count = first & 0x7f;
    if (count > 4) throw new DerError(`length of ${count} bytes is too long`, offset, 'too-large');
    if (cursor + count > limit) throw new DerError('the length runs past the end of the data', offset);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[cursor + i];
    nonMinimalLength = bytes[cursor] === 0 || length < 0x80;
    cursor += count;
  }
  const end = cursor + length;
  if (end > limit)
    throw new DerError(
      `the object claims ${length} bytes but only ${Math.max(0, limit - cursor)} are left (truncated or wrong length)`,
      offset,
    );
  return {
    tag,
    tagClass: tagClasses[tag >> 6],
    constructed,
    tagNumber,
    start: offset,
    contentStart: cursor,
    contentEnd: end,
    end,
    nonMinimalLength,
    indefinite: false,
  };
}

function readIndefinite(
  bytes: Uint8Array,
  offset: number,
  contentStart: number,
  limit: number,
  depth: number,
  tag: number,
  tagNumber: number,
): Tlv {
  let cursor = contentStart;
  for (;;) {
    if (cursor + 2 > limit) throw new DerError('an indefinite-length object has no end-of-contents', offset);
    if (bytes[cursor] === 0 && bytes[cursor + 1] === 0) break;
    cursor = readTlv(bytes, cursor, limit, depth + 1).end;
  }
  return {
    tag,
    tagClass: tagClasses[tag >> 6],
    constructed: true,
    tagNumber,
    start: offset,
    contentStart,
    contentEnd: cursor,
    end: cursor + 2,
    nonMinimalLength: false,
    indefinite: true,
  };
}

/** Gathers children before they are copied out at their exact count (readTlv never calls childrenOf). */
const gathered: Tlv[] = [];

/** The objects inside a constructed one, which must fill it exactly. */
export function childrenOf(bytes: Uint8Array, parent: Tlv, depth = 0): Tlv[] {
  // An array grown by push starts with room for 17: most constructed objects have 2 or 3 children,
  // and every certificate has dozens of them.
  // (Never emptied by `length = 0`, which would give its room back.)
  let count = 0;
  let offset = parent.contentStart;
  while (offset < parent.contentEnd) {
    const child = readTlv(bytes, offset, parent.contentEnd, depth + 1);
    gathered[count++] = child;
    offset = child.end;
  }
  return gathered.slice(0, count);
}

/** Reads exactly one object spanning all of `bytes` (trailing bytes are an error). */
export function readWhole(bytes: Uint8Array, what = 'object'): Tlv {
  const top = readTlv(bytes, 0);
  if (top.end !== bytes.length)
    throw new DerError(`${bytes.length - top.end} unexpected bytes after the ${what}`, top.end);
  return top;
}

export function expectTag(tlv: Tlv | undefined, tag: number, what: string, at: number): Tlv {
  if (!tlv) throw new DerError(`${what} is missing`, at);
  if (tlv.tag !== tag)
    throw new DerError(`${what}: expected tag 0x${hex2(tag)} but found 0x${hex2(tlv.tag)}`, tlv.start);
  return tlv;
}

function hex2(value: number): string {
  return value.toString(16).padStart(2, '0');
}

export function content(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.contentStart, tlv.contentEnd);
}

/** The same few hundred OIDs recur in every certificate: remember their dotted forms. */
const oidCache = new Map<string, string>();

/** OBJECT IDENTIFIER contents → dotted string (large arcs, as in 2.25.<uuid>, via BigInt). */
export function readOid(bytes: Uint8Array, tlv: Tlv): string {
  if (tlv.contentEnd === tlv.contentStart) throw new DerError('empty object identifier', tlv.start);
  if (tlv.contentEnd - tlv.contentStart > 32) return decodeOid(bytes, tlv);
  let key = '';
  for (let i = tlv.contentStart; i < tlv.contentEnd; i++) key += String.fromCharCode(bytes[i]);
  let dotted = oidCache.get(key);
  if (dotted === undefined) {
    dotted = decodeOid(bytes, tlv);
    if (oidCache.size < 4096) oidCache.set(key, dotted);
  }
  return dotted;
}

function decodeOid(bytes: Uint8Array, tlv: Tlv): string {
  const parts: string[] = [];
  let value = 0;
  let big: bigint | undefined;
  for (let i = tlv.contentStart; i < tlv.contentEnd; i++) {
    const octet = bytes[i];
    if (big !== undefined) big = big * 128n + BigInt(octet & 0x7f);
    else if (value > 2 ** 45) big = BigInt(value) * 128n + BigInt(octet & 0x7f);
    else value = value * 128 + (octet & 0x7f);
    if (octet & 0x80) {
      if (i === tlv.contentEnd - 1) throw new DerError('object identifier ends mid-arc', tlv.start);
      continue;
    }
    if (parts.length === 0) {
      // The first octets carry two arcs: 40 * first + second.
      const whole = big ?? BigInt(value);
      const first = whole < 40n ? 0n : whole < 80n ? 1n : 2n;
      parts.push(String(first), String(whole - first * 40n));
    } else {
      parts.push(big !== undefined ? big.toString() : String(value));
    }
    value = 0;
    big = undefined;
  }
  return parts.join('.');
}

/** INTEGER contents → its two's-complement bytes as hex (as certificates show serials). */
export function readIntegerHex(bytes: Uint8Array, tlv: Tlv): string {
  if (tlv.contentEnd === tlv.contentStart) throw new DerError('empty integer', tlv.start);
  return toHex(content(bytes, tlv));
}

/** A small non-negative INTEGER (versions, path lengths, counts). */
export function readSmallInteger(bytes: Uint8Array, tlv: Tlv): number {
  const length = tlv.contentEnd - tlv.contentStart;
  if (length === 0) throw new DerError('empty integer', tlv.start);
  if (bytes[tlv.contentStart] & 0x80)
    throw new DerError('negative integer where a count was expected', tlv.start);
  if (length > 6) throw new DerError('integer too large', tlv.start);
  let value = 0;
  for (let i = tlv.contentStart; i < tlv.contentEnd; i++) value = value * 256 + bytes[i];
  return value;
}

/** Unsigned big-endian bytes → decimal string. */
export function unsignedDecimal(data: Uint8Array): string {
  let value = 0n;
  for (const byte of data) value = (value << 8n) | BigInt(byte);
  return value.toString();
}

export function readBoolean(bytes: Uint8Array, tlv: Tlv): boolean {
  if (tlv.contentEnd - tlv.contentStart !== 1) throw new DerError('BOOLEAN must be one byte', tlv.start);
  return bytes[tlv.contentStart] !== 0;
}

/** BIT STRING → its bytes and the number of unused bits in the last one. */
export function readBitString(bytes: Uint8Array, tlv: Tlv): { unusedBits: number; data: Uint8Array } {
  if (tlv.constructed) throw new DerError('constructed BIT STRING (BER only)', tlv.start);
  if (tlv.contentEnd === tlv.contentStart) throw new DerError('empty BIT STRING', tlv.start);
  const unusedBits = bytes[tlv.contentStart];
  if (unusedBits > 7) throw new DerError('BIT STRING with more than 7 unused bits', tlv.start);
  return { unusedBits, data: bytes.subarray(tlv.contentStart + 1, tlv.contentEnd) };
}

/** Named bits that are set (bit 0 is the most significant bit of the first byte). */
export function setBits(data: Uint8Array): number[] {
  const bits: number[] = [];
  for (let i = 0; i < data.length * 8; i++) if (data[i >> 3] & (0x80 >> (i & 7))) bits.push(i);
  return bits;
}
