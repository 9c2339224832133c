/**
 * CA key usage (BR §7.1.2.1.2, §7.1.2.6.1, §7.1.2.10.7): present, critical, keyCertSign and
 * cRLSign set, nothing else but digitalSignature.
 */
import { oids } from '../../cert';
import type { CertificateCheck } from '../types';
import { cabfFinding, criticality, roleOf } from './common';

const permitted = new Set(['digitalSignature', 'keyCertSign', 'cRLSign']);

export const cabfCaKeyUsageCheck: CertificateCheck<'cabf-ca-key-usage'> = {
  name: 'cabf-ca-key-usage',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-ca-key-usage'],
  summary: 'CA/B Forum: CA key usage critical with keyCertSign and cRLSign (digitalSignature allowed)',
  run(cert, index, path) {
    if (roleOf(cert, index, path) === 'subscriber') return [];
    const critical = criticality(cert, oids.keyUsage);
    if (critical === undefined) return [cabfFinding('cabf-ca-key-usage', cert, 'no keyUsage')];
    const bits = cert.keyUsage ?? new Set<string>();
    const problems = [
      ...(critical ? [] : ['not critical']),
      ...['keyCertSign', 'cRLSign'].filter((bit) => !bits.has(bit)).map((bit) => `${bit} missing`),
      ...[...bits].filter((bit) => !permitted.has(bit)).map((bit) => `${bit} set`),
    ];
    return problems.length ? [cabfFinding('cabf-ca-key-usage', cert, problems.join('; '))] : [];
  },
};
