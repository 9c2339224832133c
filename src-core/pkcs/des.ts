/**
 * DES and Triple DES (FIPS 46-3, SP 800-67), block decryption and the encryption step EDE needs.
 * WebCrypto has neither; PKCS#12 files and old PKCS#8 keys still use them. Tables are the
 * standard's, turned into lookup tables on first use: byte-indexed IP/FP and combined S-box + P.
 */
import type { BlockCipher } from './cbc';

const ip = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40,
  32, 24, 16, 8, 57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5,
  63, 55, 47, 39, 31, 23, 15, 7,
];
const p = [
  16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22,
  11, 4, 25,
];
const pc1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];
const pc2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2, 41, 52, 31, 37, 47,
  55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];
const shifts = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
const sBoxes = [
  [
    14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7, 0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3,
    8, 4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0, 15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6,
    13,
  ],
  [
    15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10, 3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11,
    5, 0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15, 13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5,
    14, 9,
  ],
  [
    10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8, 13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15,
    1, 13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7, 1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2,
    12,
  ],
  [
    7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15, 13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14,
    9, 10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4, 3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2,
    14,
  ],
  [
    2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9, 14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8,
    6, 4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14, 11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4,
    5, 3,
  ],
  [
    12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11, 10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3,
    8, 9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6, 4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8,
    13,
  ],
  [
    4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1, 13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8,
    6, 1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2, 6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3,
    12,
  ],
  [
    13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7, 1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9,
    2, 7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8, 2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6,
    11,
  ],
];

/** Bit `position` (1 = most significant) of a 32-bit word. */
const bit = (word: number, position: number) => (word >>> (32 - position)) & 1;

/** For a 64-bit permutation: per input byte position and value, the output as [hi, lo] words. */
function permutationTable(table: number[]): Uint32Array {
  const out = new Uint32Array(8 * 256 * 2);
  for (let outBit = 0; outBit < 64; outBit++) {
    const inBit = table[outBit] - 1;
    const byte = inBit >> 3;
    const mask = 0x80 >> (inBit & 7);
    for (let value = 0; value < 256; value++) {
      if (value & mask) {
        const slot = (byte * 256 + value) * 2 + (outBit < 32 ? 0 : 1);
        out[slot] |= 1 << (31 - (outBit & 31));
      }
    }
  }
  return out;
}

interface DesTables {
  initial: Uint32Array;
  final: Uint32Array;
  /** S-box i followed by P, for each 6-bit input. */
  sp: Uint32Array[];
}

let tables: DesTables | undefined;

/** Built on first use, so a run that never decrypts a legacy PKCS#12 file doesn't pay for them. */
function desTables(): DesTables {
  if (tables) return tables;
  const fp = new Array<number>(64);
  ip.forEach((source, index) => (fp[source - 1] = index + 1));
  const sp = sBoxes.map((box, i) =>
    Uint32Array.from({ length: 64 }, (_, x) => {
      const row = ((x & 0x20) >> 4) | (x & 1);
      const column = (x >> 1) & 0xf;
      const sOut = box[row * 16 + column] << (28 - 4 * i);
      let out = 0;
      for (let j = 0; j < 32; j++) out |= bit(sOut, p[j]) << (31 - j);
      return out >>> 0;
    }),
  );
  tables = { initial: permutationTable(ip), final: permutationTable(fp), sp };
  return tables;
}

function permute(table: Uint32Array, bytes: ArrayLike<number>, out: Uint32Array): void {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 8; i++) {
    const slot = (i * 256 + bytes[i]) * 2;
    hi |= table[slot];
    lo |= table[slot + 1];
  }
  out[0] = hi;
  out[1] = lo;
}

/** 16 round keys, each as eight 6-bit chunks. */
function keySchedule(key: Uint8Array): Uint8Array {
  const keyBit = (n: number) => (key[(n - 1) >> 3] >> (7 - ((n - 1) & 7))) & 1;
  const c = pc1.slice(0, 28).map(keyBit);
  const d = pc1.slice(28).map(keyBit);
  const out = new Uint8Array(16 * 8);
  for (let round = 0; round < 16; round++) {
    for (let s = 0; s < shifts[round]; s++) {
      c.push(c.shift() as number);
      d.push(d.shift() as number);
    }
    const cd = [...c, ...d];
    for (let chunk = 0; chunk < 8; chunk++) {
      let value = 0;
      for (let j = 0; j < 6; j++) value = (value << 1) | cd[pc2[chunk * 6 + j] - 1];
      out[round * 8 + chunk] = value;
    }
    cd.fill(0);
  }
  c.fill(0);
  d.fill(0);
  return out;
}

