/**
 * Node's crypto as the verifier's signature engine gives the same verdict as WebCrypto on every
 * kind of key and signature the lab mints — and on signatures that do not verify — and is what
 * answers once installed. (The conformance suites agree too: scripts run them either way.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useSignatureEngine, type SignatureRequest } from '../../../src-core/crypto/signature-engine';
import { readVerifyCert } from '../../../src-core/verify/cert';
import { verifySignature } from '../../../src-core/crypto/signature';
import { nodeSignatureEngine } from '../../../src-main/services/crypto/node-signatures';
import { createKey, issueCert, type KeySpec } from '../../../src-main/services/lab';

afterEach(() => useSignatureEngine());

/** A fresh issuer key and a leaf signed with it, plus the same leaf with one signature bit flipped. */
async function signedPair(spec: KeySpec, hash?: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512') {
  const issuer = await issueCert({ commonName: `Engine ${spec}`, isCa: true, key: await createKey(spec) });
  const leaf = await issueCert({
    commonName: 'engine.test',
    issuer,
    ...(hash ? { signatureHash: hash } : {}),
  });
  const tampered = leaf.der.slice();
  tampered[tampered.length - 3] ^= 0x01;
  return {
    issuer: await readVerifyCert(issuer.der),
    leaf: await readVerifyCert(leaf.der),
    tampered: await readVerifyCert(tampered),
  };
}

describe('Node signature engine', () => {
  const cases: [KeySpec, ('SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512')?][] = [
    ['p256'],
    ['p384'],
    ['p256', 'SHA-1'],
    ['rsa2048'],
    ['rsa2048', 'SHA-512'],
    ['ed25519'],
  ];
  for (const [spec, hash] of cases) {
    it(`${spec}${hash ? ` with ${hash}` : ''}: same verdicts as WebCrypto, answered by Node`, async () => {
      const pair = await signedPair(spec, hash);
      const asked: SignatureRequest['algorithm'][] = [];
      useSignatureEngine({
        verify: (request) => {
          asked.push(request.algorithm);
          return nodeSignatureEngine.verify(request);
        },
      });
      const native = [
        await verifySignature(pair.leaf, pair.issuer),
        await verifySignature(pair.tampered, pair.issuer),
      ];
      expect(native).toEqual(['valid', 'invalid']);
      expect(asked).toHaveLength(2);
      // Verdicts are cached per certificate and key: WebCrypto judges fresh copies.
      useSignatureEngine();
      const again = await signedPair(spec, hash);
      expect([
        await verifySignature(again.leaf, again.issuer),
        await verifySignature(again.tampered, again.issuer),
      ]).toEqual(['valid', 'invalid']);
    });
  }

  it('a key Node cannot make is left to WebCrypto', () => {
    const request: SignatureRequest = {
      spki: new Uint8Array([0x30, 0x00]),
      key: () => ({ spki: new Uint8Array([0x30, 0x00]) }),
      algorithm: 'ECDSA',
      hash: 'SHA-256',
      signature: new Uint8Array(8),
      data: new Uint8Array(8),
    };
    expect(nodeSignatureEngine.verify(request)).toBeUndefined();
  });
});

describe("Node's SHA-256 for certificate names", () => {
  it('names a certificate as WebCrypto does, also from a view into a larger buffer, and answers once installed', async () => {
    const { sha256Hex } = await import('../../../src-core/crypto/sha256-hex');
    const file = new Uint8Array(300).map((_, index) => (index * 7) % 256);
    const view = file.subarray(17, 240);
    const byWebCrypto = await sha256Hex(view);
    let asked = 0;
    // The hex form where the engine has it, else the digest made hex here: both as WebCrypto names it.
    useSignatureEngine({
      ...nodeSignatureEngine,
      sha256Hex: (bytes) => {
        asked++;
        return nodeSignatureEngine.sha256Hex!(bytes);
      },
    });
    expect(await sha256Hex(view)).toBe(byWebCrypto);
    expect(asked).toBe(1);
    useSignatureEngine({
      verify: nodeSignatureEngine.verify,
      sha256: (bytes) => {
        asked++;
        return nodeSignatureEngine.sha256!(bytes);
      },
    });
    expect(await sha256Hex(view)).toBe(byWebCrypto);
    expect(asked).toBe(2);
    expect(byWebCrypto).toMatch(/^[0-9a-f]{64}$/);
  });
});
