/**
 * Extensions valid DER and each present once (BR §7.1.2.11.5 item 3; RFC 5280 §4.2, which BR
 * §7.1.2 incorporates). What is judged is what the verifier reads: the extensions it processes.
 */
import type { CertificateCheck } from '../types';
import { cabfFinding } from './common';

export const cabfExtensionsCheck: CertificateCheck<'cabf-extensions'> = {
  name: 'cabf-extensions',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-extension-malformed'],
  summary: 'CA/B Forum: every extension well formed and present once',
  run(cert) {
    const problems = [
      ...cert.malformed.filter((problem) => problem.startsWith('extension ')),
      ...cert.duplicateExtensions.map((oid) => `extension ${oid} appears more than once`),
    ];
    return problems.length ? [cabfFinding('cabf-extension-malformed', cert, problems.join('; '))] : [];
  },
};
