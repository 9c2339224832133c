/**
 * cRLDistributionPoints (BR §7.1.2.11.2): MUST in subordinate CAs and in subscriber certificates
 * that are neither short-lived (≤ 10 days if issued before 2026-03-15, ≤ 7 days after; §1.6.1) nor
 * name an OCSP responder; SHOULD NOT in roots. When present: non-critical, each point a fullName
 * of http:// URIs, no reasons, no cRLIssuer.
 */
import { oids, type VerifyCert } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, criticality, isHttpUrl, issuanceDate, roleOf } from './common';

function shortLived(cert: VerifyCert): boolean {
  const seconds = (cert.notAfter.getTime() - cert.notBefore.getTime()) / 1000 + 1;
  const limit = issuanceDate(cert) < new Date('2026-03-15T00:00:00Z') ? 864_000 : 604_800;
  return issuanceDate(cert) >= new Date('2024-03-15T00:00:00Z') && seconds <= limit;
}

function formProblems(cert: VerifyCert, critical: boolean): string[] {
  const points = cert.crlDistributionPoints ?? [];
  const problems = critical ? ['critical'] : [];
  if (points.length === 0) problems.push('no distribution points');
  for (const point of points) {
    if (point.reasons) problems.push('reasons present');
    if (point.crlIssuers.length) problems.push('cRLIssuer present');
    if (point.unnamed) problems.push('a point without a distributionPoint name');
    else if (point.relativeName) problems.push('nameRelativeToCRLIssuer instead of a fullName');
    else if (point.fullNames.length === 0) problems.push('an empty fullName');
    for (const name of point.fullNames)
      if (!name.startsWith('uri:')) problems.push('a fullName that is not a URI');
      else if (!isHttpUrl(name.slice(4))) problems.push(`“${name.slice(4)}” is not an http:// URL`);
  }
  return [...new Set(problems)];
}

export const cabfCrlDistributionPointsCheck: CertificateCheck<'cabf-crl-distribution-points'> = {
  name: 'cabf-crl-distribution-points',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-crldp-missing', 'cabf-crldp-form', 'cabf-root-crldp'],
  summary:
    'CA/B Forum: CRL distribution points as http:// URLs where required (sub-CAs, most subscribers), none on roots',
  run(cert, index, path) {
    const critical = criticality(cert, oids.crlDistributionPoints);
    const role = roleOf(cert, index, path);
    if (critical === undefined) {
      if (role === 'subordinate')
        return [cabfFinding('cabf-crldp-missing', cert, 'no cRLDistributionPoints')];
      if (role === 'subscriber' && cert.ocspUrls.length === 0 && !shortLived(cert))
        return [
          cabfFinding('cabf-crldp-missing', cert, 'no cRLDistributionPoints, no OCSP URL, not short-lived'),
        ];
      return [];
    }
    const findings: Finding[] = [];
    if (role === 'root') findings.push(cabfFinding('cabf-root-crldp', cert, 'cRLDistributionPoints present'));
    const problems = formProblems(cert, critical);
    if (problems.length) findings.push(cabfFinding('cabf-crldp-form', cert, problems.join('; ')));
    return findings;
  },
};
