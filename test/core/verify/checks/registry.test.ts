/**
 * The registry: every finding code has a check that may raise it, names are stable and unique,
 * and a selection (what a client profile is made of) switches checks, severities, AIA and anchor
 * stores — with the default selection being exactly today's verdict.
 */
import { describe, expect, it } from 'vitest';
import {
  buildPaths,
  checkRegistry,
  findingDefinitions,
  judgePaths,
  verifyChain,
  verifyForSelections,
  type CheckSelection,
  type VerifyInput,
  type VerifyResult,
} from '../../../../src-core/verify';
import { connectionFindingCodes } from '../../../../src-core/inspect/verify-probe';
import { selectedChecks } from '../../../../src-core/verify/checks/registry';
import type { Check } from '../../../../src-core/verify/checks/types';
import { issueCert } from '../../../../src-main/services/lab';
import { host, labChain, type LabChain } from './support';

const input = (parts: LabChain, overrides: Partial<VerifyInput> = {}): VerifyInput => ({
  leaf: parts.leaf.der,
  intermediates: [parts.intermediate.der],
  presented: [parts.leaf.der, parts.intermediate.der],
  anchors: [{ name: 'public', certificates: [parts.root.der] }],
  host: { kind: 'dns', value: host },
  expiryDays: 0,
  ...overrides,
});
const codes = (result: VerifyResult) => result.findings.map((item) => item.code);
/** What a verdict says, without the certificates record (whose key order is no part of it). */
const gist = (result: VerifyResult) => ({
  trusted: result.trusted,
  findings: result.findings,
  path: result.paths[result.chosenPath].certificates,
  paths: result.paths.length,
});

describe('check registry', () => {
  it('has unique names, declares only known codes, and covers every code but the budget’s own and the connection’s (judged from the handshake, not the path)', () => {
    const names = checkRegistry.map((check) => check.name);
    expect(new Set(names).size).toBe(names.length);
    const declared = new Set(checkRegistry.flatMap((check) => [...check.codes]));
    for (const code of declared) expect(Object.keys(findingDefinitions)).toContain(code);
    const undeclared = Object.keys(findingDefinitions).filter(
      (code) => !declared.has(code as never) && !connectionFindingCodes.includes(code as never),
    );
    expect(undeclared).toEqual(['too-much-work']);
  });

  it('selects every check by default, a named subset in registry order, and refuses an unknown name', () => {
    // Optional checks (client profiles' rules) run only when a selection names them.
    expect(selectedChecks({}).map((check) => check.name)).toEqual(
      checkRegistry.filter((check) => !check.optional).map((check) => check.name),
    );
    expect(selectedChecks({ checks: ['validity', 'signature'] }).map((check) => check.name)).toEqual([
      'signature',
      'validity',
    ]);
    expect(() => selectedChecks({ checks: ['no-such-check' as never] })).toThrow(
      /no check named "no-such-check"/,
    );
  });
});

