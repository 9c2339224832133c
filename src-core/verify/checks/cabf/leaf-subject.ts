/**
 * The subscriber subject fits the validation type its reserved policy claims (BR §7.1.2.7.2–4):
 * DV only countryName and commonName; OV organizationName, countryName and a state or locality,
 * no personal names; IV givenName, surname, countryName and a state or locality. No subscriber
 * carries organizationalUnitName. EV subjects follow the EV Guidelines: not judged here.
 */
import type { NameAttribute } from '../../../x509/name';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, cabfOids as o, roleOf } from './common';

function validationProblem(
  policies: readonly string[],
  subject: readonly NameAttribute[],
): string | undefined {
  const has = (oid: string) => subject.some((attribute) => attribute.oid === oid);
  const place = has(o.stateOrProvinceName) || has(o.localityName);
  if (policies.includes(o.domainValidated)) {
    const extra = subject.filter(
      (attribute) => attribute.oid !== o.countryName && attribute.oid !== o.commonName,
    );
    if (extra.length)
      return `DV subject with ${[...new Set(extra.map((attribute) => attribute.label ?? attribute.oid))].join(', ')}`;
  }
  if (policies.includes(o.organizationValidated)) {
    const missing = [
      ...(has(o.organizationName) ? [] : ['organizationName']),
      ...(has(o.countryName) ? [] : ['countryName']),
      ...(place ? [] : ['stateOrProvinceName or localityName']),
    ];
    if (missing.length) return `OV subject without ${missing.join(', ')}`;
    if (has(o.givenName) || has(o.surname)) return 'OV subject with givenName or surname';
  }
  if (policies.includes(o.individualValidated)) {
    const missing = [
      ...(has(o.givenName) ? [] : ['givenName']),
      ...(has(o.surname) ? [] : ['surname']),
      ...(has(o.countryName) ? [] : ['countryName']),
      ...(place ? [] : ['stateOrProvinceName or localityName']),
    ];
    if (missing.length) return `IV subject without ${missing.join(', ')}`;
  }
  return undefined;
}

export const cabfLeafSubjectCheck: CertificateCheck<'cabf-leaf-subject'> = {
  name: 'cabf-leaf-subject',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-subject-ou', 'cabf-subject-validation-type'],
  summary: 'CA/B Forum: the subscriber subject fits its validation type (DV/OV/IV) and has no OU',
  run(cert, index, path) {
    if (roleOf(cert, index, path) !== 'subscriber') return [];
    const findings: Finding[] = [];
    if (cert.subjectAttributes.some((attribute) => attribute.oid === o.organizationalUnitName))
      findings.push(
        cabfFinding('cabf-subject-ou', cert, 'organizationalUnitName in a subscriber certificate'),
      );
    const problem = validationProblem(cert.policies ?? [], cert.subjectAttributes);
    if (problem) findings.push(cabfFinding('cabf-subject-validation-type', cert, problem));
    return findings;
  },
};
