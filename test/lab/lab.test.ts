/**
 * The lab itself: minted certificates say what their options say (checked with Node's native
 * X509Certificate and the openssl CLI, not with our own parser), and lab servers put exactly the
 * configured certificates on the wire, in order, duplicates and extras included.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildScenario,
  createCrl,
  issueCert,
  scenarioNames,
  startHttpFileServer,
  startNodeTlsServer,
  startOpensslServer,
  type LabCert,
  type LabServer,
} from './index';
import { showcerts } from './s-client';

const opensslText = (certificate: LabCert) =>
  execFileSync('openssl', ['x509', '-noout', '-text'], { input: certificate.pem }).toString();

describe('minting', () => {
  it('chains verify with native X509Certificate for every key type', async () => {
    for (const keySpec of ['rsa2048', 'p256', 'p384', 'ed25519'] as const) {
      const root = await issueCert({ commonName: `Root ${keySpec}`, isCa: true, keySpec });
      const intermediate = await issueCert({
        commonName: `Intermediate ${keySpec}`,
        isCa: true,
        issuer: root,
        keySpec,
      });
      const leaf = await issueCert({
        commonName: 'leaf.test',
        issuer: intermediate,
        dnsNames: ['leaf.test'],
        keySpec,
      });
      const [rootX, intermediateX, leafX] = [root, intermediate, leaf].map((c) => new X509Certificate(c.der));
      expect(leafX.checkIssued(intermediateX), keySpec).toBe(true);
      expect(leafX.verify(intermediateX.publicKey), keySpec).toBe(true);
      expect(intermediateX.verify(rootX.publicKey), keySpec).toBe(true);
      expect(leafX.verify(rootX.publicKey), keySpec).toBe(false);
      expect(rootX.ca && intermediateX.ca && !leafX.ca, keySpec).toBe(true);
      expect(leafX.subject).toBe('CN=leaf.test');
      expect(leafX.issuer).toBe(intermediateX.subject);
    }
  });

  it('uses the requested key sizes', async () => {
    for (const [keySpec, bits] of [
      ['rsa1024', 1024],
      ['rsa4096', 4096],
    ] as const) {
      const certificate = new X509Certificate((await issueCert({ commonName: keySpec, keySpec })).der);
      expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(bits);
    }
    const p384 = new X509Certificate((await issueCert({ commonName: 'p384', keySpec: 'p384' })).der);
    expect(p384.publicKey.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
  }, 120_000);

  it('writes SANs, validity, serial and a SHA-1 signature when asked', async () => {
    const notBefore = new Date('2020-01-01T00:00:00Z');
    const notAfter = new Date('2020-02-01T00:00:00Z');
    const root = await issueCert({ commonName: 'SHA-1 Root', isCa: true, keySpec: 'rsa2048' });
    const certificate = await issueCert({
      commonName: 'old.test',
      issuer: root,
      dnsNames: ['old.test', '*.old.test'],
      ipAddresses: ['127.0.0.1', '2001:db8::1'],
      emails: ['admin@old.test'],
      notBefore,
      notAfter,
      serial: 0x1234n,
      signatureHash: 'SHA-1',
    });
    const native = new X509Certificate(certificate.der);
    expect(native.subjectAltName).toBe(
      'DNS:old.test, DNS:*.old.test, IP Address:127.0.0.1, IP Address:2001:DB8:0:0:0:0:0:1, email:admin@old.test',
    );
    expect(new Date(native.validFrom)).toEqual(notBefore);
    expect(new Date(native.validTo)).toEqual(notAfter);
    expect(native.serialNumber).toBe('1234');
    expect(opensslText(certificate)).toMatch(/Signature Algorithm: sha1WithRSAEncryption/);
  });

  it('can leave basicConstraints out and writes name constraints, AIA, CRL DP, policies and must-staple', async () => {
    const plain = await issueCert({ commonName: 'no-bc', omitBasicConstraints: true });
    expect(opensslText(plain)).not.toMatch(/Basic Constraints/);
    const constrained = await issueCert({
      commonName: 'constrained',
      isCa: true,
      pathLen: 2,
      nameConstraints: {
        permittedDns: ['allowed.test'],
        excludedIp: ['10.0.0.0/8'],
        permittedEmail: ['allowed.test'],
      },
      aiaCaIssuersUrl: 'http://127.0.0.1:1/ca.der',
      ocspUrl: 'http://127.0.0.1:1/ocsp',
      crlUrl: 'http://127.0.0.1:1/ca.crl',
      policies: ['2.23.140.1.2.1'],
      mustStaple: true,
    });
    const text = opensslText(constrained);
    expect(text).toMatch(/CA:TRUE, pathlen:2/);
    expect(text).toMatch(
      /Permitted:\s+DNS:allowed\.test\s+email:allowed\.test\s+Excluded:\s+IP:10\.0\.0\.0\/255\.0\.0\.0/,
    );
    expect(text).toMatch(/CA Issuers - URI:http:\/\/127\.0\.0\.1:1\/ca\.der/);
    expect(text).toMatch(/OCSP - URI:http:\/\/127\.0\.0\.1:1\/ocsp/);
    expect(text).toMatch(/URI:http:\/\/127\.0\.0\.1:1\/ca\.crl/);
    expect(text).toMatch(/Policy: 2\.23\.140\.1\.2\.1/);
    expect(text).toMatch(/TLS Feature:\s+status_request/);
  });

  it('signs CRLs that openssl accepts, listing the revoked serials', async () => {
    const root = await issueCert({ commonName: 'CRL Root', isCa: true });
    const crl = await createCrl(root, [{ serial: 0xabcdefn, reason: 1 }]);
    const text = execFileSync('openssl', ['crl', '-noout', '-text'], { input: crl.pem }).toString();
    expect(text).toMatch(/Serial Number: ABCDEF/);
    expect(text).toMatch(/Key Compromise/);
  });

  it('builds every named scenario with the documented shape', async () => {
    for (const name of scenarioNames) {
      const scenario = await buildScenario(name);
      expect(scenario.presented.length, name).toBeGreaterThan(0);
      expect(scenario.description.length, name).toBeGreaterThan(10);
      const leaf = new X509Certificate(scenario.leaf.der);
      expect(scenario.presented.map((c) => c.der)).toContainEqual(scenario.leaf.der);
      if (name === 'wrong-host') {
        expect(leaf.checkHost(scenario.host)).toBeUndefined();
        expect(leaf.checkHost('localhost')).toBeUndefined();
      } else {
        // Both the lab name and the name the Lab's Inspect button connects with.
        expect(leaf.checkHost(scenario.host), name).toBe(scenario.host);
        expect(leaf.checkHost('localhost'), name).toBe('localhost');
        expect(leaf.checkIP('127.0.0.1'), name).toBe('127.0.0.1');
      }
    }
    for (const name of ['revoked-crl', 'revoked-ocsp'] as const) {
      const revoked = await buildScenario(name, { revocationBase: 'http://127.0.0.1:9/lab/' });
      const text = execFileSync('openssl', ['x509', '-noout', '-text'], {
        input: revoked.leaf.pem,
      }).toString();
      if (name === 'revoked-crl') expect(text).toContain('URI:http://127.0.0.1:9/lab/intermediate.crl');
      else expect(text).toContain('OCSP - URI:http://127.0.0.1:9/lab/ocsp');
      const intermediate = execFileSync('openssl', ['x509', '-noout', '-text'], {
        input: revoked.intermediates[0].pem,
      }).toString();
      expect(intermediate).toContain('URI:http://127.0.0.1:9/lab/root.crl');
      expect(Object.keys(revoked.revocation?.crls ?? {})).toContain('root.crl');
    }
    const crossSigned = await buildScenario('cross-signed');
    const [viaNew, viaOld] = crossSigned.intermediates.map((c) => new X509Certificate(c.der));
    expect(viaNew.subject).toBe(viaOld.subject);
    expect(viaNew.publicKey.export({ format: 'der', type: 'spki' })).toEqual(
      viaOld.publicKey.export({ format: 'der', type: 'spki' }),
    );
    expect(viaNew.issuer).not.toBe(viaOld.issuer);
    expect((await buildScenario('long-chain', { depth: 6 })).presented).toHaveLength(7);
  });
});

describe('servers present exactly the configured chain', () => {
  const servers: LabServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function misorderedChain() {
    const scenario = await buildScenario('extra-certificate');
    const unrelated = scenario.others.unrelated;
    const intermediate = scenario.intermediates[0];
    return { scenario, chain: [scenario.leaf, unrelated, intermediate, intermediate] };
  }

  for (const tls of ['1.2', '1.3'] as const) {
    it(`Node tls server, TLS ${tls}: [leaf, unrelated, intermediate, intermediate] arrives byte for byte`, async () => {
      const { chain } = await misorderedChain();
      const server = await startNodeTlsServer({ chain, minVersion: `TLSv${tls}`, maxVersion: `TLSv${tls}` });
      servers.push(server);
      const received = await showcerts(server.port, { tls });
      expect(received).toEqual(chain.map((certificate) => certificate.der));
    });

    it(`openssl s_server, TLS ${tls}: [leaf, unrelated, intermediate, intermediate] arrives byte for byte`, async () => {
      const { chain } = await misorderedChain();
      const server = await startOpensslServer({ chain, tlsVersion: tls });
      servers.push(server);
      const received = await showcerts(server.port, { tls });
      expect(received).toEqual(chain.map((certificate) => certificate.der));
    });
  }

  it('sends misordered intermediates as given', async () => {
    const scenario = await buildScenario('wrong-order');
    const server = await startOpensslServer({ chain: scenario.presented });
    servers.push(server);
    expect(await showcerts(server.port)).toEqual(scenario.presented.map((certificate) => certificate.der));
  });

  it('presents long chains (10 certificates) in order over TLS 1.3', async () => {
    const scenario = await buildScenario('long-chain', { depth: 9 });
    const server = await startNodeTlsServer({ chain: scenario.presented, minVersion: 'TLSv1.3' });
    servers.push(server);
    const received = await showcerts(server.port, { tls: '1.3' });
    expect(received).toHaveLength(10);
    expect(received).toEqual(scenario.presented.map((certificate) => certificate.der));
  });

  it('serves AIA/CRL files over HTTP and records what was asked', async () => {
    const root = await issueCert({ commonName: 'HTTP Root', isCa: true });
    const http = await startHttpFileServer({
      '/root.der': { body: root.der, contentType: 'application/pkix-cert' },
    });
    servers.push(http);
    const response = await fetch(http.url('/root.der'));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(root.der);
    expect((await fetch(http.url('/missing'))).status).toBe(404);
    expect(http.requests).toEqual(['/root.der', '/missing']);
  });
});
