/** Lowercase hex, both ways: how fingerprints, serials and key ids are named everywhere. */

const hexByte = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));
/** Each byte's two hex digits as character codes, side by side. */
const hexCodes = new Uint8Array(512);
for (let value = 0; value < 256; value++) {
  hexCodes[value * 2] = hexByte[value].charCodeAt(0);
  hexCodes[value * 2 + 1] = hexByte[value].charCodeAt(1);
}

export function toHex(bytes: Uint8Array): string {
  // Appending byte by byte makes a rope of ~n pieces that is flattened again on first use (a Map
  // key, a comparison); the short case gathers the digits' codes and makes one string of them.
  if (bytes.length > 512) {
    let text = '';
    for (let i = 0; i < bytes.length; i++) text += hexByte[bytes[i]];
    return text;
  }
  const codes: number[] = new Array<number>(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const pair = bytes[i] * 2;
    codes[i * 2] = hexCodes[pair];
    codes[i * 2 + 1] = hexCodes[pair + 1];
  }
  return String.fromCharCode.apply(null, codes);
}

/** Hex digits (any case, even length) → bytes; a trailing odd digit is ignored. */
export function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
