/**
 * Certificate Transparency as far as one certificate shows it: an embedded SCT list must be a
 * non-critical, well-formed SignedCertificateTimestampList (BR §7.1.2.11.3); a certificate with
 * the CT poison is a precertificate (§7.1.2.9), never a certificate to serve, and poison beside an
 * SCT list is inconsistent (SCTs are issued for the precertificate and go in the final
 * certificate). Whether each SCT is for this certificate needs the logs' keys: not judged.
 */
import { oids } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, criticality } from './common';

export const cabfCertificateTransparencyCheck: CertificateCheck<'cabf-certificate-transparency'> = {
  name: 'cabf-certificate-transparency',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-sct-list', 'cabf-precertificate'],
  summary: 'CA/B Forum: SCT list well formed and non-critical; no precertificate (CT poison) in a path',
  run(cert) {
    const findings: Finding[] = [];
    const sctCritical = criticality(cert, oids.sctList);
    const problems: string[] = [];
    if (sctCritical) problems.push('critical');
    if (cert.sctList && 'error' in cert.sctList) problems.push(`unreadable (${cert.sctList.error})`);
    else if (cert.sctList?.count === 0) problems.push('empty');
    if (problems.length) findings.push(cabfFinding('cabf-sct-list', cert, problems.join('; ')));
    if (criticality(cert, oids.ctPoison) !== undefined)
      findings.push(
        cabfFinding(
          'cabf-precertificate',
          cert,
          sctCritical === undefined
            ? 'CT poison extension present'
            : 'CT poison and an SCT list in the same certificate',
        ),
      );
    return findings;
  },
};
