/**
 * Each subscriber dNSName: a Fully-Qualified or Wildcard Domain Name of P-Labels and Non-Reserved
 * LDH labels — no underscores, empty labels, trailing dot, misplaced wildcards (BR §7.1.2.7.12,
 * §1.6.1) — and, from 2026-03-15, none under in-addr.arpa or ip6.arpa.
 */
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, issuanceDate, roleOf } from './common';
import { dnsNameProblem, inReverseZone } from './host-names';

const reverseZonesForbidden = new Date('2026-03-15T00:00:00Z');

export const cabfLeafDnsNamesCheck: CertificateCheck<'cabf-leaf-dns-names'> = {
  name: 'cabf-leaf-dns-names',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-dns-name-syntax', 'cabf-reverse-zone-name'],
  summary: 'CA/B Forum: subscriber DNS names are valid host names or wildcards, outside the reverse zones',
  run(cert, index, path) {
    if (roleOf(cert, index, path) !== 'subscriber' || !cert.san) return [];
    const findings: Finding[] = [];
    for (const name of cert.san.dns) {
      const problem = dnsNameProblem(name);
      if (problem) findings.push(cabfFinding('cabf-dns-name-syntax', cert, `${name}: ${problem}`));
      else if (inReverseZone(name) && issuanceDate(cert) >= reverseZonesForbidden)
        findings.push(cabfFinding('cabf-reverse-zone-name', cert, name));
    }
    return findings;
  },
};
