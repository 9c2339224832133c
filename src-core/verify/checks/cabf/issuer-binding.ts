/**
 * What binds a certificate to its issuer in the path: the issuer Name byte-for-byte the issuer's
 * subject (BR §7.1.4.1; a root's issuer its own subject, §7.1.2.1), and an ECDSA issuer signing
 * with its curve's hash (§7.1.3.2.2). The issuer is the next certificate up, or the certificate
 * itself for a self-issued top; an unanchored path's top has none to compare.
 */
import { equalBytes } from '../../../bytes/equal';
import { toHex } from '../../../bytes/hex';
import type { VerifyCert } from '../../cert';
import type { CertificateCheck, PathUnderCheck } from '../types';
import { cabfFinding } from './common';

export function issuerInPath(cert: VerifyCert, index: number, path: PathUnderCheck): VerifyCert | undefined {
  if (index < path.last) return path.chain[index + 1];
  return cert.selfIssued ? cert : undefined;
}

/** The one signature encoding each issuer curve may use. */
const curveSignature: Record<string, { encoding: string; name: string }> = {
  'P-256': { encoding: '300a06082a8648ce3d040302', name: 'ECDSA with SHA-256' },
  'P-384': { encoding: '300a06082a8648ce3d040303', name: 'ECDSA with SHA-384' },
  'P-521': { encoding: '300a06082a8648ce3d040304', name: 'ECDSA with SHA-512' },
};

export const cabfIssuerBindingCheck: CertificateCheck<'cabf-issuer-binding'> = {
  name: 'cabf-issuer-binding',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-issuer-name', 'cabf-ecdsa-curve-hash'],
  summary:
    "CA/B Forum: issuer name is the issuer's subject byte for byte; ECDSA hash fits the issuer's curve",
  run(cert, index, path) {
    const issuer = issuerInPath(cert, index, path);
    if (!issuer) return [];
    const findings = [];
    if (!equalBytes(cert.issuerNameDer, issuer.subjectNameDer))
      findings.push(
        cabfFinding('cabf-issuer-name', cert, 'the issuer field differs from the issuer’s encoded subject'),
      );
    const wanted = issuer.key.algorithm === 'EC' ? curveSignature[issuer.key.curve ?? ''] : undefined;
    if (wanted && toHex(cert.signatureAlgorithmDer) !== wanted.encoding)
      findings.push(
        cabfFinding(
          'cabf-ecdsa-curve-hash',
          cert,
          `the issuer's ${issuer.key.curve} key must sign with ${wanted.name}`,
        ),
      );
    return findings;
  },
};
