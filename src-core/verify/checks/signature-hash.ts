/** No certificate below the anchor is signed with MD2, MD5 or SHA-1. */
import { finding } from '../findings';
import { signatureHash } from '../../crypto/signature';
import { anchoredPublicly, isAnchorAt, type CertificateCheck } from './types';

export const signatureHashCheck: CertificateCheck<'signature-hash'> = {
  name: 'signature-hash',
  scope: 'certificate',
  codes: ['weak-signature'],
  summary: 'signatures use a hash that cannot be forged (not MD2, MD5 or SHA-1)',
  run(cert, index, path, context) {
    const { rules } = context;
    if (isAnchorAt(path, index) || (rules.weakHashesPublicOnly && !anchoredPublicly(path, context)))
      return [];
    const hash = signatureHash(cert);
    return hash && rules.weakHashes.includes(hash) ? [finding('weak-signature', cert.sha256, hash)] : [];
  },
};
