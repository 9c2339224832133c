/**
 * A small BER/DER reader for hostile bytes: every length is checked against its parent, nesting is
 * capped, and every failure is a `DecodeStructureError` with the offset in the file (when the bytes
 * came from the file; decrypted bytes have no file offset). Indefinite lengths and constructed
 * OCTET STRINGs are accepted because real PKCS#12 files (Java, Windows) use them.
 */
import { DecodeStructureError } from '../pkcs/errors';
import { concat } from '../bytes/buffers';
import { DerError, readTlv, type Tlv } from './der';

export const maxDepth = 48;

export const tags = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
} as const;

/** One element. Offsets are indexes into `bytes`; `base` maps them to the file (undefined: not in the file). */
export class Node {
  constructor(
    readonly bytes: Uint8Array,
    readonly base: number | undefined,
    /** Identifier octet (for high tag numbers: class and constructed bits with 0x1f). */
    readonly tag: number,
    readonly tagNumber: number,
    readonly start: number,
    readonly valueStart: number,
    readonly valueEnd: number,
    readonly end: number,
    readonly depth: number,
  ) {}

  get constructed(): boolean {
    return (this.tag & 0x20) !== 0;
  }

  /** Context-specific tag [n], either form. */
  isContext(n: number): boolean {
    return (this.tag & 0xc0) === 0x80 && this.tagNumber === n;
  }

  get length(): number {
    return this.valueEnd - this.valueStart;
  }

  /** The value bytes (a view, not a copy). */
  get value(): Uint8Array {
    return this.bytes.subarray(this.valueStart, this.valueEnd);
  }

  /** The whole element, header included (a view). */
  get encoded(): Uint8Array {
    return this.bytes.subarray(this.start, this.end);
  }

  /** File offset of this element, if it lies in the file. */
  get offset(): number | undefined {
    return this.base === undefined ? undefined : this.base + this.start;
  }

  /** File offset of the value of a primitive element (where its content bytes are), if in the file. */
  get valueOffset(): number | undefined {
    return this.base === undefined || this.constructed ? undefined : this.base + this.valueStart;
  }

  fail(message: string, code: 'malformed' | 'unsupported' | 'too-large' | 'too-many' = 'malformed'): never {
    throw new DecodeStructureError(message, this.offset, code);
  }

  children(): Node[] {
    if (!this.constructed) this.fail(`${describeTag(this.tag)} should be constructed`);
    const out: Node[] = [];
    let at = this.valueStart;
    while (at < this.valueEnd) {
      const child = readNode(this.bytes, at, this.valueEnd, this.base, this.depth + 1);
      out.push(child);
      at = child.end;
    }
    return out;
  }

  expect(tag: number, what: string): this {
    if (this.tag !== tag) this.fail(`${what}: expected ${describeTag(tag)}, found ${describeTag(this.tag)}`);
    return this;
  }
}

export function describeTag(tag: number): string {
  const names: Record<number, string> = {
    0x02: 'INTEGER',
    0x03: 'BIT STRING',
    0x04: 'OCTET STRING',
    0x05: 'NULL',
    0x06: 'OBJECT IDENTIFIER',
    0x0c: 'UTF8String',
    0x1e: 'BMPString',
    0x24: 'OCTET STRING',
    0x30: 'SEQUENCE',
    0x31: 'SET',
  };
  if (names[tag]) return names[tag];
  if ((tag & 0xc0) === 0x80) return `[${tag & 0x1f}]`;
  return `tag 0x${tag.toString(16).padStart(2, '0')}`;
}

function failAt(
  base: number | undefined,
  at: number,
  message: string,
  code: 'malformed' | 'too-large' = 'malformed',
): never {
  throw new DecodeStructureError(message, base === undefined ? undefined : base + at, code);
}

/** Reads one element at `at`, which must end by `limit` (the decoder's TLV reader, with file offsets). */
export function readNode(
  bytes: Uint8Array,
  at: number,
  limit: number,
  base: number | undefined,
  depth: number,
): Node {
  if (depth > maxDepth) failAt(base, at, `ASN.1 nesting deeper than ${maxDepth} levels`, 'too-large');
  let tlv: Tlv;
  try {
    tlv = readTlv(bytes, at, limit, depth);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    const oversized = /too long|too large|nesting/.test(error.message);
    failAt(base, error.offset, error.message, oversized ? 'too-large' : 'malformed');
  }
  return new Node(bytes, base, tlv.tag, tlv.tagNumber, at, tlv.contentStart, tlv.contentEnd, tlv.end, depth);
}

/** Parses `bytes` as exactly one element (trailing bytes are an error unless allowed). */
export function parse(
  bytes: Uint8Array,
  options: { base?: number; allowTrailing?: boolean; what?: string } = {},
): Node {
  const node = readNode(bytes, 0, bytes.length, options.base, 0);
  if (!options.allowTrailing && node.end !== bytes.length) {
    failAt(
      options.base,
      node.end,
      `${bytes.length - node.end} unexpected bytes after ${options.what ?? 'the data'}`,
    );
  }
  return node;
}

