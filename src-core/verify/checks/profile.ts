/** The RFC 5280 certificate profile that strict clients hold every certificate to. */
import { nonCriticalBasicConstraints } from '../cert';
import { finding } from '../findings';
import { isAnchorAt, type CertificateCheck } from './types';

/** The bundled store's roots are trusted as their program ships them. */
const bundledStoreName = 'public';

export const profileCheck: CertificateCheck<'profile'> = {
  name: 'profile',
  scope: 'certificate',
  codes: ['profile-violation'],
  summary: 'the RFC 5280 profile: key identifiers, no duplicate extensions, matching algorithms…',
  run(cert, index, path, { rules }) {
    const isAnchor = isAnchorAt(path, index);
    if (rules.profile === 'structural') {
      // What libraries refuse while reading, whatever the RFC's profile says.
      const structural = [
        ...cert.malformed.filter(
          (problem) =>
            problem.startsWith('extension ') ||
            (rules.refuseCriticalKeyIdentifiers && /KeyIdentifier must not be critical/.test(problem)),
        ),
        ...(rules.refuseNegativeSerial
          ? cert.nonStrictDer.filter((problem) => /negative serial/.test(problem))
          : []),
        ...cert.duplicateExtensions.map((oid) => `duplicate extension ${oid}`),
        ...(cert.signatureFieldsMatch ? [] : ['the two signature algorithm fields differ']),
      ];
      return structural.length ? [finding('profile-violation', cert.sha256, structural.join('; '))] : [];
    }
    const problems = [
      // A trust anchor is a name and a key: its serial number is nobody's business here. Path
      // validation (RFC 5280 §6.1.4 k, NIST PKITS 4.6.4) needs a CA's basicConstraints, not its
      // critical flag: that profile rule is held against trust anchors only (x509-limbo) — and
      // not against the roots of the public store, which browsers trust as their program ships
      // them (one Mozilla root has a non-critical basicConstraints).
      ...cert.malformed.filter(
        (problem) =>
          !(isAnchor && index > 0 && problem.startsWith('serial')) &&
          !(
            problem === nonCriticalBasicConstraints &&
            (!isAnchor || path.anchorStores.includes(bundledStoreName))
          ),
      ),
      ...cert.duplicateExtensions.map((oid) => `duplicate extension ${oid}`),
      ...(cert.signatureFieldsMatch ? [] : ['the two signature algorithm fields differ']),
      // Key identifiers: every certificate but the anchor names its issuer's key; CAs name their own.
      ...(!cert.authorityKeyId && !isAnchor && cert.version >= 2 ? ['authorityKeyIdentifier missing'] : []),
      ...(!cert.subjectKeyId && cert.basicConstraints?.ca && !isAnchor
        ? ['subjectKeyIdentifier missing from a CA']
        : []),
    ];
    return problems.length ? [finding('profile-violation', cert.sha256, problems.join('; '))] : [];
  },
};
