/** No subscriber iPAddress in an IANA special-purpose block (BR §7.1.2.7.12; Reserved IP Address, §1.6.1). */
import { formatIp } from '../../../x509/general-name';
import type { CertificateCheck } from '../types';
import { cabfFinding, roleOf } from './common';
import { reservedIpSnapshot } from './data/reserved-ips';
import { isReservedIp } from './host-names';

export const cabfLeafIpAddressesCheck: CertificateCheck<'cabf-leaf-ip-addresses'> = {
  name: 'cabf-leaf-ip-addresses',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-reserved-ip'],
  summary: 'CA/B Forum: no reserved (IANA special-purpose) IP address in a subscriber certificate',
  run(cert, index, path) {
    if (roleOf(cert, index, path) !== 'subscriber' || !cert.san) return [];
    const reserved = cert.san.ip.filter(isReservedIp);
    return reserved.length
      ? [
          cabfFinding(
            'cabf-reserved-ip',
            cert,
            `${reserved.map(formatIp).join(', ')} (${reservedIpSnapshot.source})`,
          ),
        ]
      : [];
  },
};
