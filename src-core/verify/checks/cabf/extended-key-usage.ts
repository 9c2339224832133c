/**
 * Extended key usage by role: a subscriber MUST carry it non-critical with serverAuth and none of
 * anyExtendedKeyUsage, codeSigning, emailProtection, timeStamping, OCSPSigning, Precertificate
 * Signing, other values NOT RECOMMENDED (BR §7.1.2.7.6, §7.1.2.7.10); a TLS subordinate CA the
 * same (§7.1.2.6.1, §7.1.2.10.6); a root MUST NOT carry it (§7.1.2.1.2). Cross-certificates'
 * unrestricted form (anyExtendedKeyUsage alone, §7.1.2.2.4) needs knowledge of affiliation that
 * one chain doesn't show: such a sub-CA is reported and the detail says why.
 */
import { oids, type VerifyCert } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding, cabfOids, criticality, roleOf } from './common';

const forbidden: Record<string, string> = {
  [oids.anyExtendedKeyUsage]: 'anyExtendedKeyUsage',
  [cabfOids.codeSigning]: 'codeSigning',
  [cabfOids.emailProtection]: 'emailProtection',
  [cabfOids.timeStamping]: 'timeStamping',
  [cabfOids.ocspSigning]: 'OCSPSigning',
  [cabfOids.precertificateSigning]: 'Precertificate Signing',
};

function tlsEkuFindings(cert: VerifyCert, subordinate: boolean): Finding[] {
  const critical = criticality(cert, oids.extKeyUsage);
  const purposes = cert.extKeyUsage ?? [];
  if (critical === undefined)
    return [
      subordinate
        ? cabfFinding('cabf-subca-eku', cert, 'no extendedKeyUsage')
        : cabfFinding('cabf-eku-missing', cert, 'no extendedKeyUsage'),
    ];
  const findings: Finding[] = [];
  if (critical) findings.push(cabfFinding('cabf-eku-critical', cert, 'extendedKeyUsage is critical'));
  if (!purposes.includes(oids.serverAuth))
    findings.push(
      cabfFinding('cabf-eku-server-auth', cert, purposes.length ? purposes.join(', ') : 'no purposes'),
    );
  const bad = purposes.filter((purpose) => purpose in forbidden).map((purpose) => forbidden[purpose]);
  if (bad.length) {
    const crossNote =
      subordinate && bad.length === 1 && purposes.length === 1 && bad[0] === 'anyExtendedKeyUsage'
        ? ' (allowed only in a cross-certificate to an affiliate, §7.1.2.2.4)'
        : '';
    findings.push(cabfFinding('cabf-eku-forbidden', cert, bad.join(', ') + crossNote));
  }
  const other = purposes.filter(
    (purpose) => purpose !== oids.serverAuth && purpose !== oids.clientAuth && !(purpose in forbidden),
  );
  if (other.length) findings.push(cabfFinding('cabf-eku-other', cert, other.join(', ')));
  return findings;
}

export const cabfExtendedKeyUsageCheck: CertificateCheck<'cabf-extended-key-usage'> = {
  name: 'cabf-extended-key-usage',
  scope: 'certificate',
  optional: true,
  codes: [
    'cabf-eku-missing',
    'cabf-eku-critical',
    'cabf-eku-server-auth',
    'cabf-eku-forbidden',
    'cabf-eku-other',
    'cabf-root-eku',
    'cabf-subca-eku',
  ],
  summary: 'CA/B Forum: EKU serverAuth-only style on subscribers and TLS sub-CAs, none on roots',
  run(cert, index, path) {
    switch (roleOf(cert, index, path)) {
      case 'root':
        return criticality(cert, oids.extKeyUsage) === undefined
          ? []
          : [
              cabfFinding(
                'cabf-root-eku',
                cert,
                (cert.extKeyUsage ?? []).join(', ') || 'extendedKeyUsage present',
              ),
            ];
      case 'subordinate':
        return tlsEkuFindings(cert, true);
      case 'subscriber':
        return tlsEkuFindings(cert, false);
    }
  },
};
