/** Base64 without Node's Buffer, so the same code runs in the renderer. */
import { latin1Text } from './latin1';

export function bytesToBase64(bytes: Uint8Array): string {
  return btoa(latin1Text(bytes));
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const base64UrlCodes = Array.from(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  (char) => char.charCodeAt(0),
);

/** Base64url without padding (JWK members): key coordinates and moduli, made without btoa and three replaces. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  if (bytes.length > 3072)
    return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const codes: number[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const triple = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    codes.push(
      base64UrlCodes[triple >> 18],
      base64UrlCodes[(triple >> 12) & 63],
      base64UrlCodes[(triple >> 6) & 63],
      base64UrlCodes[triple & 63],
    );
  }
  if (i < bytes.length) {
    const rest = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8);
    codes.push(base64UrlCodes[rest >> 18], base64UrlCodes[(rest >> 12) & 63]);
    if (i + 1 < bytes.length) codes.push(base64UrlCodes[(rest >> 6) & 63]);
  }
  return String.fromCharCode.apply(null, codes);
}
