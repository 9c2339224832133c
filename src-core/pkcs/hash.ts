import { toArrayBuffer } from '../bytes/buffers';
/**
 * Hashes, HMAC and PBKDF2. WebCrypto does the bulk work (HMAC over a whole authSafe, PBKDF2) where
 * it can; pure-TS digests cover what it lacks (SHA-224, SHA-512/224, SHA-512/256, MD5 for old
 * PBES1 keys) and the PKCS#12 KDF's iteration loop, where one awaited `subtle.digest` per
 * iteration costs ~75 µs in Node (2,048 iterations × several blocks would take seconds).
 */

export type HashName =
  'MD5' | 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA-512/224' | 'SHA-512/256';

export interface HashInfo {
  name: HashName;
  /** Output length in bytes. */
  outputLength: number;
  /** Block length in bytes (the PKCS#12 KDF's v). */
  blockLength: number;
  /** Whether WebCrypto implements it (then HMAC and PBKDF2 go native). */
  webCrypto: boolean;
  /** Rough cost of one pure-TS compression relative to SHA-256 (for the work budget). */
  cost: number;
}

export const hashes: Record<HashName, HashInfo> = {
  MD5: { name: 'MD5', outputLength: 16, blockLength: 64, webCrypto: false, cost: 1 },
  'SHA-1': { name: 'SHA-1', outputLength: 20, blockLength: 64, webCrypto: true, cost: 1 },
  'SHA-224': { name: 'SHA-224', outputLength: 28, blockLength: 64, webCrypto: false, cost: 1 },
  'SHA-256': { name: 'SHA-256', outputLength: 32, blockLength: 64, webCrypto: true, cost: 1 },
  'SHA-384': { name: 'SHA-384', outputLength: 48, blockLength: 128, webCrypto: true, cost: 6 },
  'SHA-512': { name: 'SHA-512', outputLength: 64, blockLength: 128, webCrypto: true, cost: 6 },
  'SHA-512/224': { name: 'SHA-512/224', outputLength: 28, blockLength: 128, webCrypto: false, cost: 6 },
  'SHA-512/256': { name: 'SHA-512/256', outputLength: 32, blockLength: 128, webCrypto: false, cost: 6 },
};

/** Digest OIDs (MacData DigestInfo) and HMAC OIDs (PBKDF2 prf, PBMAC1). */
export const digestOids: Record<string, HashName> = {
  '1.2.840.113549.2.5': 'MD5',
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.4': 'SHA-224',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
  '2.16.840.1.101.3.4.2.5': 'SHA-512/224',
  '2.16.840.1.101.3.4.2.6': 'SHA-512/256',
};

export const hmacOids: Record<string, HashName> = {
  '1.2.840.113549.2.6': 'MD5',
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.8': 'SHA-224',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
  '1.2.840.113549.2.12': 'SHA-512/224',
  '1.2.840.113549.2.13': 'SHA-512/256',
};

/**
 * One hash family: its compression function over 32-bit words (SHA-512's 64-bit words as hi/lo
 * pairs), so the KDF loop can feed each output straight back in as the next block's words.
 */
interface Engine {
  initial: Uint32Array;
  /** 32-bit words per block. */
  blockWords: number;
  littleEndian: boolean;
  compress(h: Uint32Array, m: Uint32Array, w: Uint32Array): void;
}

const sha256K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

