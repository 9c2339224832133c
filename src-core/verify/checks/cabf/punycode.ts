/**
 * Whether an xn-- label is a P-Label (BR §1.6.1): its tail valid output of Punycode (RFC 3492
 * §6.3), decoding to at least one non-ASCII code point. Bounded by the label (at most 63 octets).
 */
const base = 36;
const tMin = 1;
const tMax = 26;

function digitOf(char: number): number {
  if (char >= 0x30 && char <= 0x39) return char - 22; // 0-9 → 26-35
  if (char >= 0x61 && char <= 0x7a) return char - 0x61; // a-z
  if (char >= 0x41 && char <= 0x5a) return char - 0x41; // A-Z
  return -1;
}

function adapt(delta: number, points: number, first: boolean): number {
  delta = first ? Math.floor(delta / 700) : delta >> 1;
  delta += Math.floor(delta / points);
  let k = 0;
  while (delta > ((base - tMin) * tMax) >> 1) {
    delta = Math.floor(delta / (base - tMin));
    k += base;
  }
  return k + Math.floor(((base - tMin + 1) * delta) / (delta + 38));
}

/** The label after `xn--` decodes, and to something that needed Punycode. */
export function isPunycode(encoded: string): boolean {
  const delimiter = encoded.lastIndexOf('-');
  const output: number[] = [];
  for (let index = 0; index < Math.max(delimiter, 0); index++) output.push(encoded.charCodeAt(index));
  let n = 0x80;
  let i = 0;
  let bias = 72;
  for (let position = delimiter >= 0 ? delimiter + 1 : 0; position < encoded.length;) {
    const previous = i;
    for (let w = 1, k = base; ; k += base) {
      if (position >= encoded.length) return false;
      const digit = digitOf(encoded.charCodeAt(position++));
      if (digit < 0) return false;
      i += digit * w;
      if (i > 0x7fffffff) return false;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (digit < t) break;
      w *= base - t;
    }
    bias = adapt(i - previous, output.length + 1, previous === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    // No surrogates, nothing past Unicode, no C1 controls (never in a domain name).
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff) || n < 0xa0) return false;
    output.splice(i++, 0, n);
  }
  return output.some((code) => code >= 0x80);
}
