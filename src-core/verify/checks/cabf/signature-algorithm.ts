/**
 * The signature AlgorithmIdentifier is one of the exact encodings of BR §7.1.3.2 (RSA PKCS#1 v1.5
 * and RSA-PSS with SHA-256/384/512, ECDSA with SHA-256/384/512), and the outer field is
 * byte-for-byte the inner one (the signatureAlgorithm rows of §7.1.2.1, §7.1.2.6, §7.1.2.7).
 * SHA-1 is not among them: its last exception (re-issued CA certificates, §7.1.3.2.1) needs the
 * CA's issuance records, so it is reported and the detail says so.
 */
import { toHex } from '../../../bytes/hex';
import type { CertificateCheck } from '../types';
import { cabfFinding } from './common';

const pss = (hash: string, salt: string) =>
  `304106092a864886f70d01010a3034a00f300d06096086480165030402${hash}0500a11c301a06092a864886f70d010108300d06096086480165030402${hash}0500a2030201${salt}`;

export const allowedSignatureAlgorithms = new Map<string, string>([
  ['300d06092a864886f70d01010b0500', 'RSA PKCS#1 v1.5 SHA-256'],
  ['300d06092a864886f70d01010c0500', 'RSA PKCS#1 v1.5 SHA-384'],
  ['300d06092a864886f70d01010d0500', 'RSA PKCS#1 v1.5 SHA-512'],
  [pss('01', '20'), 'RSA-PSS SHA-256'],
  [pss('02', '30'), 'RSA-PSS SHA-384'],
  [pss('03', '40'), 'RSA-PSS SHA-512'],
  ['300a06082a8648ce3d040302', 'ECDSA SHA-256'],
  ['300a06082a8648ce3d040303', 'ECDSA SHA-384'],
  ['300a06082a8648ce3d040304', 'ECDSA SHA-512'],
]);

export const cabfSignatureAlgorithmCheck: CertificateCheck<'cabf-signature-algorithm'> = {
  name: 'cabf-signature-algorithm',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-signature-algorithm', 'cabf-signature-algorithm-mismatch'],
  summary: 'CA/B Forum: an allowed signature algorithm, in its exact encoding, the same in both fields',
  run(cert) {
    const findings = [];
    const encoded = toHex(cert.signatureAlgorithmDer);
    if (!allowedSignatureAlgorithms.has(encoded)) {
      const sha1 = encoded === '300d06092a864886f70d0101050500';
      findings.push(
        cabfFinding(
          'cabf-signature-algorithm',
          cert,
          sha1
            ? 'sha1WithRSAEncryption (allowed until 2026-09-15 only for re-issued CA certificates, which one certificate cannot show)'
            : `AlgorithmIdentifier ${encoded.length > 120 ? `${encoded.slice(0, 120)}…` : encoded} (${cert.signatureOid})`,
        ),
      );
    }
    if (!cert.signatureFieldsMatch)
      findings.push(
        cabfFinding(
          'cabf-signature-algorithm-mismatch',
          cert,
          'signatureAlgorithm ≠ tbsCertificate.signature',
        ),
      );
    return findings;
  },
};
