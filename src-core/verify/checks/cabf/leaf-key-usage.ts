/**
 * Subscriber key usage (BR §7.1.2.7.6, §7.1.2.7.11): SHOULD be present, critical when present;
 * RSA keys only digitalSignature, keyEncipherment, dataEncipherment (at least one); ECC keys
 * digitalSignature, optionally keyAgreement. The SHOULDs and NOT RECOMMENDEDs are warnings.
 */
import { oids } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, criticality, roleOf } from './common';

const allowed: Record<string, readonly string[]> = {
  RSA: ['digitalSignature', 'keyEncipherment', 'dataEncipherment'],
  EC: ['digitalSignature', 'keyAgreement'],
};

export const cabfLeafKeyUsageCheck: CertificateCheck<'cabf-leaf-key-usage'> = {
  name: 'cabf-leaf-key-usage',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-ku-missing', 'cabf-ku-not-critical', 'cabf-ku-bits', 'cabf-ku-advised'],
  summary: 'CA/B Forum: subscriber key usage present, critical, with only the bits its key type allows',
  run(cert, index, path) {
    if (roleOf(cert, index, path) !== 'subscriber') return [];
    const critical = criticality(cert, oids.keyUsage);
    if (critical === undefined) return [cabfFinding('cabf-ku-missing', cert, 'no keyUsage')];
    const findings: Finding[] = [];
    if (!critical) findings.push(cabfFinding('cabf-ku-not-critical', cert, 'keyUsage is not critical'));
    const bits = [...(cert.keyUsage ?? [])];
    const permitted = allowed[cert.key.algorithm];
    // Other key types are cabf-public-key's finding; their usage has no table to judge by.
    if (!permitted) return findings;
    const notAllowed = bits.filter((bit) => !permitted.includes(bit));
    if (notAllowed.length)
      findings.push(
        cabfFinding('cabf-ku-bits', cert, `${cert.key.algorithm} key with ${notAllowed.join(', ')}`),
      );
    else if (bits.length === 0) findings.push(cabfFinding('cabf-ku-bits', cert, 'no key usage bit set'));
    else if (cert.key.algorithm === 'EC' && !bits.includes('digitalSignature'))
      findings.push(cabfFinding('cabf-ku-bits', cert, 'ECC key without digitalSignature'));
    else {
      const advice =
        cert.key.algorithm === 'RSA'
          ? [
              ...(bits.includes('digitalSignature') ? [] : ['digitalSignature missing']),
              ...(bits.includes('dataEncipherment') ? ['dataEncipherment set'] : []),
              ...(bits.includes('digitalSignature') && bits.includes('keyEncipherment')
                ? ['digitalSignature with keyEncipherment']
                : []),
            ]
          : bits.includes('keyAgreement')
            ? ['keyAgreement set']
            : [];
      if (advice.length) findings.push(cabfFinding('cabf-ku-advised', cert, advice.join('; ')));
    }
    return findings;
  },
};