/** A SEQUENCE's children, checking the count is within [min, max]. */
export function sequence(node: Node, what: string, min = 0, max = Infinity): Node[] {
  node.expect(tags.sequence, what);
  const children = node.children();
  if (children.length < min)
    node.fail(`${what} is incomplete (${children.length} of at least ${min} fields)`);
  if (children.length > max) node.fail(`${what} has ${children.length} fields (at most ${max} expected)`);
  return children;
}

export function oid(node: Node, what: string): string {
  node.expect(tags.oid, what);
  const value = node.value;
  if (value.length === 0 || value.length > 64 || (value[value.length - 1] & 0x80) !== 0) {
    node.fail(`${what}: malformed object identifier`);
  }
  const parts: number[] = [];
  let current = 0;
  for (const b of value) {
    current = current * 128 + (b & 0x7f);
    if (current > Number.MAX_SAFE_INTEGER / 128) node.fail(`${what}: object identifier arc too large`);
    if ((b & 0x80) === 0) {
      if (parts.length === 0) {
        const first = current < 80 ? Math.floor(current / 40) : 2;
        parts.push(first, current - first * 40);
      } else parts.push(current);
      current = 0;
    }
  }
  return parts.join('.');
}

/** INTEGER as unsigned magnitude bytes (a view; leading zero bytes stripped; negative rejected). */
export function unsignedInteger(node: Node, what: string): Uint8Array {
  node.expect(tags.integer, what);
  const value = node.value;
  if (value.length === 0) node.fail(`${what}: empty INTEGER`);
  if (value[0] & 0x80) node.fail(`${what}: negative INTEGER`);
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  return value.subarray(start);
}

/** A small non-negative INTEGER as a number (at most `max`). */
export function smallInteger(node: Node, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const magnitude = unsignedInteger(node, what);
  if (magnitude.length > 6) node.fail(`${what} is too large`, 'too-large');
  let n = 0;
  for (const b of magnitude) n = n * 256 + b;
  if (n > max) node.fail(`${what} is ${n} (limit ${max})`, 'too-large');
  return n;
}

/** OCTET STRING content; constructed (BER) strings are concatenated into a copy. */
export function octets(node: Node, what: string): Uint8Array {
  if (node.tag === tags.octetString) return node.value;
  if (node.tag === 0x24) return joinOctets(node, what);
  return node.fail(`${what}: expected OCTET STRING, found ${describeTag(node.tag)}`);
}

/** Content of an implicitly tagged OCTET STRING ([n] primitive or constructed). */
export function implicitOctets(node: Node, what: string): Uint8Array {
  return node.constructed ? joinOctets(node, what) : node.value;
}

function joinOctets(node: Node, what: string): Uint8Array {
  const pieces: Uint8Array[] = [];
  const collect = (parent: Node) => {
    for (const child of parent.children()) {
      if (child.tag === tags.octetString) pieces.push(child.value);
      else if (child.tag === 0x24) collect(child);
      else child.fail(`${what}: a constructed OCTET STRING holds ${describeTag(child.tag)}`);
    }
  };
  collect(node);
  return concat(pieces);
}

/** BIT STRING content (whole bytes only). */
export function bitString(node: Node, what: string): Uint8Array {
  node.expect(tags.bitString, what);
  const value = node.value;
  if (value.length === 0 || value[0] > 7) node.fail(`${what}: malformed BIT STRING`);
  return value.subarray(1);
}

/** Text of a BMPString / UTF8String / other string type, or undefined when it isn't text. */
export function text(node: Node): string | undefined {
  const value = node.value;
  if (node.tag === tags.bmpString) {
    if (value.length % 2) return undefined;
    let out = '';
    for (let i = 0; i < value.length; i += 2) out += String.fromCharCode((value[i] << 8) | value[i + 1]);
    return out;
  }
  if (node.tag === tags.utf8String || node.tag === 0x13 || node.tag === 0x16 || node.tag === 0x14) {
    return new TextDecoder('utf-8', { fatal: false }).decode(value);
  }
  return undefined;
}

/** AlgorithmIdentifier: the OID and the parameters element (if any). */
export function algorithm(node: Node, what: string): { oid: string; params?: Node; node: Node } {
  const parts = sequence(node, what, 1, 2);
  return { oid: oid(parts[0], `${what} algorithm`), params: parts[1], node };
}

/** Minimal DER encoder for the few structures we build (PKCS#8 wrappers for WebCrypto import). */
export function encode(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = concat(contents);
  const n = body.length;
  const header =
    n < 0x80
      ? [tag, n]
      : n < 0x100
        ? [tag, 0x81, n]
        : n < 0x10000
          ? [tag, 0x82, n >> 8, n & 0xff]
          : [tag, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return concat([Uint8Array.from(header), body]);
}

export function encodeOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [];
  const push = (value: number) => {
    const chunk: number[] = [value & 0x7f];
    for (value = Math.floor(value / 128); value > 0; value = Math.floor(value / 128))
      chunk.unshift((value & 0x7f) | 0x80);
    out.push(...chunk);
  };
  push(arcs[0] * 40 + arcs[1]);
  for (const arc of arcs.slice(2)) push(arc);
  return encode(tags.oid, Uint8Array.from(out));
}