describe('selections', () => {
  it('the default selection is today’s verdict; a build judged twice gives the same verdict twice', async () => {
    const parts = await labChain({ leaf: { extKeyUsage: ['clientAuth'] } });
    const direct = await verifyChain(input(parts));
    const built = await buildPaths(input(parts));
    expect(gist(await judgePaths(built))).toEqual(gist(direct));
    expect(gist(await judgePaths(built))).toEqual(gist(direct));
    expect(codes(direct)).toEqual(['eku-mismatch']);
  });

  it('switches checks off, and overrides or silences severities', async () => {
    const parts = await labChain({ leaf: { extKeyUsage: ['clientAuth'], commonName: 'other-name.test' } });
    const built = await buildPaths(input(parts));
    const withoutEku = await judgePaths(built, {
      checks: checkRegistry
        .filter((check: Check) => !check.optional)
        .map((check) => check.name)
        .filter((name) => name !== 'extended-key-usage'),
    });
    expect(codes(withoutEku)).toEqual(['cn-not-in-san']);
    expect(withoutEku.trusted).toBe(true);
    const lenient = await judgePaths(built, {
      severities: { 'eku-mismatch': 'warning', 'cn-not-in-san': 'off' },
    });
    expect(lenient.findings).toEqual([
      expect.objectContaining({ code: 'eku-mismatch', severity: 'warning' }),
    ]);
    expect(lenient.trusted).toBe(true);
  });

  it('without AIA fetching, a path completed through AIA is judged as a client that does not fetch would', async () => {
    const parts = await labChain();
    const leaf = await issueCert({
      commonName: host,
      issuer: parts.intermediate,
      dnsNames: [host],
      aiaCaIssuersUrl: 'http://127.0.0.1:9/int.der',
    });
    const fetching = input(
      { ...parts, leaf },
      {
        intermediates: [],
        presented: [leaf.der],
        fetchIssuers: async () => [parts.intermediate.der],
      },
    );
    const built = await buildPaths(fetching);
    const withAia = await judgePaths(built);
    expect(withAia.trusted).toBe(true);
    expect(codes(withAia)).toEqual(['incomplete-chain']);
    const noAia = await judgePaths(built, { aiaFetching: false });
    const { fetchIssuers: _unused, ...plain } = fetching;
    expect(gist(noAia)).toEqual(gist(await verifyChain(plain)));
    expect(codes(noAia)).toEqual(['unknown-issuer']);
  });

  it('a selection trusting fewer stores judges as a build over those stores alone would', async () => {
    // A cross-signed intermediate: under the new root (public) and, cross-signed, under the old one (system).
    const oldRoot = await issueCert({ commonName: 'Old Root', isCa: true });
    const parts = await labChain();
    const cross = await issueCert({
      commonName: 'Checks Intermediate',
      isCa: true,
      issuer: oldRoot,
      key: parts.intermediate.key,
    });
    const all = input(parts, {
      intermediates: [parts.intermediate.der, cross.der],
      anchors: [
        { name: 'public', certificates: [parts.root.der] },
        { name: 'system', certificates: [oldRoot.der] },
      ],
    });
    const selections: CheckSelection[] = [{}, { anchorStores: ['system'] }, { anchorStores: ['nowhere'] }];
    const [everyStore, systemOnly, none] = await verifyForSelections(all, selections);
    const alone = (name: string) => ({ ...all, anchors: all.anchors.filter((store) => store.name === name) });
    expect(everyStore.paths[everyStore.chosenPath].anchorStores).toEqual(['public']);
    expect(systemOnly.trusted).toBe(true);
    expect(systemOnly.paths[systemOnly.chosenPath].anchorStores).toEqual(['system']);
    expect(gist(systemOnly).findings).toEqual(gist(await verifyChain(alone('system'))).findings);
    expect(gist(systemOnly).path).toEqual(gist(await verifyChain(alone('system'))).path);
    // No store: the roots were never sent, so the path stops below them.
    expect(none.trusted).toBe(false);
    expect(codes(none)).toEqual(['unknown-issuer']);
    expect(gist(none).findings).toEqual(gist(await verifyChain(alone('nowhere'))).findings);
  });

  it('a build continues past an anchor some stores lack, so a selection without that store still finds its own root', async () => {
    const parts = await labChain();
    // The intermediate itself is a user anchor; the public store only has the root above it.
    const stores = [
      { name: 'public', certificates: [parts.root.der] },
      { name: 'user', certificates: [parts.intermediate.der] },
    ];
    const [userToo, publicOnly] = await verifyForSelections(input(parts, { anchors: stores }), [
      {},
      { anchorStores: ['public'] },
    ]);
    expect(userToo.trusted).toBe(true);
    expect(publicOnly.trusted).toBe(true);
    expect(publicOnly.paths[publicOnly.chosenPath].certificates).toHaveLength(3);
    expect(publicOnly.paths[publicOnly.chosenPath].anchorStores).toEqual(['public']);
  });
});

describe('finding order', () => {
  it('within a severity, registry order; certificate checks grouped by certificate, leaf first', async () => {
    const parts = await labChain({
      intermediate: {
        signatureHash: 'SHA-1',
        notAfter: new Date(Date.now() - 60_000),
        notBefore: new Date(Date.now() - 86_400_000),
      },
      leaf: { keySpec: 'rsa1024', notBefore: new Date(Date.now() - 3_600_000) },
    });
    const result = await verifyChain(input(parts));
    const [leaf, intermediate] = result.paths[result.chosenPath].certificates;
    expect(result.findings.map((item) => [item.code, item.certificate])).toEqual([
      ['weak-key', leaf.sha256],
      ['expired', intermediate.sha256],
      ['weak-signature', intermediate.sha256],
    ]);
  });
});
