/** CBC decryption with PKCS#7 padding for the pure-TS block ciphers (DES, 3DES, RC2). */

export interface BlockCipher {
  blockSize: number;
  decryptBlock(input: Uint8Array, offset: number, out: Uint8Array, outOffset: number): void;
  /** Zeroes the key schedule (best effort: JS may have copied it). */
  wipe(): void;
}

/**
 * Decryption produced garbage: bad padding or a length that isn't whole blocks. With password-based
 * encryption this almost always means a wrong password; callers turn it into their own typed error.
 */
export class DecryptionFailed extends Error {
  override name = 'DecryptionFailed';
}

export function cbcDecrypt(cipher: BlockCipher, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const size = cipher.blockSize;
  if (iv.length !== size) throw new DecryptionFailed(`the IV is ${iv.length} bytes, not ${size}`);
  if (data.length === 0 || data.length % size) throw new DecryptionFailed('ciphertext is not whole blocks');
  const out = new Uint8Array(data.length);
  for (let at = 0; at < data.length; at += size) {
    cipher.decryptBlock(data, at, out, at);
    for (let i = 0; i < size; i++) out[at + i] ^= at === 0 ? iv[i] : data[at - size + i];
  }
  cipher.wipe();
  return stripPadding(out, size);
}

/** Removes PKCS#7 padding; zeroes and rejects the buffer if the padding is wrong. */
export function stripPadding(out: Uint8Array, blockSize: number): Uint8Array {
  const padding = out[out.length - 1];
  let good = padding >= 1 && padding <= blockSize && padding <= out.length;
  for (let i = 1; good && i <= padding; i++) good = out[out.length - i] === padding;
  if (!good) {
    out.fill(0);
    throw new DecryptionFailed('bad padding after decryption');
  }
  return out.subarray(0, out.length - padding);
}
