/**
 * The subscriber subjectAltName: present with a dNSName or iPAddress, nothing but those two name
 * forms, critical exactly when the subject is empty (BR §7.1.2.7.6, §7.1.2.7.12).
 */
import { oids } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, criticality, roleOf } from './common';

const otherForms: Record<number, string> = {
  0: 'otherName',
  3: 'x400Address',
  5: 'ediPartyName',
  8: 'registeredID',
};

export const cabfLeafSanCheck: CertificateCheck<'cabf-leaf-san'> = {
  name: 'cabf-leaf-san',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-san-missing', 'cabf-san-type', 'cabf-san-critical'],
  summary:
    'CA/B Forum: subscriber SAN present, DNS names and IP addresses only, critical only with an empty subject',
  run(cert, index, path) {
    if (roleOf(cert, index, path) !== 'subscriber') return [];
    const san = cert.san;
    const critical = criticality(cert, oids.subjectAltName);
    if (!san || san.dns.length + san.ip.length === 0)
      return [
        cabfFinding(
          'cabf-san-missing',
          cert,
          san ? 'no dNSName or iPAddress in the subjectAltName' : 'no subjectAltName',
        ),
      ];
    const findings: Finding[] = [];
    const forbidden = [
      ...san.email.map(() => 'rfc822Name'),
      ...san.uri.map(() => 'uniformResourceIdentifier'),
      ...san.dirNames.map(() => 'directoryName'),
      ...san.other.map((tag) => otherForms[tag] ?? `[${tag}]`),
    ];
    if (forbidden.length)
      findings.push(cabfFinding('cabf-san-type', cert, [...new Set(forbidden)].join(', ')));
    const emptySubject = cert.subjectAttributes.length === 0;
    if (critical !== emptySubject)
      findings.push(
        cabfFinding(
          'cabf-san-critical',
          cert,
          emptySubject ? 'not critical with an empty subject' : 'critical with a subject',
        ),
      );
    return findings;
  },
};
