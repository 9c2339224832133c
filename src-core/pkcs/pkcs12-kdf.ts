/**
 * The PKCS#12 key-derivation function (RFC 7292 appendix B.2) and the password encodings it and
 * PBES2 use. The iteration loop hashes synchronously (hash.ts: @noble/hashes), one round after another.
 */
import { hashes, iteratedDigest, type HashName } from './hash';
import { WorkBudget } from './limits';

/** Purpose byte ("ID") of the derivation. */
export const kdfPurpose = { key: 1, iv: 2, mac: 3 } as const;

/** PKCS#12 password form: BMPString, big-endian UTF-16 code units plus a two-byte zero terminator. */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const unit = password.charCodeAt(i);
    out[i * 2] = unit >> 8;
    out[i * 2 + 1] = unit & 0xff;
  }
  return out;
}

/**
 * Old OpenSSL (before 1.1.0) and some tools widened each UTF-8 byte to 16 bits instead of converting
 * to UTF-16; OpenSSL still retries with this form, and so do we, for non-ASCII passwords.
 */
export function widenedUtf8Password(password: string): Uint8Array {
  const utf8 = new TextEncoder().encode(password);
  const out = new Uint8Array(utf8.length * 2 + 2);
  utf8.forEach((b, i) => (out[i * 2 + 1] = b));
  utf8.fill(0);
  return out;
}

/** RFC 7292 B.2: derives `length` bytes for `purpose` from the (already BMP-encoded) password. */
export function pkcs12Kdf(
  hash: HashName,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  purpose: number,
  length: number,
  budget: WorkBudget,
): Uint8Array {
  const { outputLength: u, blockLength: v, cost } = hashes[hash];
  const rounds = Math.ceil(length / u);
  budget.spend(iterations * rounds * cost, 'PKCS#12 key derivation');
  const repeatTo = (source: Uint8Array): Uint8Array => {
    const out = new Uint8Array(source.length === 0 ? 0 : Math.ceil(source.length / v) * v);
    for (let i = 0; i < out.length; i++) out[i] = source[i % source.length];
    return out;
  };
  const s = repeatTo(salt);
  const p = repeatTo(password);
  const input = new Uint8Array(v + s.length + p.length); // D || I, with I = S || P
  input.fill(purpose, 0, v);
  input.set(s, v);
  input.set(p, v + s.length);
  p.fill(0);
  const out = new Uint8Array(rounds * u);
  const b = new Uint8Array(v);
  for (let round = 0; round < rounds; round++) {
    const a = iteratedDigest(hash, input, iterations);
    out.set(a, round * u);
    if (round + 1 === rounds) break;
    for (let i = 0; i < v; i++) b[i] = a[i % u];
    // I_j = (I_j + B + 1) mod 2^(8v) for each v-byte block of I.
    for (let j = v; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k] + b[k] + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  input.fill(0);
  b.fill(0);
  const result = out.slice(0, length);
  out.fill(0);
  return result;
}
