/**
 * Names only the public DNS can vouch for: every subscriber dNSName ends in a TLD of the IANA
 * root zone (no Internal Names, BR §4.2.2, §7.1.2.7.12) and no wildcard sits right above a public
 * suffix (§3.2.2.6, the PSL's ICANN section as §3.2.2.6 advises). Both judged by the dated PSL
 * snapshot in ./data, named in each finding.
 */
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, roleOf } from './common';
import { dnsNameProblem, hasPublicTld, isPublicSuffix, suffixSnapshot } from './host-names';

export const cabfLeafPublicNamesCheck: CertificateCheck<'cabf-leaf-public-names'> = {
  name: 'cabf-leaf-public-names',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-internal-name', 'cabf-wildcard-public-suffix'],
  summary: 'CA/B Forum: subscriber DNS names end in a public TLD; no wildcard over a public suffix',
  run(cert, index, path) {
    if (roleOf(cert, index, path) !== 'subscriber' || !cert.san) return [];
    const findings: Finding[] = [];
    for (const name of cert.san.dns) {
      // A name that isn't a host name at all is cabf-leaf-dns-names' finding.
      if (dnsNameProblem(name)) continue;
      if (!hasPublicTld(name))
        findings.push(cabfFinding('cabf-internal-name', cert, `${name} (TLDs: ${suffixSnapshot})`));
      else if (name.startsWith('*.') && isPublicSuffix(name.slice(2)))
        findings.push(cabfFinding('cabf-wildcard-public-suffix', cert, `${name} (${suffixSnapshot})`));
    }
    return findings;
  },
};
