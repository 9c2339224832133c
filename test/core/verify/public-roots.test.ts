/**
 * Roots of the bundled public (Mozilla) store are trusted as the root program ships them: a real
 * one with a non-critical basicConstraints (Chunghwa Telecom's ePKI root) is no profile violation
 * there, while the same certificate as a private anchor is held to RFC 5280's "MUST be critical"
 * (x509-limbo's root-non-critical-basic-constraints).
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../src-core/verify';

const epki = rootCertificates.find((pem) =>
  new X509Certificate(pem).subject.includes('ePKI Root Certification Authority'),
);

describe.runIf(epki)('a public root with a non-critical basicConstraints', () => {
  const der = new Uint8Array(new X509Certificate(epki!).raw);
  const verify = (storeName: string) =>
    verifyChain({
      leaf: der,
      intermediates: [],
      anchors: [{ name: storeName, certificates: [der] }],
      purpose: null,
      expiryDays: 0,
    });

  it('is trusted as shipped from the public store', async () => {
    const result = await verify('public');
    expect(result.findings.map((finding) => finding.code)).not.toContain('profile-violation');
    expect(result.trusted).toBe(true);
  });

  it('is a profile violation as a private anchor', async () => {
    const result = await verify('corporate');
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        code: 'profile-violation',
        detail: expect.stringContaining('basicConstraints'),
      }),
    );
  });
});

describe('a path that is only its trust anchor', () => {
  it('has no policy problem (a self-signed certificate the user trusts)', async () => {
    const { issueCert } = await import('../../../src-main/services/lab');
    const selfSigned = await issueCert({
      commonName: 'intranet.example',
      dnsNames: ['intranet.example'],
      policies: ['2.23.140.1.2.1'],
    });
    const result = await verifyChain({
      leaf: selfSigned.der,
      intermediates: [],
      anchors: [{ name: 'user', certificates: [selfSigned.der] }],
      host: { kind: 'dns', value: 'intranet.example' },
    });
    expect(result.findings.map((finding) => finding.code)).not.toContain('policy-violation');
  });
});
