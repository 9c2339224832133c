/** Byte comparison: a fast one for public data, a constant-time one for secrets (MAC checks). */

const byteString = new TextDecoder('latin1');

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  // Whole certificates: native decoding and string comparison beat a byte loop, above all before the JIT warms up.
  if (a.length > 256)
    return a[a.length - 1] === b[b.length - 1] && byteString.decode(a) === byteString.decode(b);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Compares every byte whatever the first difference (the time says nothing about where it is). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