function sha256Compress(h: Uint32Array, m: Uint32Array, w: Uint32Array): void {
  for (let i = 0; i < 16; i++) w[i] = m[i];
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15];
    const b = w[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = h[0] | 0,
    b = h[1] | 0,
    c = h[2] | 0,
    d = h[3] | 0,
    e = h[4] | 0,
    f = h[5] | 0,
    g = h[6] | 0,
    hh = h[7] | 0;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (hh + s1 + ((e & f) ^ (~e & g)) + sha256K[i] + w[i]) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

function sha1Compress(h: Uint32Array, m: Uint32Array, w: Uint32Array): void {
  for (let i = 0; i < 16; i++) w[i] = m[i];
  for (let i = 16; i < 80; i++) {
    const x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
    w[i] = (x << 1) | (x >>> 31);
  }
  let a = h[0] | 0,
    b = h[1] | 0,
    c = h[2] | 0,
    d = h[3] | 0,
    e = h[4] | 0;
  for (let i = 0; i < 80; i++) {
    const f =
      i < 20
        ? ((b & c) | (~b & d)) + 0x5a827999
        : i < 40
          ? (b ^ c ^ d) + 0x6ed9eba1
          : i < 60
            ? ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc
            : (b ^ c ^ d) + 0xca62c1d6;
    const t = (((a << 5) | (a >>> 27)) + f + e + w[i]) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

const sha512K = Uint32Array.from([
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc, 0x3956c25b,
  0xf348b538, 0x59f111f1, 0xb605d019, 0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118, 0xd807aa98, 0xa3030242,
  0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2, 0x72be5d74, 0xf27b896f, 0x80deb1fe,
  0x3b1696b1, 0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694, 0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3,
  0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65, 0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc,
  0xbd41fbd4, 0x76f988da, 0x831153b5, 0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f,
  0xbf597fc7, 0xbeef0ee4, 0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725, 0x06ca6351, 0xe003826f, 0x14292967,
  0x0a0e6e70, 0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
  0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b, 0xa2bfe8a1,
  0x4cf10364, 0xa81a664b, 0xbc423001, 0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30, 0xd192e819, 0xd6ef5218,
  0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8, 0x19a4c116, 0xb8d2d0c8, 0x1e376c08,
  0x5141ab53, 0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8, 0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb,
  0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3, 0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814,
  0xa1f0ab72, 0x8cc70208, 0x1a6439ec, 0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915,
  0xc67178f2, 0xe372532b, 0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207, 0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f,
  0xee6ed178, 0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
  0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c, 0x4cc5d4be,
  0xcb3e42b6, 0x597f299c, 0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
]);

const carry = (low: number) => (low / 0x100000000) | 0;

function sha512Compress(h: Uint32Array, m: Uint32Array, w: Uint32Array): void {
  for (let i = 0; i < 32; i++) w[i] = m[i];
  for (let i = 16; i < 80; i++) {
    // σ0(x) = rotr1 ^ rotr8 ^ shr7
    const xh = w[(i - 15) * 2];
    const xl = w[(i - 15) * 2 + 1];
    const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
    const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
    // σ1(y) = rotr19 ^ rotr61 ^ shr6
    const yh = w[(i - 2) * 2];
    const yl = w[(i - 2) * 2 + 1];
    const s1h = ((yh >>> 19) | (yl << 13)) ^ ((yl >>> 29) | (yh << 3)) ^ (yh >>> 6);
    const s1l = ((yl >>> 19) | (yh << 13)) ^ ((yh >>> 29) | (yl << 3)) ^ ((yl >>> 6) | (yh << 26));
    const lo = (s0l >>> 0) + (s1l >>> 0) + w[(i - 7) * 2 + 1] + w[(i - 16) * 2 + 1];
    w[i * 2] = s0h + s1h + w[(i - 7) * 2] + w[(i - 16) * 2] + carry(lo);
    w[i * 2 + 1] = lo;
  }
  // Locals stay int32 (`| 0`) so V8 keeps them in registers; sums of halves go through >>> 0.
  let ah = h[0] | 0,
    al = h[1] | 0,
    bh = h[2] | 0,
    bl = h[3] | 0,
    ch = h[4] | 0,
    cl = h[5] | 0,
    dh = h[6] | 0,
    dl = h[7] | 0;
  let eh = h[8] | 0,
    el = h[9] | 0,
    fh = h[10] | 0,
    fl = h[11] | 0,
    gh = h[12] | 0,
    gl = h[13] | 0,
    hh = h[14] | 0,
    hl = h[15] | 0;
  for (let i = 0; i < 80; i++) {
    // Σ1(e) = rotr14 ^ rotr18 ^ rotr41
    const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
    const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
    const chh = (eh & fh) ^ (~eh & gh);
    const chl = (el & fl) ^ (~el & gl);
    // Σ0(a) = rotr28 ^ rotr34 ^ rotr39
    const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
    const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
    const majh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
    const majl = (al & bl) ^ (al & cl) ^ (bl & cl);
    const t1lSum = (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + sha512K[i * 2 + 1] + w[i * 2 + 1];
    const t1h = (hh + S1h + chh + sha512K[i * 2] + w[i * 2] + carry(t1lSum)) | 0;
    const t1l = t1lSum | 0;
    const t2lSum = (S0l >>> 0) + (majl >>> 0);
    const t2h = (S0h + majh + carry(t2lSum)) | 0;
    const t2l = t2lSum | 0;
    hh = gh;
    hl = gl;
    gh = fh;
    gl = fl;
    fh = eh;
    fl = el;
    const el2 = (dl >>> 0) + (t1l >>> 0);
    eh = (dh + t1h + carry(el2)) | 0;
    el = el2 | 0;
    dh = ch;
    dl = cl;
    ch = bh;
    cl = bl;
    bh = ah;
    bl = al;
    const al2 = (t1l >>> 0) + (t2l >>> 0);
    ah = (t1h + t2h + carry(al2)) | 0;
    al = al2 | 0;
  }
  const add = (index: number, high: number, low: number) => {
    const sum = h[index + 1] + (low >>> 0);
    h[index] = h[index] + high + carry(sum);
    h[index + 1] = sum;
  };
  add(0, ah, al);
  add(2, bh, bl);
  add(4, ch, cl);
  add(6, dh, dl);
  add(8, eh, el);
  add(10, fh, fl);
  add(12, gh, gl);
  add(14, hh, hl);
}

const md5S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const md5K = Uint32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000));

function md5Compress(h: Uint32Array, x: Uint32Array): void {
  let a = h[0] | 0,
    b = h[1] | 0,
    c = h[2] | 0,
    d = h[3] | 0;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) % 16;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) % 16;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) % 16;
    }
    const s = md5S[(i >> 4) * 4 + (i % 4)];
    const t = (a + f + md5K[i] + x[g]) | 0;
    a = d;
    d = c;
    c = b;
    b = (b + ((t << s) | (t >>> (32 - s)))) | 0;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
}

