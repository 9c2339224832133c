/**
 * A CA's nameConstraints (BR §7.1.2.10.8): no minimum or maximum in any subtree (MUST NOT);
 * SHOULD be critical (the BRs allow non-critical for legacy clients, so a warning here — the RFC
 * 5280 checks, stricter, report it as an error of their own); rfc822Name, otherName and the other
 * name forms NOT RECOMMENDED, as are excluded directoryNames. Whether each permitted name was
 * validated for the applicant is the CA's record, not the certificate's: not judged.
 */
import { oids } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, criticality, roleOf } from './common';

export const cabfCaNameConstraintsCheck: CertificateCheck<'cabf-ca-name-constraints'> = {
  name: 'cabf-ca-name-constraints',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-name-constraints-form', 'cabf-name-constraints-advised'],
  summary: 'CA/B Forum: CA name constraints without minimum/maximum, critical, of DNS/IP/directory names',
  run(cert, index, path) {
    const critical = criticality(cert, oids.nameConstraints);
    if (critical === undefined || roleOf(cert, index, path) === 'subscriber') return [];
    const findings: Finding[] = [];
    if (cert.nameConstraintsBounded)
      findings.push(cabfFinding('cabf-name-constraints-form', cert, 'a subtree with minimum or maximum'));
    const { permitted, excluded } = cert.nameConstraints ?? {};
    const advice = [
      ...(critical ? [] : ['not critical']),
      ...[permitted, excluded].flatMap((names) =>
        names
          ? [
              ...names.email.map(() => 'rfc822Name'),
              ...names.uri.map(() => 'URI'),
              ...names.other.map(() => 'otherName or another form'),
            ]
          : [],
      ),
      ...(excluded?.dirNames.length ? ['excluded directoryName'] : []),
    ];
    if (advice.length)
      findings.push(cabfFinding('cabf-name-constraints-advised', cert, [...new Set(advice)].join('; ')));
    return findings;
  },
};
