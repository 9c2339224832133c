/**
 * The same reader as `der.ts`, as positioned nodes for the PKCS readers: each node knows its bytes
 * and where they sit in the file (`base`), so every `DerError` it throws carries a file offset
 * (undefined for decrypted bytes, which are not in the file). Indefinite lengths and constructed
 * OCTET STRINGs are accepted because real PKCS#12 files (Java, Windows) use them.
 */
import { concat } from '../bytes/buffers';
import { DerError, readOid, readTlv, universalTags, type DerErrorCode, type Tlv } from './der';
import { decodeString, isStringTag, type DecodedString } from './strings';

/** One element. Offsets are indexes into `bytes`; `base` maps them to the file (undefined: not in the file). */
export class Node {
  constructor(
    readonly bytes: Uint8Array,
    readonly base: number | undefined,
    readonly tlv: Tlv,
    readonly depth: number,
  ) {}

  /** Identifier octet (for high tag numbers: class and constructed bits with 0x1f). */
  get tag(): number {
    return this.tlv.tag;
  }
  get tagNumber(): number {
    return this.tlv.tagNumber;
  }
  get start(): number {
    return this.tlv.start;
  }
  get valueStart(): number {
    return this.tlv.contentStart;
  }
  get valueEnd(): number {
    return this.tlv.contentEnd;
  }
  get end(): number {
    return this.tlv.end;
  }
  get constructed(): boolean {
    return this.tlv.constructed;
  }

  /** Context-specific tag [n], either form. */
  isContext(n: number): boolean {
    return this.tlv.tagClass === 'context' && this.tagNumber === n;
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

  fail(message: string, code: DerErrorCode = 'malformed'): never {
    throw new DerError(message, this.offset, code);
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

const tagNames: Record<number, string> = {
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

export function describeTag(tag: number): string {
  if (tagNames[tag]) return tagNames[tag];
  if ((tag & 0xc0) === 0x80) return `[${tag & 0x1f}]`;
  return `tag 0x${tag.toString(16).padStart(2, '0')}`;
}

/** Reads one element at `at`, which must end by `limit`; a failure's offset is in the file. */
export function readNode(
  bytes: Uint8Array,
  at: number,
  limit: number,
  base: number | undefined,
  depth: number,
): Node {
  try {
    return new Node(bytes, base, readTlv(bytes, at, limit, depth), depth);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    const offset = base === undefined || error.offset === undefined ? undefined : base + error.offset;
    throw new DerError(error.message, offset, error.code);
  }
}

/** Parses `bytes` as exactly one element (trailing bytes are an error unless allowed). */
export function parse(
  bytes: Uint8Array,
  options: { base?: number; allowTrailing?: boolean; what?: string } = {},
): Node {
  const node = readNode(bytes, 0, bytes.length, options.base, 0);
  if (!options.allowTrailing && node.end !== bytes.length) {
    throw new DerError(
      `${bytes.length - node.end} unexpected bytes after ${options.what ?? 'the data'}`,
      options.base === undefined ? undefined : options.base + node.end,
    );
  }
  return node;
}

/** A SEQUENCE's children, checking the count is within [min, max]. */
export function sequence(node: Node, what: string, min = 0, max = Infinity): Node[] {
  node.expect(universalTags.sequence, what);
  const children = node.children();
  if (children.length < min)
    node.fail(`${what} is incomplete (${children.length} of at least ${min} fields)`);
  if (children.length > max) node.fail(`${what} has ${children.length} fields (at most ${max} expected)`);
  return children;
}

export function oid(node: Node, what: string): string {
  node.expect(universalTags.oid, what);
  try {
    return readOid(node.bytes, node.tlv);
  } catch (error) {
    return node.fail(`${what}: ${error instanceof Error ? error.message : 'malformed object identifier'}`);
  }
}

/** INTEGER as unsigned magnitude bytes (a view; leading zero bytes stripped; negative rejected). */
export function unsignedInteger(node: Node, what: string): Uint8Array {
  node.expect(universalTags.integer, what);
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
  if (node.tag === universalTags.octetString) return node.value;
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
      if (child.tag === universalTags.octetString) pieces.push(child.value);
      else if (child.tag === 0x24) collect(child);
      else child.fail(`${what}: a constructed OCTET STRING holds ${describeTag(child.tag)}`);
    }
  };
  collect(node);
  return concat(pieces);
}

/** BIT STRING content (whole bytes only). */
export function bitString(node: Node, what: string): Uint8Array {
  node.expect(universalTags.bitString, what);
  const value = node.value;
  if (value.length === 0 || value[0] > 7) node.fail(`${what}: malformed BIT STRING`);
  return value.subarray(1);
}

/** A character string's text (the one string reader), or undefined when the node is no string. */
export function text(node: Node): DecodedString | undefined {
  if (node.constructed || !isStringTag(node.tag)) return undefined;
  return decodeString(node.bytes, node.tlv);
}

/** AlgorithmIdentifier: the OID and the parameters element (if any). */
export function algorithm(node: Node, what: string): { oid: string; params?: Node; node: Node } {
  const parts = sequence(node, what, 1, 2);
  return { oid: oid(parts[0], `${what} algorithm`), params: parts[1], node };
}
