/**
 * Every finding code, produced by a lab-made chain (and absent from a good one). Certificates are
 * minted at test time; nothing here is a fixture.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildScenario,
  createCrl,
  issueCert,
  type LabCert,
  type Scenario,
} from '../../../src-main/services/lab';
import {
  checkRegistry,
  findingDefinitions,
  verifyChain,
  type FindingCode,
  type VerifyInput,
  type VerifyResult,
} from '../../../src-core/verify';
import { hugeKeyChain } from '../../support/huge-keys';
import { connectionFindingCodes } from '../../../src-core/inspect/verify-probe';

const day = 86_400_000;

function input(scenario: Scenario, overrides: Partial<VerifyInput> = {}): VerifyInput {
  return {
    leaf: scenario.leaf.der,
    intermediates: scenario.presented.slice(1).map((certificate) => certificate.der),
    presented: scenario.presented.map((certificate) => certificate.der),
    anchors: [{ name: 'public', certificates: scenario.anchors.map((certificate) => certificate.der) }],
    host: { kind: 'dns', value: scenario.host },
    expiryDays: 0,
    ...overrides,
  };
}

const codes = (result: VerifyResult) => result.findings.map((item) => item.code);

async function chainWith(
  leafOptions: Parameters<typeof issueCert>[0] extends infer O ? Partial<O> : never,
  intermediateOptions: object = {},
) {
  const root = await issueCert({ commonName: 'Findings Root', isCa: true });
  const intermediate = await issueCert({
    commonName: 'Findings Intermediate',
    isCa: true,
    issuer: root,
    ...intermediateOptions,
  });
  const leaf = await issueCert({
    commonName: 'findings.test',
    issuer: intermediate,
    dnsNames: ['findings.test'],
    ...leafOptions,
  });
  return { root, intermediate, leaf };
}

function plainInput(
  parts: { root: LabCert; intermediate: LabCert; leaf: LabCert },
  overrides: Partial<VerifyInput> = {},
): VerifyInput {
  return {
    leaf: parts.leaf.der,
    intermediates: [parts.intermediate.der],
    presented: [parts.leaf.der, parts.intermediate.der],
    anchors: [{ name: 'public', certificates: [parts.root.der] }],
    host: { kind: 'dns', value: 'findings.test' },
    expiryDays: 0,
    ...overrides,
  };
}

describe('finding codes from lab chains', () => {
  let good: VerifyResult;
  beforeAll(async () => {
    good = await verifyChain(input(await buildScenario('good'), { expiryDays: 30 }));
  });

  it('a good chain is trusted with no findings at all', () => {
    expect(good.trusted).toBe(true);
    expect(good.findings).toEqual([]);
    expect(good.paths[good.chosenPath].certificates.map((certificate) => certificate.source)).toEqual([
      'sent',
      'sent',
      'store',
    ]);
  });

  const cases: [FindingCode, () => Promise<VerifyInput>][] = [
    ['untrusted-root', async () => input(await buildScenario('untrusted-root'))],
    ['unknown-issuer', async () => input(await buildScenario('missing-intermediate'))],
    [
      'incomplete-chain',
      async () => {
        const parts = await chainWith({});
        const leaf = await issueCert({
          commonName: 'findings.test',
          issuer: parts.intermediate,
          dnsNames: ['findings.test'],
          aiaCaIssuersUrl: 'http://127.0.0.1:9/int.der',
        });
        return plainInput(
          { ...parts, leaf },
          { intermediates: [], presented: [leaf.der], fetchIssuers: async () => [parts.intermediate.der] },
        );
      },
    ],
    ['wrong-order', async () => input(await buildScenario('wrong-order'))],
    ['extra-certificate', async () => input(await buildScenario('extra-certificate'))],
    ['duplicate-certificate', async () => input(await buildScenario('duplicate-certificate'))],
    [
      'anchor-sent',
      async () => {
        const scenario = await buildScenario('good');
        return input(scenario, {
          presented: [...scenario.presented, scenario.root].map((certificate) => certificate.der),
        });
      },
    ],
    [
      'local-anchor-only',
      async () => {
        const scenario = await buildScenario('good');
        return input(scenario, {
          anchors: [
            { name: 'public', certificates: [] },
            { name: 'user', certificates: [scenario.root.der] },
          ],
        });
      },
    ],
    ['expired', async () => input(await buildScenario('expired'))],
    ['not-yet-valid', async () => input(await buildScenario('not-yet-valid'))],
    [
      'expires-soon',
      async () =>
        plainInput(await chainWith({ notAfter: new Date(Date.now() + 10 * day) }), { expiryDays: 30 }),
    ],
    [
      'bad-signature',
      async () => {
        const parts = await chainWith({});
        const tampered = parts.leaf.der.slice();
        tampered[tampered.length - 5] ^= 0x01; // inside the signature value
        return plainInput(parts, { leaf: tampered, presented: [tampered, parts.intermediate.der] });
      },
    ],
    ['hostname-mismatch', async () => input(await buildScenario('wrong-host'))],
    ['self-signed-leaf', async () => input(await buildScenario('self-signed-leaf'))],
    ['not-a-ca', async () => input(await buildScenario('ca-without-basic-constraints'))],
    [
      'path-length-exceeded',
      async () => {
        const root = await issueCert({ commonName: 'PL Root', isCa: true });
        const upper = await issueCert({ commonName: 'PL Upper', isCa: true, pathLen: 0, issuer: root });
        const lower = await issueCert({ commonName: 'PL Lower', isCa: true, issuer: upper });
        const leaf = await issueCert({
          commonName: 'findings.test',
          issuer: lower,
          dnsNames: ['findings.test'],
        });
        return plainInput(
          { root, intermediate: lower, leaf },
          { intermediates: [lower.der, upper.der], presented: [leaf.der, lower.der, upper.der] },
        );
      },
    ],
    [
      'issuer-key-usage',
      async () => plainInput(await chainWith({}, { keyUsage: ['digitalSignature', 'cRLSign'] })),
    ],
    ['leaf-key-usage', async () => plainInput(await chainWith({ keyUsage: ['cRLSign'] }))],
    ['eku-mismatch', async () => plainInput(await chainWith({ extKeyUsage: ['clientAuth'] }))],
    ['name-constraint-violation', async () => input(await buildScenario('name-constraints'))],
    [
      'unknown-critical-extension',
      async () =>
        plainInput(
          await chainWith({
            extraExtensions: [
              { oid: '1.3.6.1.4.1.55555.1', critical: true, valueDer: new Uint8Array([0x05, 0x00]) },
            ],
          }),
        ),
    ],
    ['weak-key', async () => input(await buildScenario('rsa1024-key'))],
    [
      'key-too-large',
      async () => {
        const { root, ca, leaf } = await hugeKeyChain('dsa', 4096, { qBits: 256 });
        return {
          leaf: leaf.der,
          intermediates: [ca.der],
          anchors: [{ name: 'public', certificates: [root.der] }],
          host: { kind: 'dns', value: 'huge-key.test' },
          expiryDays: 0,
        };
      },
    ],
    ['weak-signature', async () => input(await buildScenario('sha1-signature'))],
    [
      'revoked',
      async () => {
        const parts = await chainWith({});
        const crl = await createCrl(parts.intermediate, [{ serial: parts.leaf.serial }]);
        const rootCrl = await createCrl(parts.root, []);
        return plainInput(parts, { crls: [crl.der, rootCrl.der] });
      },
    ],
    [
      'revocation-unknown',
      async () => {
        const parts = await chainWith({});
        return plainInput(parts, { crls: [(await createCrl(parts.root, [])).der] });
      },
    ],
    [
      'long-validity',
      async () => plainInput(await chainWith({ notAfter: new Date(Date.now() + 500 * day) })),
    ],
    ['missing-san', async () => plainInput(await chainWith({ dnsNames: [] }))],
    ['cn-not-in-san', async () => plainInput(await chainWith({ commonName: 'another-name.test' }))],
    [
      'non-strict-der',
      async () => {
        const parts = await chainWith({ serial: 0n });
        return plainInput(parts);
      },
    ],
    [
      'must-staple-missing',
      async () => plainInput(await chainWith({ mustStaple: true }), { stapledOcsp: null }),
    ],
    [
      'ocsp-stapled-invalid',
      async () =>
        plainInput(await chainWith({}), { stapledOcsp: new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x00]) }),
    ],
    ['depth-exceeded', async () => input(await buildScenario('long-chain', { depth: 3 }), { maxDepth: 1 })],
    [
      'too-much-work',
      async () => {
        // 1,024 names against 600 excluded names at each of two CAs: each pair is allowed, the path is not.
        const excludedDns = Array.from({ length: 600 }, (_, index) => `.x${index}.invalid`);
        const root = await issueCert({
          commonName: 'Work Root',
          isCa: true,
          nameConstraints: { excludedDns },
        });
        const intermediate = await issueCert({
          commonName: 'Work Intermediate',
          isCa: true,
          issuer: root,
          nameConstraints: { excludedDns },
        });
        const leaf = await issueCert({
          commonName: 'findings.test',
          issuer: intermediate,
          dnsNames: [
            'findings.test',
            ...Array.from({ length: 1023 }, (_, index) => `n${index}.findings.test`),
          ],
        });
        return plainInput({ root, intermediate, leaf });
      },
    ],
    ['profile-violation', async () => plainInput(await chainWith({ authorityKeyId: false }))],
    [
      'policy-violation',
      async () => {
        const root = await issueCert({ commonName: 'Policy Root', isCa: true });
        const intermediate = await issueCert({
          commonName: 'Policy Intermediate',
          isCa: true,
          issuer: root,
          policies: ['1.2.3.4'],
          // requireExplicitPolicy = 0, critical (RFC 5280 §4.2.1.11)
          extraExtensions: [
            { oid: '2.5.29.36', critical: true, valueDer: new Uint8Array([0x30, 0x03, 0x80, 0x01, 0x00]) },
          ],
        });
        const leaf = await issueCert({
          commonName: 'findings.test',
          issuer: intermediate,
          dnsNames: ['findings.test'],
          policies: ['1.2.3.5'],
        });
        return plainInput({ root, intermediate, leaf });
      },
    ],
  ];

  it("covers every finding code in the registry (connection findings: test/core/inspect; client profiles' own: test/core/clients)", () => {
    const defaultCodes = new Set(
      checkRegistry.filter((check) => !check.optional).flatMap((check) => check.codes),
    );
    const optionalOnly = checkRegistry
      .filter((check) => check.optional)
      .flatMap((check) => check.codes)
      .filter((code) => !defaultCodes.has(code));
    expect(cases.map(([code]) => code).sort()).toEqual(
      Object.keys(findingDefinitions)
        .filter((code) => !connectionFindingCodes.includes(code as FindingCode))
        .filter((code) => !optionalOnly.includes(code as FindingCode))
        .sort(),
    );
  });

  for (const [code, make] of cases) {
    it(`${code}`, async () => {
      const result = await verifyChain(await make());
      expect(codes(result), JSON.stringify(result.findings)).toContain(code);
      expect(codes(good)).not.toContain(code);
      if (findingDefinitions[code].severity === 'error') expect(result.trusted).toBe(false);
    });
  }

  it('agrees with openssl verify on the lab scenarios (trusted or not)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-openssl-'));
    for (const name of [
      'good',
      'expired',
      'untrusted-root',
      'missing-intermediate',
      'name-constraints',
      'ca-without-basic-constraints',
    ] as const) {
      const scenario = await buildScenario(name);
      writeFileSync(
        join(dir, 'anchors.pem'),
        scenario.anchors.map((certificate) => certificate.pem).join('') || '\n',
      );
      writeFileSync(
        join(dir, 'untrusted.pem'),
        scenario.presented
          .slice(1)
          .map((certificate) => certificate.pem)
          .join('') || '\n',
      );
      writeFileSync(join(dir, 'leaf.pem'), scenario.leaf.pem);
      let opensslTrusted = true;
      try {
        const args = ['verify', '-CAfile', join(dir, 'anchors.pem'), '-x509_strict'];
        if (scenario.presented.length > 1) args.push('-untrusted', join(dir, 'untrusted.pem'));
        execFileSync('openssl', [...args, join(dir, 'leaf.pem')], { stdio: 'pipe' });
      } catch {
        opensslTrusted = false;
      }
      const ours = await verifyChain(input(scenario, { host: undefined }));
      expect(ours.trusted, name).toBe(opensslTrusted);
    }
  });
});

describe('path building', () => {
  it('finds both paths of a cross-signed intermediate and prefers the valid, shorter, public one', async () => {
    const scenario = await buildScenario('cross-signed');
    const { oldRoot, newRoot } = scenario.others;
    const result = await verifyChain(
      input(scenario, {
        anchors: [
          { name: 'public', certificates: [newRoot.der] },
          { name: 'system', certificates: [oldRoot.der] },
        ],
      }),
    );
    expect(result.trusted).toBe(true);
    expect(result.paths.filter((path) => path.trusted)).toHaveLength(2);
    const chosenAnchor = result.paths[result.chosenPath].certificates.at(-1);
    expect(chosenAnchor?.stores).toEqual(['public']);
    expect(result.fixedChain).toHaveLength(2);
  });

  it('completes a chain through AIA and offers the fixed chain', async () => {
    const parts = await chainWith({});
    const leaf = await issueCert({
      commonName: 'findings.test',
      issuer: parts.intermediate,
      dnsNames: ['findings.test'],
      aiaCaIssuersUrl: 'http://127.0.0.1:9/int.der',
    });
    const asked: string[] = [];
    const result = await verifyChain(
      plainInput(
        { ...parts, leaf },
        {
          intermediates: [],
          presented: [leaf.der],
          fetchIssuers: async (url) => {
            asked.push(url);
            return [parts.intermediate.der];
          },
        },
      ),
    );
    expect(asked).toEqual(['http://127.0.0.1:9/int.der']);
    expect(result.trusted).toBe(true);
    expect(result.paths[0].certificates.map((certificate) => certificate.source)).toEqual([
      'sent',
      'aia',
      'store',
    ]);
    expect(result.fixedChain).toEqual([leaf.der, parts.intermediate.der]);
  });

  it('gives the window in which the whole path is valid', async () => {
    const notAfter = new Date(Date.now() + 40 * day);
    const result = await verifyChain(plainInput(await chainWith({ notAfter })));
    expect(result.validityWindow?.notAfter.getTime()).toBe(Math.floor(notAfter.getTime() / 1000) * 1000);
  });
});
