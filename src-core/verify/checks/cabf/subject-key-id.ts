/**
 * subjectKeyIdentifier: MUST (non-critical) in root and subordinate CA certificates (BR §7.1.2.1.2,
 * §7.1.2.6.1), NOT RECOMMENDED in subscriber certificates (§7.1.2.7.6).
 */
import { oids } from '../../cert';
import type { CertificateCheck } from '../types';
import { cabfFinding, criticality, roleOf } from './common';

export const cabfSubjectKeyIdCheck: CertificateCheck<'cabf-subject-key-id'> = {
  name: 'cabf-subject-key-id',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-ca-ski', 'cabf-leaf-ski'],
  summary: 'CA/B Forum: subjectKeyIdentifier on CAs (non-critical), not on subscribers',
  run(cert, index, path) {
    const critical = criticality(cert, oids.subjectKeyIdentifier);
    if (roleOf(cert, index, path) === 'subscriber')
      return critical === undefined
        ? []
        : [cabfFinding('cabf-leaf-ski', cert, 'subjectKeyIdentifier present')];
    if (critical === undefined) return [cabfFinding('cabf-ca-ski', cert, 'no subjectKeyIdentifier')];
    return critical ? [cabfFinding('cabf-ca-ski', cert, 'subjectKeyIdentifier is critical')] : [];
  },
};
