import { toHex } from '../bytes/hex';
import { signatureEngine } from './signature-engine';

/** A SHA-256 as lowercase hex: how stores, reports, findings and the UI name a certificate. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const now = sha256HexNow(bytes);
  if (now !== undefined) return now;
  // A copy: WebCrypto takes whole buffers, and a view may be a slice of a larger file.
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice())));
}

/**
 * The same, synchronously, where the host's engine hashes (the CLI): undefined otherwise. A
 * caller that hashes every certificate it reads then awaits only when it must.
 */
export function sha256HexNow(bytes: Uint8Array): string | undefined {
  const engine = signatureEngine();
  if (engine?.sha256Hex) return engine.sha256Hex(bytes);
  if (engine?.sha256) return toHex(engine.sha256(bytes));
  return undefined;
}
