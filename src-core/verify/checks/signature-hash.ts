/** No certificate below the anchor is signed with MD2, MD5 or SHA-1. */
import { finding } from '../findings';
import { signatureHash } from '../../crypto/signature';
import { isAnchorAt, type CertificateCheck } from './types';

const weakHashes = new Set(['SHA-1', 'MD5', 'MD2']);

export const signatureHashCheck: CertificateCheck<'signature-hash'> = {
  name: 'signature-hash',
  scope: 'certificate',
  codes: ['weak-signature'],
  summary: 'signatures use a hash that cannot be forged (not MD2, MD5 or SHA-1)',
  run(cert, index, path) {
    if (isAnchorAt(path, index)) return [];
    const hash = signatureHash(cert);
    return hash && weakHashes.has(hash) ? [finding('weak-signature', cert.sha256, hash)] : [];
  },
};
