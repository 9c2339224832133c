/**
 * A root issued from 2023-09-15 (BR 2.0.0, which brought §7.1.2.1.1) is valid 2922 to 9132 days.
 * Older roots predate the rule and are not judged by it.
 */
import type { CertificateCheck } from '../types';
import { cabfFinding, issuanceDate, profilesEffective, roleOf, validityDays } from './common';

export const cabfRootValidityCheck: CertificateCheck<'cabf-root-validity'> = {
  name: 'cabf-root-validity',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-root-validity'],
  summary: 'CA/B Forum: roots issued since 2023-09-15 are valid 2922–9132 days',
  run(cert, index, path) {
    if (roleOf(cert, index, path) !== 'root' || issuanceDate(cert) < profilesEffective) return [];
    const days = validityDays(cert);
    return days < 2922 || days > 9132 ? [cabfFinding('cabf-root-validity', cert, `${days} days`)] : [];
  },
};
