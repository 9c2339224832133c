/** Copies and joins of byte arrays, and the ArrayBuffers WebCrypto takes. */

/**
 * A real copy. `Uint8Array.prototype.slice` is not enough: Node's Buffer overrides `slice` with a
 * view, and `.buffer` of a Buffer may be the whole shared pool.
 */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

/** An ArrayBuffer holding exactly `bytes` (a copy), for WebCrypto. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return copyBytes(bytes).buffer as ArrayBuffer;
}

export function concat(pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