function feistel(spTables: Uint32Array[], r: number, keys: Uint8Array, round: number): number {
  const rot = (r >>> 1) | (r << 31); // E's chunks are 6-bit windows of R rotated right by one
  let out = 0;
  for (let i = 0; i < 7; i++) out |= spTables[i][((rot >>> (26 - 4 * i)) & 0x3f) ^ keys[round * 8 + i]];
  out |= spTables[7][(((rot << 2) | (rot >>> 30)) & 0x3f) ^ keys[round * 8 + 7]];
  return out;
}

const scratch = new Uint32Array(2);
const scratchBytes = new Uint8Array(8);

/** One DES pass over a block in `block[0..1]` (hi, lo words), in place. */
function desBlock(block: Uint32Array, keys: Uint8Array, decrypt: boolean): void {
  const { initial, final, sp } = desTables();
  for (let i = 0; i < 4; i++) {
    scratchBytes[i] = block[0] >>> (24 - 8 * i);
    scratchBytes[i + 4] = block[1] >>> (24 - 8 * i);
  }
  permute(initial, scratchBytes, scratch);
  let l = scratch[0];
  let r = scratch[1];
  for (let round = 0; round < 16; round++) {
    const next = l ^ feistel(sp, r, keys, decrypt ? 15 - round : round);
    l = r;
    r = next;
  }
  for (let i = 0; i < 4; i++) {
    scratchBytes[i] = r >>> (24 - 8 * i);
    scratchBytes[i + 4] = l >>> (24 - 8 * i);
  }
  permute(final, scratchBytes, block);
  scratchBytes.fill(0);
}

/** DES (8-byte key) or Triple DES EDE (16-byte two-key or 24-byte three-key); parity bits ignored. */
export function tripleDes(key: Uint8Array): BlockCipher & { encryptBlock(block: Uint8Array): Uint8Array } {
  if (key.length !== 8 && key.length !== 16 && key.length !== 24)
    throw new RangeError('DES key must be 8, 16 or 24 bytes');
  const k1 = keySchedule(key.subarray(0, 8));
  const k2 = key.length === 8 ? k1 : keySchedule(key.subarray(8, 16));
  const k3 = key.length === 24 ? keySchedule(key.subarray(16, 24)) : k1;
  const single = key.length === 8;
  const words = new Uint32Array(2);
  const load = (input: Uint8Array, offset: number) => {
    words[0] =
      ((input[offset] << 24) | (input[offset + 1] << 16) | (input[offset + 2] << 8) | input[offset + 3]) >>>
      0;
    words[1] =
      ((input[offset + 4] << 24) |
        (input[offset + 5] << 16) |
        (input[offset + 6] << 8) |
        input[offset + 7]) >>>
      0;
  };
  const store = (out: Uint8Array, offset: number) => {
    for (let i = 0; i < 4; i++) {
      out[offset + i] = words[0] >>> (24 - 8 * i);
      out[offset + 4 + i] = words[1] >>> (24 - 8 * i);
    }
  };
  return {
    blockSize: 8,
    decryptBlock(input, offset, out, outOffset) {
      load(input, offset);
      if (single) desBlock(words, k1, true);
      else {
        desBlock(words, k3, true);
        desBlock(words, k2, false);
        desBlock(words, k1, true);
      }
      store(out, outOffset);
    },
    encryptBlock(block) {
      load(block, 0);
      if (single) desBlock(words, k1, false);
      else {
        desBlock(words, k1, false);
        desBlock(words, k2, true);
        desBlock(words, k3, false);
      }
      const out = new Uint8Array(8);
      store(out, 0);
      return out;
    },
    wipe() {
      k1.fill(0);
      k2.fill(0);
      k3.fill(0);
      words.fill(0);
    },
  };
}
