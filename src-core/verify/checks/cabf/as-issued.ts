/**
 * Which version of the rules a certificate answers to. The checks judge the current BRs (v2.2.6,
 * whose certificate profiles took effect with BR 2.0.0 on 2023-09-15); this weighs a finding by
 * the certificate's issuance date (common.ts issuanceDate):
 * - a CA certificate (root or subordinate) lives for decades, so one issued before a rule took
 *   effect is not in breach of it: its finding stays, as information, saying so. Rules that were
 *   already MUSTs in BR 1.x (or RFC 5280 MUSTs the BRs incorporate) date from BR 1.0, 2012-07-01;
 *   the others from BR 2.0.0;
 * - a subscriber certificate is judged by the current rules whatever it claims: any still valid
 *   was issued within the §6.3.2 maximum, after BR 2.0.0, so an earlier issuance date is either
 *   long expired or backdated (which notBefore's 48-hour rule forbids). Its finding keeps its
 *   severity and notes the date.
 */
import type { Finding, FindingCode } from '../../findings';
import type { CertificateCheck } from '../types';
import { issuanceDate, profilesEffective, roleOf } from './common';

const brOne = new Date('2012-07-01T00:00:00Z');

/** CA-certificate rules older than BR 2.0.0, by code (BR 1.8.x §6.1.5, §7.1.1, §7.1.2.1–2, §7.1.4.3.1; RFC 5280). */
const caRuleSince: Partial<Record<FindingCode, Date>> = {
  'cabf-version': brOne,
  'cabf-serial-not-positive': brOne,
  'cabf-serial-too-long': brOne,
  'cabf-key-algorithm': brOne,
  'cabf-rsa-key-size': brOne,
  'cabf-ec-key': brOne,
  'cabf-extension-malformed': brOne,
  'cabf-aki-missing': brOne,
  'cabf-aki-form': brOne,
  'cabf-ca-basic-constraints': brOne,
  'cabf-ca-key-usage': brOne,
  'cabf-ca-ski': brOne,
  'cabf-ca-subject': brOne,
  'cabf-root-eku': brOne,
  'cabf-policies-missing': brOne,
  'cabf-crldp-missing': brOne,
};

const day = (date: Date) => date.toISOString().slice(0, 10);

function weighed(finding: Finding, issued: Date, caCertificate: boolean): Finding {
  if (!caCertificate)
    return issued < profilesEffective
      ? { ...finding, detail: `${finding.detail ?? ''} (issuance date ${day(issued)}, before BR 2.0.0)` }
      : finding;
  const since = caRuleSince[finding.code] ?? profilesEffective;
  if (issued >= since) return finding;
  return {
    ...finding,
    severity: 'info',
    detail: `${finding.detail ?? ''} (rule in force since ${day(since)}; this CA certificate was issued ${day(issued)}: information only)`,
  };
}

/** The check, its findings weighed by the certificate's issuance date. */
export function asIssued<Name extends string>(check: CertificateCheck<Name>): CertificateCheck<Name> {
  return {
    ...check,
    run(cert, index, path, context) {
      const findings = check.run(cert, index, path, context);
      if (findings.length === 0) return findings;
      const issued = issuanceDate(cert);
      const caCertificate = roleOf(cert, index, path) !== 'subscriber';
      return findings.map((finding) => weighed(finding, issued, caCertificate));
    },
  };
}
