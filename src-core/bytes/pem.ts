/** PEM blocks out of any text a CA or colleague might send: CRLF or LF, prose between blocks, a BOM. */
import { base64ToBytes } from './base64';

export interface PemBlock {
  label: string;
  der: Uint8Array;
  /** Set when the block's body is not valid base64 (`der` is then empty). */
  error?: string;
  /** Character offset of the `-----BEGIN` line in the text. */
  offset: number;
}

const begin = '-----BEGIN ';
const dashes = '-----';

export function looksLikePem(text: string): boolean {
  return text.includes(begin);
}

export function parsePemBlocks(text: string): PemBlock[] {
  const body = withoutBom(text);
  const blocks: PemBlock[] = [];
  for (let found = nextBlock(body, 0); found; found = nextBlock(body, found.next)) blocks.push(found.block);
  return blocks;
}

/**
 * The same, one block at a time: a reader can stop early without decoding the rest. A block is
 * `-----BEGIN LABEL-----`, then the nearest `-----END LABEL-----` with the same label; a BEGIN
 * without its END is skipped. Found with `indexOf` rather than a regular expression: a batch of
 * chains reads thousands of blocks, and the lazy pattern stepped through every character.
 */
export function* pemBlocks(text: string): Generator<PemBlock> {
  const body = withoutBom(text);
  for (let found = nextBlock(body, 0); found; found = nextBlock(body, found.next)) yield found.block;
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The first block at or after `from`, and where to look for the one after it. */
function nextBlock(body: string, from: number): { block: PemBlock; next: number } | undefined {
  for (;;) {
    const offset = body.indexOf(begin, from);
    if (offset < 0) return undefined;
    let labelEnd = offset + begin.length;
    while (labelEnd < body.length && isLabelChar(body.charCodeAt(labelEnd))) labelEnd++;
    const label = body.slice(offset + begin.length, labelEnd);
    const end =
      label && body.startsWith(dashes, labelEnd) ? body.indexOf(`-----END ${label}-----`, labelEnd + 5) : -1;
    if (end < 0) {
      from = offset + 1; // no block here: look for the next BEGIN
      continue;
    }
    const der = decodeBody(body.slice(labelEnd + 5, end));
    const block: PemBlock = der
      ? { label, der, offset }
      : {
          label,
          der: new Uint8Array(0),
          offset,
          error: `the ${label} block at character ${offset} is not valid base64`,
        };
    return { block, next: end + label.length + 14 };
  }
}

/** A label's characters: RFC 7468's (A–Z, 0–9, space) and the `#` some tools write. */
function isLabelChar(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x20 || code === 0x23;
}

/** A block's base64 (whitespace anywhere, RFC 1421 header lines such as Proc-Type skipped); undefined if invalid. */
function decodeBody(text: string): Uint8Array | undefined {
  // Base64 has no colon: without one there is no header, and atob skips ASCII whitespace itself.
  if (!text.includes(':')) {
    try {
      return base64ToBytes(text);
    } catch {
      // other whitespace (a no-break space…): the long way below
    }
  }
  const base64 = text
    .split(/\r?\n/)
    .filter((line) => !/^[A-Za-z-]+:/.test(line.trim()))
    .join('')
    .replace(/\s+/g, '');
  try {
    return base64ToBytes(base64);
  } catch {
    return undefined;
  }
}

/** How many PEM blocks begin at or after this character offset (counted, not read). */
export function countPemBlocksFrom(text: string, offset: number): number {
  let count = 0;
  for (let at = text.indexOf(begin, offset); at >= 0; at = text.indexOf(begin, at + begin.length)) count++;
  return count;
}
