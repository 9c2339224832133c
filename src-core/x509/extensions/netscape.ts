/** Netscape's certificate type (named bits); its comment is a plain string extension. */
import { namedBitNodes, readBitsValue } from './common';
import type { ExtensionSpec } from './nodes';

const netscapeTypes: [string, string][] = [
  ['sslClient', 'SSL client'],
  ['sslServer', 'SSL server'],
  ['smime', 'S/MIME'],
  ['objectSigning', 'Object signing'],
  ['reserved', 'Reserved'],
  ['sslCa', 'SSL CA'],
  ['smimeCa', 'S/MIME CA'],
  ['objectSigningCa', 'Object signing CA'],
];

export const netscapeCertType: ExtensionSpec<number[]> = {
  read: (value) => readBitsValue(value, 'netscapeCertType'),
  nodes: (bits) => namedBitNodes(bits, netscapeTypes),
};
