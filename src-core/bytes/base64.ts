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
