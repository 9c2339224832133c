/** A TLS leaf's key usage, when it has one, allows what TLS needs. */
import { finding } from '../findings';
import type { PathCheck } from './types';

export const leafKeyUsageCheck: PathCheck<'leaf-key-usage'> = {
  name: 'leaf-key-usage',
  scope: 'path',
  codes: ['leaf-key-usage'],
  summary: "a TLS leaf's key usage includes digitalSignature, keyEncipherment or keyAgreement",
  run({ chain }, { purpose, rules }) {
    const leaf = chain[0];
    if ((purpose !== 'serverAuth' && purpose !== 'clientAuth') || rules.leafKeyUsage === 'none') return [];
    const usage = leaf.keyUsage;
    // A signing key (ECDSA, EdDSA) proves itself in the handshake with a signature: it needs that bit.
    if (usage && rules.leafKeyUsage === 'signature' && leaf.key.algorithm !== 'RSA')
      return usage.has('digitalSignature') ? [] : [finding('leaf-key-usage', leaf.sha256)];
    return usage &&
      !usage.has('digitalSignature') &&
      !usage.has('keyEncipherment') &&
      !usage.has('keyAgreement')
      ? [finding('leaf-key-usage', leaf.sha256)]
      : [];
  },
};
