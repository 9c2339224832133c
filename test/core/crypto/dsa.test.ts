import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVerifyCert } from '../../../src-core/verify/cert';
import { dsaPublicKey, modInverse, modPow, readDsaDomain, verifyDsa } from '../../../src-core/crypto/dsa';
import { readWhole } from '../../../src-core/asn1/der';
import { readPublicKeyInfo } from '../../../src-core/x509/algorithms';
import { signatureHash, verifySignature } from '../../../src-core/crypto/signature';
import { verifyChain } from '../../../src-core/verify';
import { conformanceDir } from '../../conformance/limbo';

const pkitsCert = (name: string) =>
  new Uint8Array(readFileSync(resolve(conformanceDir, 'pkits', 'certs', `${name}.crt`)));

describe('DSA (FIPS 186-4 §4.7, pure BigInt)', () => {
  it('has the modular arithmetic right on small known answers', () => {
    expect(modPow(4n, 13n, 497n)).toBe(445n);
    expect(modInverse(3n, 11n)).toBe(4n);
    expect(modInverse(10n, 17n)).toBe(12n);
    expect(() => modInverse(6n, 9n)).toThrow();
  });

  it('verifies signatures Node made, for SHA-1 and SHA-256, and refuses tampered ones', async () => {
    for (const [modulusLength, divisorLength, hash] of [
      [1024, 160, 'SHA-1'],
      [2048, 256, 'SHA-256'],
    ] as const) {
      const { publicKey, privateKey } = generateKeyPairSync('dsa', { modulusLength, divisorLength });
      const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
      const info = readPublicKeyInfo(spki, readWhole(spki));
      const key = dsaPublicKey({ publicKeyBits: info.keyBits, publicKeyParameters: info.parameters });
      const domain = readDsaDomain(key.parameters as Uint8Array);
      const message = new TextEncoder().encode(`a message signed with DSA-${modulusLength}`);
      const signature = new Uint8Array(sign(hash.replace('-', '').toLowerCase(), message, privateKey));
      expect(await verifyDsa(domain, key.y, hash, message, signature)).toBe(true);
      const otherMessage = message.slice();
      otherMessage[0] ^= 1;
      expect(await verifyDsa(domain, key.y, hash, otherMessage, signature)).toBe(false);
      const otherSignature = signature.slice();
      otherSignature[otherSignature.length - 1] ^= 1;
      expect(await verifyDsa(domain, key.y, hash, message, otherSignature)).toBe(false);
      expect(await verifyDsa(domain, key.y, hash, message, signature.subarray(0, 8))).toBe(false);
    }
  });

  it('checks NIST PKITS DSA certificates (4.1.4), and needs inherited parameters where the key has none (4.1.5)', async () => {
    const [ca, leaf, inheritedCa, inheritedLeaf] = await Promise.all(
      [
        'DSACACert',
        'ValidDSASignaturesTest4EE',
        'DSAParametersInheritedCACert',
        'ValidDSAParameterInheritanceTest5EE',
      ].map((name) => readVerifyCert(pkitsCert(name))),
    );
    expect(await verifySignature(leaf, ca)).toBe('valid');
    expect(await verifySignature(inheritedCa, ca)).toBe('valid');
    expect(dsaPublicKey(inheritedCa).parameters).toBeUndefined();
    expect(await verifySignature(inheritedLeaf, inheritedCa)).toBe('invalid');
    const parameters = dsaPublicKey(ca).parameters;
    expect(await verifySignature(inheritedLeaf, inheritedCa, parameters)).toBe('valid');
    // A signature by another key stays invalid.
    expect(await verifySignature(leaf, inheritedCa, parameters)).toBe('invalid');
  });

  it('reports a dsa-with-SHA1 signature as weak, as it does RSA and ECDSA with SHA-1', async () => {
    const leaf = pkitsCert('ValidDSASignaturesTest4EE');
    expect(signatureHash(await readVerifyCert(leaf))).toBe('SHA-1');
    const result = await verifyChain({
      leaf,
      intermediates: [pkitsCert('DSACACert')],
      anchors: [{ name: 'pkits', certificates: [pkitsCert('TrustAnchorRootCertificate')] }],
      at: new Date('2015-01-01T00:00:00Z'),
      purpose: null,
      expiryDays: 0,
    });
    const weak = result.findings.filter((item) => item.code === 'weak-signature');
    expect(weak.map((item) => item.detail)).toEqual(['SHA-1']);
    expect(result.findings.some((item) => item.code === 'bad-signature')).toBe(false);
  });
});
