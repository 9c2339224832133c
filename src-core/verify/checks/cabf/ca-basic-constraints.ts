/**
 * CA certificates (root and subordinate): basicConstraints present, critical, cA TRUE (BR
 * §7.1.2.1.2, §7.1.2.1.4, §7.1.2.6.1, §7.1.2.10.4); a root's pathLenConstraint NOT RECOMMENDED.
 */
import { oids } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, criticality, roleOf } from './common';

export const cabfCaBasicConstraintsCheck: CertificateCheck<'cabf-ca-basic-constraints'> = {
  name: 'cabf-ca-basic-constraints',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-ca-basic-constraints', 'cabf-root-path-length'],
  summary: 'CA/B Forum: CA certificates carry a critical basicConstraints with cA TRUE',
  run(cert, index, path) {
    const role = roleOf(cert, index, path);
    if (role === 'subscriber') return [];
    const critical = criticality(cert, oids.basicConstraints);
    const problems = [
      ...(critical === undefined ? ['no basicConstraints'] : []),
      ...(critical === false ? ['not critical'] : []),
      ...(critical !== undefined && !cert.basicConstraints?.ca ? ['cA is FALSE'] : []),
    ];
    const findings: Finding[] = [];
    if (problems.length) findings.push(cabfFinding('cabf-ca-basic-constraints', cert, problems.join('; ')));
    if (role === 'root' && cert.basicConstraints?.pathLen !== undefined)
      findings.push(
        cabfFinding('cabf-root-path-length', cert, `pathLenConstraint ${cert.basicConstraints.pathLen}`),
      );
    return findings;
  },
};
