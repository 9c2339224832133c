/** Lowercase hex, both ways: how fingerprints, serials and key ids are named everywhere. */

const hexByte = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += hexByte[bytes[i]];
  return text;
}

/** Hex digits (any case, even length) → bytes; a trailing odd digit is ignored. */
export function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
