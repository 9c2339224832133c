/** keyUsage (RFC 5280 §4.2.1.3): what the key may be used for, as named bits. */
import { readBitsValue, namedBitNodes } from './common';
import type { ExtensionSpec } from './nodes';

/** RFC 5280 §4.2.1.3 KeyUsage bits, in bit order. */
export const keyUsageNames = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

export type KeyUsageName = (typeof keyUsageNames)[number];

const labels: Record<KeyUsageName, string> = {
  digitalSignature: 'Digital signature',
  nonRepudiation: 'Non-repudiation (content commitment)',
  keyEncipherment: 'Key encipherment',
  dataEncipherment: 'Data encipherment',
  keyAgreement: 'Key agreement',
  keyCertSign: 'Certificate signing',
  cRLSign: 'CRL signing',
  encipherOnly: 'Encipher only',
  decipherOnly: 'Decipher only',
};

export interface KeyUsage {
  /** Every bit set, in order (bits past decipherOnly included). */
  bits: number[];
}

/** The named usages among the bits set. */
export function keyUsageSet(usage: KeyUsage): Set<KeyUsageName> {
  const set = new Set<KeyUsageName>();
  for (const bit of usage.bits) if (bit < keyUsageNames.length) set.add(keyUsageNames[bit]);
  return set;
}

export const keyUsage: ExtensionSpec<KeyUsage> = {
  read: (value) => ({ bits: readBitsValue(value, 'keyUsage') }),
  nodes: (data) =>
    namedBitNodes(
      data.bits,
      keyUsageNames.map((name) => [name, labels[name]]),
    ),
};