const sha512Engine = (initial: number[]): Engine => ({
  initial: Uint32Array.from(initial),
  blockWords: 32,
  littleEndian: false,
  compress: sha512Compress,
});

const engines: Record<HashName, Engine> = {
  MD5: {
    initial: Uint32Array.from([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]),
    blockWords: 16,
    littleEndian: true,
    compress: md5Compress,
  },
  'SHA-1': {
    initial: Uint32Array.from([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]),
    blockWords: 16,
    littleEndian: false,
    compress: sha1Compress,
  },
  'SHA-224': {
    initial: Uint32Array.from([
      0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4,
    ]),
    blockWords: 16,
    littleEndian: false,
    compress: sha256Compress,
  },
  'SHA-256': {
    initial: Uint32Array.from([
      0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]),
    blockWords: 16,
    littleEndian: false,
    compress: sha256Compress,
  },
  'SHA-384': sha512Engine([
    0xcbbb9d5d, 0xc1059ed8, 0x629a292a, 0x367cd507, 0x9159015a, 0x3070dd17, 0x152fecd8, 0xf70e5939,
    0x67332667, 0xffc00b31, 0x8eb44a87, 0x68581511, 0xdb0c2e0d, 0x64f98fa7, 0x47b5481d, 0xbefa4fa4,
  ]),
  'SHA-512': sha512Engine([
    0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1,
    0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
  ]),
  'SHA-512/224': sha512Engine([
    0x8c3d37c8, 0x19544da2, 0x73e19966, 0x89dcd4d6, 0x1dfab7ae, 0x32ff9c82, 0x679dd514, 0x582f9fcf,
    0x0f6d2b69, 0x7bd44da8, 0x77e36f73, 0x04c48942, 0x3f9d85a8, 0x6a1d36c8, 0x1112e6ad, 0x91d692a1,
  ]),
  'SHA-512/256': sha512Engine([
    0x22312194, 0xfc2bf72c, 0x9f555fa3, 0xc84c64c2, 0x2393b86b, 0x6f53b151, 0x96387719, 0x5940eabd,
    0x96283ee2, 0xa88effe3, 0xbe5e1e25, 0x53863992, 0x2b0199fc, 0x2c85b8aa, 0x0eb72ddc, 0x81c52ca2,
  ]),
};

/** Writes the padded message as words, block by block, through the compression function. */
function run(engine: Engine, data: Uint8Array): Uint32Array {
  const blockBytes = engine.blockWords * 4;
  const lengthBytes = engine.blockWords === 32 ? 16 : 8;
  const total = Math.ceil((data.length + 1 + lengthBytes) / blockBytes) * blockBytes;
  const padded = new Uint8Array(total);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  // Bit length as a 64-bit value (inputs here are far below 2^53 bits).
  const bits = data.length * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  if (engine.littleEndian) {
    view.setUint32(total - 8, low, true);
    view.setUint32(total - 4, high, true);
  } else {
    view.setUint32(total - 8, high);
    view.setUint32(total - 4, low);
  }
  const h = engine.initial.slice();
  const m = new Uint32Array(engine.blockWords);
  const w = new Uint32Array(engine.blockWords === 32 ? 160 : 80);
  for (let block = 0; block < total; block += blockBytes) {
    for (let i = 0; i < engine.blockWords; i++) m[i] = view.getUint32(block + i * 4, engine.littleEndian);
    engine.compress(h, m, w);
  }
  padded.fill(0);
  m.fill(0);
  w.fill(0);
  return h;
}

