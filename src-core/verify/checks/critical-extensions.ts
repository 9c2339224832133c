/** No critical extension the verifier does not process (RFC 5280 §4.2). */
import { finding } from '../findings';
import { constraintsHeld, type CertificateCheck } from './types';

export const criticalExtensionsCheck: CertificateCheck<'critical-extensions'> = {
  name: 'critical-extensions',
  scope: 'certificate',
  codes: ['unknown-critical-extension'],
  summary: 'every critical extension is one the verifier understands',
  run(cert, index, path, context) {
    return cert.unknownCritical.length && constraintsHeld(path, index, context, 'other')
      ? [finding('unknown-critical-extension', cert.sha256, cert.unknownCritical.join(', '))]
      : [];
  },
};
