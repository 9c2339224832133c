/**
 * The serial number: greater than zero, less than 2^159, at least 64 bits of CSPRNG output
 * (BR §7.1.2.1, §7.1.2.6, §7.1.2.7). Randomness can't be seen in one certificate; size can. A
 * DER INTEGER of fewer than 8 content octets is below 2^55, and a serial holding 64 random bits
 * is that small only 1 time in 512 — so under 8 octets is a warning, not an error.
 */
import type { CertificateCheck } from '../types';
import { cabfFinding } from './common';

export const cabfSerialCheck: CertificateCheck<'cabf-serial'> = {
  name: 'cabf-serial',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-serial-not-positive', 'cabf-serial-too-long', 'cabf-serial-low-entropy'],
  summary: 'CA/B Forum: serial number positive, under 2^159, long enough for 64 random bits',
  run(cert) {
    // serialHex is the two's-complement encoding's contents, as encoded.
    const hex = cert.serialHex.toLowerCase();
    const negative = parseInt(hex.slice(0, 2) || '0', 16) >= 0x80;
    const value = hex.replace(/^(00)+/, '');
    if (negative || value === '')
      return [cabfFinding('cabf-serial-not-positive', cert, negative ? 'negative' : 'zero')];
    const bits = value.length * 4 - (Math.clz32(parseInt(value[0], 16)) - 28);
    if (bits > 159) return [cabfFinding('cabf-serial-too-long', cert, `${bits} bits`)];
    const octets = hex.length / 2;
    if (octets < 8)
      return [cabfFinding('cabf-serial-low-entropy', cert, `${octets} octets (${bits} bits of value)`)];
    return [];
  },
};
