/**
 * Absurd key parameters are refused before any arithmetic (issue 15): a 32,768-bit DSA key cost
 * 22.6 s of CPU to check one signature with; a 32,768-bit RSA key as much again in a library that
 * tried. Each now ends at once with a `key-too-large` finding on the CA that holds the key.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyFiles } from '../../../src-core/inspect/verify-files';
import { readVerifyCert } from '../../../src-core/verify/cert';
import { keyLimits, oversizedKey } from '../../../src-core/crypto/key-bounds';
import { issueCert } from '../../../src-main/services/lab';
import { hugeKeyChain } from '../../support/huge-keys';
import { conformanceDir } from '../../conformance/limbo';

describe('key parameter bounds', () => {
  for (const kind of ['dsa', 'rsa'] as const) {
    it(`refuses a 32,768-bit ${kind.toUpperCase()} CA key at once, with a finding that says why`, async () => {
      const { root, ca, leaf } = await hugeKeyChain(kind, 32_768);
      const caSha = (await readVerifyCert(ca.der)).sha256;
      const started = performance.now();
      const result = await verifyFiles({
        certificates: [leaf.der, ca.der],
        anchors: [{ name: 'test', certificates: [root.der] }],
        host: 'huge-key.test',
      });
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(2000);
      expect(result.trusted).toBe(false);
      const tooLarge = result.findings.find((item) => item.code === 'key-too-large');
      expect(tooLarge).toMatchObject({ certificate: caSha, severity: 'error' });
      expect(tooLarge?.detail).toMatch(kind === 'dsa' ? /DSA prime p of 32,768 bits/ : /RSA 32,768 bits/);
      // The leaf's signature was never computed, so it is not called bad: the finding says why.
      expect(result.findings.map((item) => item.code)).not.toContain('bad-signature');
    });
  }

  it('draws the lines at FIPS 186-4’s largest DSA sizes and OpenSSL’s RSA ceiling', async () => {
    const dsa = async (p: number, q: number) =>
      oversizedKey(await readVerifyCert((await hugeKeyChain('dsa', p, { qBits: q })).ca.der));
    expect(await dsa(keyLimits.maxDsaPBits, keyLimits.maxDsaQBits)).toBeUndefined();
    expect(await dsa(keyLimits.maxDsaPBits + 1, 256)).toMatch(/DSA prime p of 3,073 bits/);
    expect(await dsa(2048, keyLimits.maxDsaQBits + 1)).toMatch(/DSA subgroup q of 257 bits/);
    const rsa = async (bits: number) =>
      oversizedKey(await readVerifyCert((await hugeKeyChain('rsa', bits)).ca.der));
    expect(await rsa(keyLimits.maxRsaBits)).toBeUndefined();
    expect(await rsa(keyLimits.maxRsaBits + 8)).toMatch(/RSA 16,392 bits/);
  });

  it('leaves real keys alone: RSA, and the DSA CA of NIST PKITS', async () => {
    const real = await issueCert({ commonName: 'RSA CA', isCa: true, keySpec: 'rsa2048' });
    expect(oversizedKey(await readVerifyCert(real.der))).toBeUndefined();
    const pkitsDsa = readFileSync(resolve(conformanceDir, 'pkits', 'certs', 'DSACACert.crt'));
    const dsaCa = await readVerifyCert(new Uint8Array(pkitsDsa));
    expect(dsaCa.key.algorithm).toBe('DSA');
    expect(oversizedKey(dsaCa)).toBeUndefined();
  });
});
