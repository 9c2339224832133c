/**
 * One work budget for a whole verdict (issue 15 item 2): hostile chains end in bounded work with a
 * `too-much-work` finding — never a hang — and chains within the limits are judged as before.
 * Fixtures are minted at test time. The elapsed-time bounds are generous: they only prove that
 * nothing hangs (the same chains took 18–42 s before the budget).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  verifyChain,
  WorkBudget,
  WorkExhausted,
  type VerifyInput,
  type VerifyResult,
} from '../../../src-core/verify';
import { createCrl, issueCert, type LabCert } from '../../../src-main/services/lab';
import { nameConstraintTangle, type NameConstraintTangle, type NameForm } from '../../support/hostile-chains';

function tangleInput(tangle: NameConstraintTangle, overrides: Partial<VerifyInput> = {}): VerifyInput {
  return {
    leaf: tangle.leaf.der,
    intermediates: tangle.intermediates.map((certificate) => certificate.der),
    presented: [tangle.leaf, ...tangle.intermediates].map((certificate) => certificate.der),
    anchors: [{ name: 'public', certificates: [tangle.root.der] }],
    host: { kind: 'dns', value: tangle.host },
    expiryDays: 0,
    ...overrides,
  };
}

async function timed(run: () => Promise<VerifyResult>): Promise<{ result: VerifyResult; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

const stopFinding = (result: VerifyResult) => result.findings.find((item) => item.code === 'too-much-work');

describe('WorkBudget', () => {
  it('counts each kind of work and stops past its limit with a stable message', () => {
    const budget = new WorkBudget({ signatures: 2 });
    budget.spend('signatures');
    budget.spend('signatures');
    expect(budget.spent.signatures).toBe(2);
    let thrown: unknown;
    try {
      budget.spend('signatures');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WorkExhausted);
    expect((thrown as WorkExhausted).message).toBe(
      'verification stopped: too much work (3 signature checks (limit 2))',
    );
  });

  it('caps name comparisons per path, and across paths per verdict', () => {
    const budget = new WorkBudget({ nameComparisonsPerPath: 100, nameComparisons: 150 });
    const first = budget.forPath();
    first.spend('nameComparisons', 100);
    expect(() => first.spend('nameComparisons', 1)).toThrow(/101 name-constraint comparisons on one path/);
    const second = budget.forPath();
    expect(() => second.spend('nameComparisons', 60)).toThrow(
      /160 name-constraint comparisons \(limit 150\)/,
    );
  });
});

describe('1,000 names × 1,000 name constraints × 13 CAs', () => {
  const tangles = new Map<NameForm, NameConstraintTangle>();
  beforeAll(async () => {
    for (const form of ['uri', 'dns', 'email'] as const) tangles.set(form, await nameConstraintTangle(form));
  }, 120_000);

  for (const form of ['uri', 'dns', 'email'] as const) {
    it(`${form} names: verifyChain ends with too-much-work in well under 2 s`, async () => {
      const tangle = tangles.get(form) as NameConstraintTangle;
      const { result, ms } = await timed(() => verifyChain(tangleInput(tangle)));
      expect(result.trusted).toBe(false);
      expect(stopFinding(result)?.detail).toMatch(
        /^[\d,]+ name-constraint comparisons on one path \(limit 1,048,576\)$/,
      );
      expect(stopFinding(result)?.severity).toBe('error');
      // The path being judged when the budget ran out is the one shown.
      expect(result.paths[result.chosenPath].certificates).toHaveLength(14);
      expect(ms).toBeLessThan(2000);
    });
  }

  it('the same chain with its CAs fetched through AIA stops the same way', async () => {
    const tangle = tangles.get('uri') as NameConstraintTangle;
    const leaf = await issueCert({
      commonName: tangle.host,
      issuer: tangle.intermediates[0],
      dnsNames: [tangle.host],
      uris: Array.from({ length: 1000 }, (_, index) => `https://n${index}.${tangle.host}/`),
      aiaCaIssuersUrl: 'http://127.0.0.1:9/cas.p7c',
    });
    const { result, ms } = await timed(() =>
      verifyChain(
        tangleInput(
          { ...tangle, leaf },
          {
            intermediates: [],
            presented: [leaf.der],
            // One fetch returns every CA, as the 668 KB PKCS#7 did.
            fetchIssuers: async () => tangle.intermediates.map((certificate) => certificate.der),
          },
        ),
      ),
    );
    expect(stopFinding(result)?.detail).toMatch(/name-constraint comparisons on one path/);
    expect(ms).toBeLessThan(2000);
  });

  it('a chain of the same shape within the limits is judged as usual: trusted', async () => {
    const small = await nameConstraintTangle('uri', { names: 60, constraints: 60, cas: 13 });
    const budget = new WorkBudget();
    const result = await verifyChain(tangleInput(small), { budget });
    expect(result.findings).toEqual([]);
    expect(result.trusted).toBe(true);
    // Every URI against every URI constraint of every CA above it.
    expect(budget.spent.nameComparisons).toBe(60 * 60 * 13);
  });
});

describe('path building spends from the same budget', () => {
  let root: LabCert;
  let loop: LabCert[];
  beforeAll(async () => {
    root = await issueCert({ commonName: 'Budget Root', isCa: true });
    // Twelve CAs of one name, each taken for the issuer of every other: the paths multiply.
    const first = await issueCert({ commonName: 'Junk Loop', isCa: true });
    loop = [first];
    for (let index = 1; index < 12; index++)
      loop.push(await issueCert({ commonName: 'Junk Loop', isCa: true, issuer: first }));
  });

  it('a tangle of look-alike CAs with no way out ends with too-much-work, fast', async () => {
    const leaf = await issueCert({ commonName: 'tangle.test', issuer: loop[0], dnsNames: ['tangle.test'] });
    const { result, ms } = await timed(() =>
      verifyChain({
        leaf: leaf.der,
        intermediates: loop.map((certificate) => certificate.der),
        anchors: [{ name: 'public', certificates: [root.der] }],
      }),
    );
    expect(result.trusted).toBe(false);
    expect(stopFinding(result)?.detail).toMatch(/^[\d,]+ path-building steps \(limit 100,000\)$/);
    expect(ms).toBeLessThan(2000);
  });

  it('a valid path found before the budget ran out still wins, with no finding about the rest', async () => {
    const intermediate = await issueCert({ commonName: 'Shared CA', isCa: true, issuer: root });
    const decoys = [];
    for (let index = 0; index < 3; index++)
      decoys.push(await issueCert({ commonName: 'Shared CA', isCa: true, issuer: loop[0] }));
    const leaf = await issueCert({ commonName: 'good.test', issuer: intermediate, dnsNames: ['good.test'] });
    const budget = new WorkBudget();
    const result = await verifyChain(
      {
        leaf: leaf.der,
        intermediates: [intermediate, ...decoys, ...loop].map((certificate) => certificate.der),
        anchors: [{ name: 'public', certificates: [root.der] }],
        host: { kind: 'dns', value: 'good.test' },
        expiryDays: 0,
      },
      { budget },
    );
    expect(budget.spent.pathSteps).toBeGreaterThan(100_000);
    expect(result.trusted).toBe(true);
    expect(result.findings).toEqual([]);
  });
});

describe('every check spends from the budget', () => {
  let parts: { root: LabCert; intermediate: LabCert; leaf: LabCert };
  const input = (overrides: Partial<VerifyInput> = {}): VerifyInput => ({
    leaf: parts.leaf.der,
    intermediates: [parts.intermediate.der],
    anchors: [{ name: 'public', certificates: [parts.root.der] }],
    host: { kind: 'dns', value: 'budget.test' },
    expiryDays: 0,
    ...overrides,
  });
  beforeAll(async () => {
    const root = await issueCert({ commonName: 'Spend Root', isCa: true, policies: ['1.2.3.4'] });
    const intermediate = await issueCert({
      commonName: 'Spend Intermediate',
      isCa: true,
      issuer: root,
      policies: ['1.2.3.4', '1.2.3.5'],
    });
    const leaf = await issueCert({
      commonName: 'budget.test',
      issuer: intermediate,
      dnsNames: ['budget.test'],
      policies: ['1.2.3.4'],
    });
    parts = { root, intermediate, leaf };
  });

  it('within the default limits the chain is trusted', async () => {
    expect((await verifyChain(input())).trusted).toBe(true);
  });

  it.each([
    ['signatures', { signatures: 1 }, /^2 signature checks \(limit 1\)$/],
    ['policyNodes', { policyNodes: 3 }, /policy-tree node visits \(limit 3\)$/],
    ['pathSteps', { pathSteps: 1 }, /^2 path-building steps \(limit 1\)$/],
  ] as const)('%s: exhausted, the verdict says so', async (_kind, limits, detail) => {
    const result = await verifyChain(input(), { budget: new WorkBudget(limits) });
    expect(result.trusted).toBe(false);
    expect(stopFinding(result)?.detail).toMatch(detail);
  });

  it('crlChecks: CRL work, nested CRL-issuer verdicts included, is bounded', async () => {
    const crls = [(await createCrl(parts.intermediate, [])).der, (await createCrl(parts.root, [])).der];
    expect((await verifyChain(input({ crls }))).trusted).toBe(true);
    const result = await verifyChain(input({ crls }), { budget: new WorkBudget({ crlChecks: 2 }) });
    expect(stopFinding(result)?.detail).toMatch(/CRL checks \(limit 2\)$/);
  });
});
