/** Keys big enough to be safe (RSA from 2048 bits, elliptic curves from 256) and small enough to check. */
import { finding } from '../findings';
import { oversizedKey } from '../../crypto/key-bounds';
import { anchoredPublicly, isAnchorAt, type CertificateCheck } from './types';

export const keyStrengthCheck: CertificateCheck<'key-strength'> = {
  name: 'key-strength',
  scope: 'certificate',
  codes: ['weak-key', 'key-too-large'],
  summary: "RSA keys of 2048 bits or more, elliptic curves of 256 bits or more (or the client's floor)",
  run(cert, index, path, context) {
    const { rules } = context;
    const bits = cert.key.bits ?? 0;
    const floorApplies = rules.keyFloorOnAnchor || !isAnchorAt(path, index);
    const minRsa =
      rules.minRsaBitsPublic !== undefined && anchoredPublicly(path, context)
        ? rules.minRsaBitsPublic
        : rules.minRsaBits;
    if (
      floorApplies &&
      ((cert.key.algorithm === 'RSA' && bits < minRsa) ||
        (cert.key.algorithm === 'EC' && bits < rules.minEcBits))
    )
      return [finding('weak-key', cert.sha256, `${cert.key.algorithm} ${cert.key.bits ?? '?'} bits`)];
    const oversized = oversizedKey(cert);
    return oversized ? [finding('key-too-large', cert.sha256, oversized)] : [];
  },
};
