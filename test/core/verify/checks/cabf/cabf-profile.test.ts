/**
 * What the `cabf` client profile will be — every `cabf-*` check plus the RFC 5280 checks — run as
 * one verdict: the golden chain is trusted with no finding at all, and every violation is reported
 * with its code; a MUST makes the chain untrusted, a SHOULD is a warning. The default selection
 * runs none of the cabf checks.
 */
import { describe, expect, it } from 'vitest';
import { verifyChain, type VerifyInput } from '../../../../../src-core/verify';
import { buildPaths } from '../../../../../src-core/verify/path-builder';
import { judgePaths } from '../../../../../src-core/verify/judge';
import { findingDefinitions } from '../../../../../src-core/verify/findings';
import type { LabChain } from '../support';
import { goldenChain, goldenHost } from './support';
import { violations } from './violations';
import { loadLimbo, pemToDer } from '../../../../conformance/limbo';
import { clientProfiles, selectionFor } from '../../../../../src-core/clients';

// The cabf client's own selection: today's checks and every cabf-* one (no other client's optional rules).
const cabfProfile = selectionFor(
  clientProfiles.cabf,
  { leaf: new Uint8Array(0), intermediates: [], anchors: [{ name: 'public', certificates: [] }] },
  undefined,
).selection;

function input(chain: LabChain, leaf = chain.leaf.der): VerifyInput {
  return {
    leaf,
    intermediates: [chain.intermediate.der],
    presented: [leaf, chain.intermediate.der],
    anchors: [{ name: 'public', certificates: [chain.root.der] }],
    expiryDays: 0,
  };
}

describe('every cabf check at once (the cabf profile’s selection)', () => {
  it('trusts the golden chain without a single finding; the default selection runs no cabf check', async () => {
    const chain = await goldenChain();
    const built = await buildPaths({ ...input(chain), host: { kind: 'dns', value: goldenHost } });
    const verdict = await judgePaths(built, cabfProfile);
    expect(verdict.findings).toEqual([]);
    expect(verdict.trusted).toBe(true);
    const violation = await violations.find((item) => item.code === 'cabf-root-eku')!.chain();
    const defaults = await verifyChain(input(violation));
    expect(defaults.findings.filter((item) => item.code.startsWith('cabf-'))).toEqual([]);
  });

  it('judges a root examined alone (a dropped root: the path is the anchor itself) as a root, not a subscriber', async () => {
    const chain = await goldenChain();
    const root = chain.root.der;
    const built = await buildPaths({
      leaf: root,
      intermediates: [],
      anchors: [{ name: 'public', certificates: [root] }],
      expiryDays: 0,
    });
    const verdict = await judgePaths(built, cabfProfile);
    expect(verdict.findings).toEqual([]);
    expect(verdict.trusted).toBe(true);
  });

  it.each(violations.map((violation) => [violation.rule, violation] as const))('%s', async (_, violation) => {
    const chain = await violation.chain();
    const verdict = await judgePaths(await buildPaths(input(chain, violation.leafDer?.(chain))), cabfProfile);
    const reported = verdict.findings.filter((item) => item.code === violation.code);
    expect(reported.length, JSON.stringify(verdict.findings)).toBeGreaterThan(0);
    // A MUST fails the chain; a SHOULD is a warning and leaves the verdict to the other findings.
    const severity = violation.severity ?? findingDefinitions[violation.code].severity;
    expect(reported.map((item) => item.severity)).toContain(severity);
    if (severity === 'error') expect(verdict.trusted).toBe(false);
  });
});

describe('real public chains (x509-limbo’s online:: cases, captured from the web)', () => {
  it('are trusted by the cabf selection: old CA certificates’ findings are information, leaves get only SHOULD warnings', async () => {
    const online = loadLimbo().filter((testcase) => testcase.id.startsWith('online::'));
    expect(online.length).toBeGreaterThan(10);
    for (const testcase of online) {
      const built = await buildPaths({
        leaf: pemToDer(testcase.peer_certificate),
        intermediates: testcase.untrusted_intermediates.map(pemToDer),
        anchors: [{ name: 'public', certificates: testcase.trusted_certs.map(pemToDer) }],
        ...(testcase.validation_time ? { at: new Date(testcase.validation_time) } : {}),
        expiryDays: 0,
      });
      const verdict = await judgePaths(built, cabfProfile);
      expect(
        verdict.findings.filter((item) => item.severity === 'error'),
        testcase.id,
      ).toEqual([]);
      expect(verdict.trusted, testcase.id).toBe(true);
    }
  });
});
