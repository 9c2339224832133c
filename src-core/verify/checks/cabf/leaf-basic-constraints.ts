/**
 * A subscriber certificate is not a CA: basicConstraints, if present, critical with cA FALSE and
 * no pathLenConstraint (BR §7.1.2.7.6, §7.1.2.7.8), and no nameConstraints (§7.1.2.7.6).
 */
import { oids } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, criticality, roleOf } from './common';

export const cabfLeafBasicConstraintsCheck: CertificateCheck<'cabf-leaf-basic-constraints'> = {
  name: 'cabf-leaf-basic-constraints',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-leaf-is-ca', 'cabf-leaf-basic-constraints', 'cabf-leaf-name-constraints'],
  summary:
    'CA/B Forum: the subscriber certificate is no CA (cA FALSE, critical, no pathLen, no name constraints)',
  run(cert, index, path) {
    if (roleOf(cert, index, path) !== 'subscriber') return [];
    const findings: Finding[] = [];
    const critical = criticality(cert, oids.basicConstraints);
    if (cert.basicConstraints?.ca)
      findings.push(cabfFinding('cabf-leaf-is-ca', cert, 'basicConstraints cA=TRUE'));
    const problems = [
      ...(critical === false ? ['not critical'] : []),
      ...(cert.basicConstraints?.pathLen !== undefined ? ['pathLenConstraint present'] : []),
    ];
    if (problems.length) findings.push(cabfFinding('cabf-leaf-basic-constraints', cert, problems.join('; ')));
    if (criticality(cert, oids.nameConstraints) !== undefined)
      findings.push(cabfFinding('cabf-leaf-name-constraints', cert, 'nameConstraints present'));
    return findings;
  },
};
