/**
 * CA naming (BR §7.1.2.10.2): countryName, organizationName and commonName present; no
 * organizationalUnitName in roots and TLS subordinate CAs (every sub-CA in a TLS path is one).
 */
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, cabfOids as o, roleOf } from './common';

const required: [string, string][] = [
  [o.countryName, 'countryName'],
  [o.organizationName, 'organizationName'],
  [o.commonName, 'commonName'],
];

export const cabfCaSubjectCheck: CertificateCheck<'cabf-ca-subject'> = {
  name: 'cabf-ca-subject',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-ca-subject', 'cabf-subject-ou'],
  summary: 'CA/B Forum: CA subjects name country, organization and common name, and no OU',
  run(cert, index, path) {
    if (roleOf(cert, index, path) === 'subscriber') return [];
    const has = (oid: string) => cert.subjectAttributes.some((attribute) => attribute.oid === oid);
    const findings: Finding[] = [];
    const missing = required.filter(([oid]) => !has(oid)).map(([, name]) => name);
    if (missing.length) findings.push(cabfFinding('cabf-ca-subject', cert, `no ${missing.join(', ')}`));
    if (has(o.organizationalUnitName))
      findings.push(
        cabfFinding('cabf-subject-ou', cert, 'organizationalUnitName in a root or TLS subordinate CA'),
      );
    return findings;
  },
};
