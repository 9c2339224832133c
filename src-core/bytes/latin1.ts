/** Bytes as text, a byte per character (ISO 8859-1): raw DER strings, binary strings for btoa, map keys. */

/**
 * A native call per 4 KiB (TextDecoder's "latin1" is windows-1252), and no spread: a spread walks
 * the bytes through an iterator, an object per byte until the code is optimized.
 */
export function latin1Text(bytes: Uint8Array): string {
  // Short ones (names, key ids, digests) from a plain array: apply takes one at about twice the
  // speed of a typed array, which it reads element by element through a generic path.
  if (bytes.length <= 1024) {
    const codes: number[] = new Array<number>(bytes.length);
    for (let i = 0; i < bytes.length; i++) codes[i] = bytes[i];
    return String.fromCharCode.apply(null, codes);
  }
  let text = '';
  for (let at = 0; at < bytes.length; at += 4096)
    text += String.fromCharCode.apply(null, bytes.subarray(at, at + 4096) as unknown as number[]);
  return text;
}
