/**
 * A subscriber commonName, if present, is exactly one value copied from the SAN (BR §7.1.4.3): a
 * dNSName character for character (same case, A-labels as they are), an IP address in its
 * canonical text — IPv4 dotted decimal without leading zeros, IPv6 as RFC 5952 writes it.
 */
import { formatIp } from '../../../x509/general-name';
import type { CertificateCheck } from '../types';
import { cabfFinding, roleOf } from './common';

export const cabfLeafCommonNameCheck: CertificateCheck<'cabf-leaf-common-name'> = {
  name: 'cabf-leaf-common-name',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-cn-not-from-san'],
  summary: 'CA/B Forum: the subscriber common name is one SAN entry in its canonical form',
  run(cert, index, path) {
    if (roleOf(cert, index, path) !== 'subscriber' || cert.commonNames.length === 0) return [];
    if (cert.commonNames.length > 1)
      return [cabfFinding('cabf-cn-not-from-san', cert, `${cert.commonNames.length} commonName values`)];
    const [commonName] = cert.commonNames;
    const entries = new Set([...(cert.san?.dns ?? []), ...(cert.san?.ip ?? []).map(formatIp)]);
    return entries.has(commonName) ? [] : [cabfFinding('cabf-cn-not-from-san', cert, `“${commonName}”`)];
  },
};
