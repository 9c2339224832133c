/** A minimal DER encoder for the few structures Certscope builds (PKCS#8 wrappers, OCSP requests). */
import { concat } from '../bytes/buffers';
import { universalTags } from './der';

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
  return encode(universalTags.oid, Uint8Array.from(out));
}
