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

const blockPattern = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;

export function looksLikePem(text: string): boolean {
  return text.includes('-----BEGIN ');
}

export function parsePemBlocks(text: string): PemBlock[] {
  return Array.from(pemBlocks(text));
}

/** The same, one block at a time: a reader can stop early without decoding the rest. */
export function* pemBlocks(text: string): Generator<PemBlock> {
  for (const match of text.replace(/^\uFEFF/, '').matchAll(blockPattern)) {
    const body = match[2]
      .split(/\r?\n/)
      .filter((line) => !/^[A-Za-z-]+:/.test(line.trim())) // RFC 1421 headers (Proc-Type, DEK-Info)
      .join('')
      .replace(/\s+/g, '');
    const offset = match.index ?? 0;
    let der: Uint8Array | undefined;
    try {
      der = base64ToBytes(body);
    } catch {
      der = undefined;
    }
    yield der
      ? { label: match[1], der, offset }
      : {
          label: match[1],
          der: new Uint8Array(0),
          offset,
          error: `the ${match[1]} block at character ${offset} is not valid base64`,
        };
  }
}

/** How many PEM blocks begin at or after this character offset (counted, not read). */
export function countPemBlocksFrom(text: string, offset: number): number {
  let count = 0;
  for (let at = text.indexOf('-----BEGIN ', offset); at >= 0; at = text.indexOf('-----BEGIN ', at + 11))
    count++;
  return count;
}
