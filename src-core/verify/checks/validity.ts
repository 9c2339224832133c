/** Each certificate is within its validity period at the validation time, and not about to leave it. */
import { finding } from '../findings';
import { constraintsHeld, type CertificateCheck } from './types';

const day = 86_400_000;

export const validityCheck: CertificateCheck<'validity'> = {
  name: 'validity',
  scope: 'certificate',
  codes: ['not-yet-valid', 'expired', 'expires-soon'],
  summary: 'valid at the validation time, and not expiring within the warning threshold',
  run(cert, index, path, context) {
    const { at, expiryDays, rules } = context;
    if (!constraintsHeld(path, index, context, 'other')) return [];
    if (at < cert.notBefore) return [finding('not-yet-valid', cert.sha256)];
    if (at > cert.notAfter || (rules.notAfterExclusive && at.getTime() === cert.notAfter.getTime()))
      return [finding('expired', cert.sha256)];
    const left = cert.notAfter.getTime() - at.getTime();
    if (expiryDays !== 0 && left < expiryDays * day)
      return [finding('expires-soon', cert.sha256, `${Math.floor(left / day)} days`)];
    return [];
  },
};
