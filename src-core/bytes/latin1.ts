/** Bytes as text, a byte per character (ISO 8859-1): raw DER strings, binary strings for btoa, map keys. */

/**
 * A native call per 4 KiB (TextDecoder's "latin1" is windows-1252), and no spread: a spread walks
 * the bytes through an iterator, an object per byte until the code is optimized.
 */
export function latin1Text(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 4096)
    text += String.fromCharCode.apply(null, bytes.subarray(at, at + 4096) as unknown as number[]);
  return text;
}
