/** Version 3, and no unique identifiers (BR §7.1.1; §7.1.2.1, §7.1.2.6, §7.1.2.7 field tables). */
import type { CertificateCheck } from '../types';
import { cabfFinding } from './common';

export const cabfVersionCheck: CertificateCheck<'cabf-version'> = {
  name: 'cabf-version',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-version', 'cabf-unique-identifiers'],
  summary: 'CA/B Forum: an X.509 v3 certificate without issuerUniqueID/subjectUniqueID',
  run(cert) {
    const findings = [];
    if (cert.version !== 2) findings.push(cabfFinding('cabf-version', cert, `version ${cert.version + 1}`));
    if (cert.uniqueIdentifiers)
      findings.push(
        cabfFinding('cabf-unique-identifiers', cert, 'issuerUniqueID or subjectUniqueID present'),
      );
    return findings;
  },
};
