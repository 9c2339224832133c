/**
 * authorityKeyIdentifier: subscriber and subordinate CA certificates MUST carry it, non-critical,
 * as a keyIdentifier alone equal to the issuer's subjectKeyIdentifier (BR §7.1.2.6.1, §7.1.2.7.6,
 * §7.1.2.11.1); a root MAY (RECOMMENDED), and then only as its own subjectKeyIdentifier
 * (§7.1.2.1.2, §7.1.2.1.3).
 */
import { oids } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, criticality, roleOf } from './common';
import { issuerInPath } from './issuer-binding';

export const cabfAuthorityKeyIdCheck: CertificateCheck<'cabf-authority-key-id'> = {
  name: 'cabf-authority-key-id',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-aki-missing', 'cabf-aki-form', 'cabf-root-aki'],
  summary:
    "CA/B Forum: authorityKeyIdentifier present (roots: optional), keyIdentifier only, the issuer's key id",
  run(cert, index, path) {
    const critical = criticality(cert, oids.authorityKeyIdentifier);
    const root = roleOf(cert, index, path) === 'root';
    if (critical === undefined)
      return root ? [] : [cabfFinding('cabf-aki-missing', cert, 'no authorityKeyIdentifier')];
    const code = root ? 'cabf-root-aki' : 'cabf-aki-form';
    const problems: string[] = [];
    if (critical) problems.push('critical');
    if (cert.authorityKeyIdNamesIssuer) problems.push('authorityCertIssuer/SerialNumber present');
    const issuer = issuerInPath(cert, index, path);
    if (!cert.authorityKeyId) problems.push('no keyIdentifier');
    else if (issuer && cert.authorityKeyId !== issuer.subjectKeyId)
      problems.push(
        issuer.subjectKeyId
          ? `keyIdentifier ≠ the ${root ? 'root’s own' : 'issuer’s'} subjectKeyIdentifier`
          : `the ${root ? 'root' : 'issuer'} has no subjectKeyIdentifier to match`,
      );
    const findings: Finding[] = [];
    if (problems.length) findings.push(cabfFinding(code, cert, problems.join('; ')));
    return findings;
  },
};
