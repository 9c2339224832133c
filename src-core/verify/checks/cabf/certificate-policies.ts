/**
 * certificatePolicies by role. Subscriber: MUST, non-critical, exactly one Reserved Policy
 * Identifier, no anyPolicy (BR §7.1.2.7.6, §7.1.2.7.9). Subordinate CA: MUST, non-critical, either
 * anyPolicy alone (affiliated CA) or exactly one reserved identifier and no anyPolicy (§7.1.2.6.1,
 * §7.1.2.10.5). Root: NOT RECOMMENDED (§7.1.2.1.2). Qualifiers, where present: only id-qt-cps
 * with an http or https URL.
 */
import { oids, type VerifyCert } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, criticality, reservedPolicies, roleOf } from './common';

function policyProblem(cert: VerifyCert, subordinate: boolean): string | undefined {
  const policies = cert.policies ?? [];
  if (policies.length === 0) return 'no policies';
  if (subordinate && policies.length === 1 && policies[0] === oids.anyPolicy) return undefined;
  if (policies.includes(oids.anyPolicy)) return subordinate ? 'anyPolicy beside other policies' : 'anyPolicy';
  const reserved = policies.filter((policy) => reservedPolicies.includes(policy));
  if (reserved.length !== 1)
    return reserved.length
      ? `${reserved.length} reserved policies (${reserved.join(', ')})`
      : 'no reserved CA/B Forum policy';
  return undefined;
}

function qualifierProblems(cert: VerifyCert): string[] {
  return cert.policyQualifiers.flatMap((qualifier) => {
    if (qualifier.kind !== 'cps') return [`${qualifier.kind} qualifier on ${qualifier.policy}`];
    return /^https?:\/\/\S+$/i.test(qualifier.uri ?? '')
      ? []
      : [`CPS URI “${qualifier.uri ?? ''}” is not http(s)`];
  });
}

export const cabfCertificatePoliciesCheck: CertificateCheck<'cabf-certificate-policies'> = {
  name: 'cabf-certificate-policies',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-policies-missing', 'cabf-policies-reserved', 'cabf-policy-qualifier', 'cabf-root-policies'],
  summary:
    'CA/B Forum: certificate policies with exactly one reserved CA/B policy (subscribers, sub-CAs), none on roots',
  run(cert, index, path) {
    const critical = criticality(cert, oids.certificatePolicies);
    const role = roleOf(cert, index, path);
    if (role === 'root')
      return critical === undefined
        ? []
        : [cabfFinding('cabf-root-policies', cert, (cert.policies ?? []).join(', '))];
    if (critical === undefined) return [cabfFinding('cabf-policies-missing', cert, 'no certificatePolicies')];
    const findings: Finding[] = [];
    const problem = policyProblem(cert, role === 'subordinate');
    if (critical || problem)
      findings.push(
        cabfFinding(
          'cabf-policies-reserved',
          cert,
          [critical ? 'critical' : '', problem ?? ''].filter(Boolean).join('; '),
        ),
      );
    const qualifiers = qualifierProblems(cert);
    if (qualifiers.length) findings.push(cabfFinding('cabf-policy-qualifier', cert, qualifiers.join('; ')));
    return findings;
  },
};
