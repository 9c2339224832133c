/**
 * authorityInformationAccess: a subscriber MUST carry it and SHOULD name caIssuers (BR §7.1.2.7.6,
 * §7.1.2.7.7); a subordinate CA SHOULD carry it (§7.1.2.6.1); wherever present it is non-critical
 * and holds only id-ad-ocsp and id-ad-caIssuers, each an http:// URI, no location twice for one
 * method (§7.1.2.7.7, §7.1.2.10.3).
 */
import { oids, type VerifyCert } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, cabfOids, criticality, isHttpUrl, roleOf } from './common';

function formProblems(cert: VerifyCert, critical: boolean): string[] {
  const problems = critical ? ['critical'] : [];
  if (cert.accessDescriptions.length === 0) problems.push('no access descriptions');
  const seen = new Set<string>();
  for (const { method, uri, form } of cert.accessDescriptions) {
    if (method !== cabfOids.accessOcsp && method !== cabfOids.accessCaIssuers)
      problems.push(`access method ${method}`);
    else if (uri === undefined) problems.push(`a ${form} location`);
    else if (!isHttpUrl(uri)) problems.push(`“${uri}” is not an http:// URL`);
    else if (seen.has(`${method} ${uri}`)) problems.push(`“${uri}” twice`);
    seen.add(`${method} ${uri}`);
  }
  return problems;
}

export const cabfAuthorityInfoAccessCheck: CertificateCheck<'cabf-authority-info-access'> = {
  name: 'cabf-authority-info-access',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-aia-missing', 'cabf-aia-form', 'cabf-aia-ca-issuers'],
  summary:
    'CA/B Forum: AIA with http:// OCSP and caIssuers only (required on subscribers, advised on sub-CAs)',
  run(cert, index, path) {
    const critical = criticality(cert, oids.authorityInfoAccess);
    const role = roleOf(cert, index, path);
    if (critical === undefined) {
      if (role === 'subscriber')
        return [cabfFinding('cabf-aia-missing', cert, 'no authorityInformationAccess')];
      if (role === 'subordinate')
        return [
          cabfFinding(
            'cabf-aia-missing',
            cert,
            'no authorityInformationAccess (SHOULD for a subordinate CA)',
            'warning',
          ),
        ];
      return [];
    }
    const findings: Finding[] = [];
    const problems = formProblems(cert, critical);
    if (problems.length) findings.push(cabfFinding('cabf-aia-form', cert, problems.join('; ')));
    if (
      role === 'subscriber' &&
      !cert.accessDescriptions.some((entry) => entry.method === cabfOids.accessCaIssuers)
    )
      findings.push(cabfFinding('cabf-aia-ca-issuers', cert, 'no id-ad-caIssuers'));
    return findings;
  },
};
