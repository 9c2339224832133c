import { toHex } from '../bytes/hex';
import { signatureEngine } from './signature-engine';

/** A SHA-256 as lowercase hex: how stores, reports, findings and the UI name a certificate. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const engine = signatureEngine();
  if (engine?.sha256Hex) return engine.sha256Hex(bytes);
  if (engine?.sha256) return toHex(engine.sha256(bytes));
  // A copy: WebCrypto takes whole buffers, and a view may be a slice of a larger file.
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice())));
}
