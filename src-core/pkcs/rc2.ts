/**
 * RC2 (RFC 2268) block decryption with an effective key length: the cipher behind
 * pbeWithSHAAnd40BitRC2-CBC, which `openssl pkcs12 -legacy` still uses for certificates.
 */
import type { BlockCipher } from './cbc';

const piTable = Uint8Array.from(
  (
    'd9 78 f9 c4 19 dd b5 ed 28 e9 fd 79 4a a0 d8 9d c6 7e 37 83 2b 76 53 8e 62 4c 64 88 44 8b fb a2 ' +
    '17 9a 59 f5 87 b3 4f 13 61 45 6d 8d 09 81 7d 32 bd 8f 40 eb 86 b7 7b 0b f0 95 21 22 5c 6b 4e 82 ' +
    '54 d6 65 93 ce 60 b2 1c 73 56 c0 14 a7 8c f1 dc 12 75 ca 1f 3b be e4 d1 42 3d d4 30 a3 3c b6 26 ' +
    '6f bf 0e da 46 69 07 57 27 f2 1d 9b bc 94 43 03 f8 11 c7 f6 90 ef 3e e7 06 c3 d5 2f c8 66 1e d7 ' +
    '08 e8 ea de 80 52 ee f7 84 aa 72 ac 35 4d 6a 2a 96 1a d2 71 5a 15 49 74 4b 9f d0 5e 04 18 a4 ec ' +
    'c2 e0 41 6e 0f 51 cb cc 24 91 af 50 a1 f4 70 39 99 7c 3a 85 23 b8 b4 7a fc 02 36 5b 25 55 97 31 ' +
    '2d 5d fa 98 e3 8a 92 ae 05 df 29 10 67 6c ba c9 d3 00 e6 cf e1 9e a8 2c 63 16 01 3f 58 e2 89 a9 ' +
    '0d 38 34 1b ab 33 ff b0 bb 48 0c 5f b9 b1 cd 2e c5 f3 db 47 e5 a5 9c 77 0a a6 20 68 fe 7f c1 ad'
  )
    .split(' ')
    .map((byte) => parseInt(byte, 16)),
);

/** RFC 2268 §2: the 64 16-bit key words for `key` (1–128 bytes) at `effectiveBits` (1–1024). */
function expandKey(key: Uint8Array, effectiveBits: number): Uint16Array {
  if (key.length < 1 || key.length > 128) throw new RangeError('RC2 key must be 1 to 128 bytes');
  if (effectiveBits < 1 || effectiveBits > 1024)
    throw new RangeError('RC2 effective key bits must be 1 to 1024');
  const l = new Uint8Array(128);
  l.set(key);
  const t = key.length;
  for (let i = t; i < 128; i++) l[i] = piTable[(l[i - 1] + l[i - t]) & 0xff];
  const t8 = Math.ceil(effectiveBits / 8);
  const tm = 0xff >> (8 * t8 - effectiveBits);
  l[128 - t8] = piTable[l[128 - t8] & tm];
  for (let i = 127 - t8; i >= 0; i--) l[i] = piTable[l[i + 1] ^ l[i + t8]];
  const k = new Uint16Array(64);
  for (let i = 0; i < 64; i++) k[i] = l[2 * i] | (l[2 * i + 1] << 8);
  l.fill(0);
  return k;
}

export function rc2(key: Uint8Array, effectiveBits: number): BlockCipher {
  const k = expandKey(key, effectiveBits);
  const r = new Uint16Array(4);
  const shifts = [1, 2, 3, 5];
  const reverseMix = (j: number): number => {
    for (let i = 3; i >= 0; i--) {
      const s = shifts[i];
      const x = r[i];
      r[i] = (x >>> s) | (x << (16 - s)); // rotate right within 16 bits (the Uint16Array truncates)
      r[i] -= k[j--] + (r[(i + 3) & 3] & r[(i + 2) & 3]) + (~r[(i + 3) & 3] & r[(i + 1) & 3]);
    }
    return j;
  };
  const reverseMash = () => {
    for (let i = 3; i >= 0; i--) r[i] -= k[r[(i + 3) & 3] & 63];
  };
  return {
    blockSize: 8,
    decryptBlock(input, offset, out, outOffset) {
      for (let i = 0; i < 4; i++) r[i] = input[offset + 2 * i] | (input[offset + 2 * i + 1] << 8);
      let j = 63;
      for (let round = 0; round < 5; round++) j = reverseMix(j);
      reverseMash();
      for (let round = 0; round < 6; round++) j = reverseMix(j);
      reverseMash();
      for (let round = 0; round < 5; round++) j = reverseMix(j);
      for (let i = 0; i < 4; i++) {
        out[outOffset + 2 * i] = r[i] & 0xff;
        out[outOffset + 2 * i + 1] = r[i] >> 8;
      }
      r.fill(0);
    },
    wipe() {
      k.fill(0);
    },
  };
}