function wordsToBytes(words: Uint32Array, length: number, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < words.length; i++) view.setUint32(i * 4, words[i], littleEndian);
  return out.subarray(0, length);
}

/** Synchronous digest, any of the supported hashes. */
export function digestSync(name: HashName, data: Uint8Array): Uint8Array {
  const engine = engines[name];
  return wordsToBytes(run(engine, data), hashes[name].outputLength, engine.littleEndian);
}

/**
 * H^count(data): digest once, then hash the output `count - 1` more times. Every output is shorter
 * than one block minus padding, so each further round is one compression on a block built from the
 * previous state's words, without going through bytes.
 */
export function iteratedDigest(name: HashName, data: Uint8Array, count: number): Uint8Array {
  const engine = engines[name];
  const outputWords = hashes[name].outputLength / 4;
  const h = run(engine, data);
  const m = new Uint32Array(engine.blockWords);
  const w = new Uint32Array(engine.blockWords === 32 ? 160 : 80);
  const bits = outputWords * 32;
  m[outputWords] = engine.littleEndian ? 0x80 : 0x80000000;
  if (engine.littleEndian) m[engine.blockWords - 2] = bits;
  else m[engine.blockWords - 1] = bits;
  for (let i = 1; i < count; i++) {
    for (let j = 0; j < outputWords; j++) m[j] = h[j];
    h.set(engine.initial);
    engine.compress(h, m, w);
  }
  m.fill(0);
  w.fill(0);
  return wordsToBytes(h, hashes[name].outputLength, engine.littleEndian);
}

export function hmacSync(name: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  const { blockLength } = hashes[name];
  const block = new Uint8Array(blockLength);
  block.set(key.length > blockLength ? digestSync(name, key) : key);
  const inner = new Uint8Array(blockLength + data.length);
  for (let i = 0; i < blockLength; i++) inner[i] = block[i] ^ 0x36;
  inner.set(data, blockLength);
  const innerHash = digestSync(name, inner);
  const outer = new Uint8Array(blockLength + innerHash.length);
  for (let i = 0; i < blockLength; i++) outer[i] = block[i] ^ 0x5c;
  outer.set(innerHash, blockLength);
  const result = digestSync(name, outer);
  block.fill(0);
  inner.fill(0, 0, blockLength);
  outer.fill(0);
  return result;
}

export async function hmac(name: HashName, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  if (!hashes[name].webCrypto || key.length === 0) return hmacSync(name, key, data);
  const keyBuffer = toArrayBuffer(key);
  try {
    const cryptoKey = await crypto.subtle.importKey('raw', keyBuffer, { name: 'HMAC', hash: name }, false, [
      'sign',
    ]);
    return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, toArrayBuffer(data)));
  } finally {
    new Uint8Array(keyBuffer).fill(0);
  }
}

function pbkdf2Sync(
  name: HashName,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Uint8Array {
  const { outputLength } = hashes[name];
  const out = new Uint8Array(Math.ceil(length / outputLength) * outputLength);
  const saltBlock = new Uint8Array(salt.length + 4);
  saltBlock.set(salt);
  for (let block = 1; block * outputLength <= out.length; block++) {
    new DataView(saltBlock.buffer).setUint32(salt.length, block);
    let u = hmacSync(name, password, saltBlock);
    const t = u.slice();
    for (let i = 1; i < iterations; i++) {
      u = hmacSync(name, password, u);
      for (let j = 0; j < t.length; j++) t[j] ^= u[j];
    }
    out.set(t, (block - 1) * outputLength);
  }
  return out.slice(0, length);
}

export async function pbkdf2(
  name: HashName,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Promise<Uint8Array> {
  if (!hashes[name].webCrypto) return pbkdf2Sync(name, password, salt, iterations, length);
  const passwordBuffer = toArrayBuffer(password);
  const key = await crypto.subtle.importKey('raw', passwordBuffer, 'PBKDF2', false, ['deriveBits']);
  new Uint8Array(passwordBuffer).fill(0);
  return new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: name, salt: toArrayBuffer(salt), iterations },
      key,
      length * 8,
    ),
  );
}
