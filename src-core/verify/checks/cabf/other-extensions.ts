/**
 * Extensions outside the certificate's profile table are NOT RECOMMENDED ("Any other extension"
 * rows of BR §7.1.2.1.2, §7.1.2.6.1, §7.1.2.7.6; §7.1.2.11.5): a warning naming them. Extensions
 * a table lists with MUST NOT or SHOULD NOT have their own findings, as has the CT poison.
 */
import { oids } from '../../cert';
import type { CertificateCheck } from '../types';
import { cabfFinding, roleOf, type CabfRole } from './common';

const listed: Record<CabfRole, ReadonlySet<string>> = {
  root: new Set([
    oids.authorityKeyIdentifier,
    oids.basicConstraints,
    oids.keyUsage,
    oids.subjectKeyIdentifier,
    oids.extKeyUsage,
    oids.certificatePolicies,
    oids.sctList,
    oids.crlDistributionPoints,
  ]),
  subordinate: new Set([
    oids.authorityKeyIdentifier,
    oids.basicConstraints,
    oids.certificatePolicies,
    oids.crlDistributionPoints,
    oids.keyUsage,
    oids.subjectKeyIdentifier,
    oids.extKeyUsage,
    oids.authorityInfoAccess,
    oids.nameConstraints,
    oids.sctList,
  ]),
  subscriber: new Set([
    oids.authorityInfoAccess,
    oids.authorityKeyIdentifier,
    oids.certificatePolicies,
    oids.extKeyUsage,
    oids.subjectAltName,
    oids.nameConstraints,
    oids.keyUsage,
    oids.basicConstraints,
    oids.crlDistributionPoints,
    oids.sctList,
    oids.subjectKeyIdentifier,
  ]),
};

export const cabfOtherExtensionsCheck: CertificateCheck<'cabf-other-extensions'> = {
  name: 'cabf-other-extensions',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-extension-other'],
  summary: "CA/B Forum: no extensions beyond the certificate profile's table (NOT RECOMMENDED)",
  run(cert, index, path) {
    const expected = listed[roleOf(cert, index, path)];
    const other = cert.extensionFlags
      .map((extension) => extension.oid)
      .filter((oid) => !expected.has(oid) && oid !== oids.ctPoison);
    return other.length ? [cabfFinding('cabf-extension-other', cert, [...new Set(other)].join(', '))] : [];
  },
};
