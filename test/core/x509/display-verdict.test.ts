/**
 * Issue 13's property: for every certificate the tests have — the Mozilla roots Node ships, every
 * root program store in ../shared/trust-stores, every x509-limbo and NIST PKITS certificate,
 * varied lab certificates, the fuzz seeds and regressions — the verifier's view (names, SANs, key
 * usage, EKU, basic and name constraints, policies, AKI/SKI, AIA/CRL URLs, validity, problems)
 * is what the display shows. Both come from one parse; this keeps it so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { decoderSeeds } from '../../../fuzz/seeds';
import { readWhole } from '../../../src-core/asn1/der';
import { parsePemBlocks } from '../../../src-core/bytes/pem';
import { readPkcs7 } from '../../../src-core/pkcs/pkcs7';
import { issueCert, type CertOptions } from '../../../src-main/services/lab';
import { conformanceDir, loadLimbo, pemToDer } from '../../conformance/limbo';
import { CertificateStructureError, readVerifyCert } from '../../../src-core/verify/cert';
import { displayVerdictDifferences } from '../../support/display-verdict';

const pemCertificates = (text: string) =>
  parsePemBlocks(text)
    .filter((block) => /CERTIFICATE$/.test(block.label) && !block.error)
    .map((block) => block.der);

function corpus(): Map<string, Uint8Array[]> {
  const sets = new Map<string, Uint8Array[]>();
  sets.set('Mozilla roots (node:tls)', rootCertificates.map(pemToDer));
  const stores = resolve(conformanceDir, '../trust-stores');
  sets.set(
    'root program stores (../shared/trust-stores)',
    readdirSync(stores)
      .filter((name) => name.endsWith('.pem'))
      .flatMap((name) => pemCertificates(readFileSync(resolve(stores, name), 'utf8'))),
  );
  sets.set(
    'x509-limbo',
    loadLimbo().flatMap((testcase) =>
      [testcase.peer_certificate, ...testcase.trusted_certs, ...testcase.untrusted_intermediates].map(
        pemToDer,
      ),
    ),
  );
  const pkits = resolve(conformanceDir, 'pkits', 'certs');
  sets.set(
    'NIST PKITS',
    readdirSync(pkits).map((name) => new Uint8Array(readFileSync(resolve(pkits, name)))),
  );
  const seeds = decoderSeeds();
  sets.set('fuzz seeds and regressions', [
    ...seeds.pkcs7.flatMap((bundle) => readPkcs7(bundle, readWhole(bundle)).certificates),
    seeds.ocsp.cert,
    seeds.ocsp.issuer,
    new Uint8Array(
      Buffer.from(
        readFileSync(
          resolve(import.meta.dirname, '../fuzz/regressions/verify-cert-oid-length.hex'),
          'utf8',
        ).trim(),
        'hex',
      ),
    ),
  ]);
  return sets;
}

async function labCertificates(): Promise<Uint8Array[]> {
  const root = await issueCert({ commonName: 'Display Verdict Root', isCa: true, policies: ['2.5.29.32.0'] });
  const constrained = await issueCert({
    commonName: 'Constrained CA',
    issuer: root,
    isCa: true,
    pathLen: 0,
    nameConstraints: {
      permittedDns: ['example.test', '.sub.example.test'],
      excludedDns: ['bad.example.test'],
      permittedIp: ['10.0.0.0/8', '2001:db8::/32'],
      permittedEmail: ['example.test'],
      permittedDirNames: [{ organization: 'Example', country: 'DE' }],
    },
    policies: ['2.23.140.1.2.2', '1.2.3.4.5'],
    aiaCaIssuersUrl: 'http://aia.example.test/root.der',
    ocspUrl: 'http://ocsp.example.test/',
    crlUrl: 'http://crl.example.test/root.crl',
  });
  const leaves: CertOptions[] = [
    {
      commonName: 'www.example.test',
      dnsNames: ['www.example.test', '*.sub.example.test'],
      keySpec: 'rsa2048',
    },
    { commonName: 'ip', ipAddresses: ['10.1.2.3', '2001:db8::1'], keySpec: 'p384', mustStaple: true },
    { commonName: 'mail', emails: ['a@example.test'], uris: ['https://example.test/x'], keySpec: 'ed25519' },
    { commonName: 'no eku', extKeyUsage: null, keyUsage: ['digitalSignature', 'keyEncipherment'] },
    {
      commonName: 'client',
      extKeyUsage: ['clientAuth', '1.3.6.1.5.5.7.3.4'],
      subjectExtra: { organization: 'Example', country: 'DE' },
    },
  ];
  const certs = [root, constrained];
  for (const options of leaves) certs.push(await issueCert({ ...options, issuer: constrained }));
  return certs.map((cert) => cert.der);
}

describe('the verifier’s view is what the display shows', () => {
  it('for every certificate the tests have', async () => {
    const sets = corpus();
    sets.set('lab certificates', await labCertificates());
    const differences: string[] = [];
    const counts: string[] = [];
    let total = 0;
    for (const [name, ders] of sets) {
      const unique = new Map(ders.map((der) => [Buffer.from(der).toString('base64'), der]));
      for (const der of unique.values()) {
        for (const difference of await displayVerdictDifferences(der))
          differences.push(`${name} #${total}: ${difference}`);
        total++;
      }
      counts.push(`${name}: ${unique.size}`);
    }
    expect(differences.slice(0, 20)).toEqual([]);
    // The corpus is what it says (guards against a silently empty set).
    expect(counts.map((line) => Number(line.split(': ')[1]) > 0)).not.toContain(false);
    expect(total).toBeGreaterThan(1500);
  }, 240_000);

  it('sees a disagreement when there is one (the check is not vacuous)', async () => {
    const leaf = await issueCert({
      commonName: 'seen',
      dnsNames: ['a.example.test', 'b.example.test'],
      policies: ['1.2.3'],
    });
    expect(await displayVerdictDifferences(leaf.der)).toEqual([]);
    const tampered = async (der: Uint8Array) => {
      const cert = await readVerifyCert(der);
      return {
        ...cert,
        san: { ...cert.san!, dns: ['a.example.test'] },
        policies: [],
        commonNames: ['other'],
      };
    };
    expect(await displayVerdictDifferences(leaf.der, tampered)).toEqual([
      expect.stringMatching(/^common names:/),
      expect.stringMatching(/^subjectAltName:/),
      expect.stringMatching(/^subjectAltName texts:/),
      expect.stringMatching(/^policies:/),
    ]);
    // Bytes both refuse are no disagreement; bytes only one reads are.
    expect(await displayVerdictDifferences(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toEqual([]);
    expect(
      await displayVerdictDifferences(leaf.der, () => Promise.reject(new CertificateStructureError('no'))),
    ).toEqual([expect.stringMatching(/one refuses the bytes/)]);
  });
});
