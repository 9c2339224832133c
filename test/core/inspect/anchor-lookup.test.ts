/**
 * Verification against only the anchors a chain can reach (looked up by subject where the stores
 * are kept) gives exactly the verdict the whole stores give: chains sent whole, chains completed
 * over AIA (whose fetched issuers find their root only in a second pass), cross-signs with roots
 * in two stores, untrusted roots, and dropped files. The lookup asks each name once.
 */
import type { AiaFetcher } from '../../../src-core/verify/aia-fetches';
import { rootCertificates } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AnchorLookup,
  nameKeysOf,
  verifyWithAnchorLookup,
  type TrustAnchorMatches,
} from '../../../src-core/inspect/anchor-lookup';
import { verifyFiles } from '../../../src-core/inspect/verify-files';
import { verifyChain, type TrustAnchorStore } from '../../../src-core/verify';
import { buildScenario, issueCert, type LabCert } from '../../../src-main/services/lab';
import { findAnchors } from '../../../src-main/services/trust/anchor-lookup';
import { pemToDer } from '../../../src-main/services/trust/stores';

/** verifyChain takes issuers (the lookup passes on whatever the fetcher answered). */
const issuersOnly =
  (fetch: AiaFetcher) =>
  async (url: string): Promise<Uint8Array[]> => {
    const answer = await fetch(url);
    return Array.isArray(answer) ? answer : answer.certificates;
  };

const at = new Date();
const publicRoots = rootCertificates.map(pemToDer);

function stores(user: LabCert[], system: LabCert[] = []): TrustAnchorStore[] {
  return [
    { name: 'public', certificates: publicRoots },
    // The system store holds the public roots too (as on Debian), plus whatever the test adds.
    { name: 'system', certificates: [...publicRoots.map((der) => der.slice()), ...system.map((c) => c.der)] },
    { name: 'user', certificates: user.map((cert) => cert.der) },
  ];
}

/** A lookup against `full` that records what it was asked. */
function lookupOver(full: TrustAnchorStore[]) {
  const asked: string[][] = [];
  const lookup = new AnchorLookup(async (keys): Promise<TrustAnchorMatches> => {
    asked.push(keys);
    return findAnchors(full, keys);
  });
  return { lookup, asked };
}

describe('verification with looked-up anchors', () => {
  let intermediateUrl: string;
  let rootUrl: string;
  let root: LabCert;
  let intermediate: LabCert;
  let leaf: LabCert;

  beforeAll(async () => {
    rootUrl = 'http://aia.test/root.cer';
    intermediateUrl = 'http://aia.test/intermediate.cer';
    root = await issueCert({ commonName: 'Lookup Root', isCa: true });
    intermediate = await issueCert({
      commonName: 'Lookup Intermediate',
      isCa: true,
      issuer: root,
      aiaCaIssuersUrl: rootUrl,
    });
    leaf = await issueCert({
      commonName: 'lookup.test',
      dnsNames: ['lookup.test'],
      issuer: intermediate,
      aiaCaIssuersUrl: intermediateUrl,
    });
  });

  it('gives the whole stores’ verdict for a chain sent whole', async () => {
    const scenario = await buildScenario('good');
    const full = stores([scenario.root]);
    const input = {
      leaf: scenario.leaf.der,
      intermediates: [scenario.intermediates[0].der],
      host: { kind: 'dns' as const, value: scenario.host },
      at,
    };
    const expected = await verifyChain({ ...input, anchors: full });
    const { lookup, asked } = lookupOver(full);
    const found = await verifyWithAnchorLookup(
      lookup,
      [scenario.leaf.der, scenario.intermediates[0].der],
      undefined,
      (anchors) => verifyChain({ ...input, anchors }),
    );
    expect(found).toEqual(expected);
    expect(found.trusted).toBe(true);
    expect(asked).toHaveLength(1);
    const used = lookup.trustStores();
    expect(used.map((store) => store.name)).toEqual(['public', 'system', 'user']);
    expect(used.flatMap((store) => store.certificates)).toHaveLength(1);
    expect(await lookup.stores()).toEqual([
      { name: 'public', anchors: publicRoots.length },
      { name: 'system', anchors: publicRoots.length },
      { name: 'user', anchors: 1 },
    ]);
  });

  it('completes a chain over AIA, finding the fetched issuer’s root in a second pass, fetching each URL once', async () => {
    const full = stores([root]);
    const fetched: string[] = [];
    const fetchIssuers = async (url: string) => {
      fetched.push(url);
      if (url === intermediateUrl) return [intermediate.der];
      if (url === rootUrl) return [root.der];
      throw new Error('no such URL');
    };
    const input = {
      leaf: leaf.der,
      intermediates: [],
      host: { kind: 'dns' as const, value: 'lookup.test' },
      at,
    };
    const expected = await verifyChain({ ...input, anchors: full, fetchIssuers });
    const expectedFetches = [...fetched];
    fetched.length = 0;

    const { lookup } = lookupOver(full);
    const found = await verifyWithAnchorLookup(lookup, [leaf.der], fetchIssuers, (anchors, fetch) =>
      verifyChain({ ...input, anchors, ...(fetch ? { fetchIssuers: issuersOnly(fetch) } : {}) }),
    );
    expect(found).toEqual(expected);
    expect(found.trusted).toBe(true);
    expect(found.paths[found.chosenPath].certificates.map((c) => c.source)).toEqual(['sent', 'aia', 'store']);
    // The root's own URL is not fetched: with the whole stores it isn't either.
    expect(expectedFetches).toEqual([intermediateUrl]);
    expect(fetched).toEqual([intermediateUrl]);
  });

  it('gives the same verdict for a cross-signed intermediate with its roots in two stores', async () => {
    const scenario = await buildScenario('cross-signed');
    const full = stores([scenario.others.oldRoot], [scenario.others.newRoot]);
    const sent = scenario.presented.map((cert) => cert.der);
    const input = {
      leaf: sent[0],
      intermediates: sent.slice(1),
      presented: sent,
      host: { kind: 'dns' as const, value: scenario.host },
      at,
    };
    const expected = await verifyChain({ ...input, anchors: full });
    const { lookup } = lookupOver(full);
    const found = await verifyWithAnchorLookup(lookup, sent, undefined, (anchors) =>
      verifyChain({ ...input, anchors }),
    );
    expect(found).toEqual(expected);
    expect(found.paths.filter((path) => path.anchored)).toHaveLength(2);
  });

  it('gives the same verdict for a root in no store, and for dropped files', async () => {
    const scenario = await buildScenario('untrusted-root');
    const full = stores([]);
    const files = [scenario.root.der, ...scenario.presented.map((cert) => cert.der)];
    const expected = await verifyFiles({ certificates: files, host: scenario.host, anchors: full, at });
    const { lookup } = lookupOver(full);
    const found = await verifyWithAnchorLookup(lookup, files, undefined, (anchors) =>
      verifyFiles({ certificates: files, host: scenario.host, anchors, at }),
    );
    expect(found).toEqual(expected);
    expect(found.trusted).toBe(false);
  });

  it('asks for each name once across verifications, and again after a failed lookup', async () => {
    const scenario = await buildScenario('good');
    const full = stores([scenario.root]);
    let failNext = true;
    const asked: string[][] = [];
    const lookup = new AnchorLookup(async (keys) => {
      asked.push(keys);
      if (failNext) {
        failNext = false;
        throw new Error('lost connection');
      }
      return findAnchors(full, keys);
    });
    const run = () =>
      verifyWithAnchorLookup(
        lookup,
        [scenario.leaf.der, scenario.intermediates[0].der],
        undefined,
        (anchors) =>
          verifyChain({
            leaf: scenario.leaf.der,
            intermediates: [scenario.intermediates[0].der],
            anchors,
            at,
          }),
      );
    await expect(run()).rejects.toThrow('lost connection');
    expect((await run()).trusted).toBe(true);
    expect((await run()).trusted).toBe(true);
    expect(asked).toHaveLength(2);
    expect(asked[1]).toEqual(asked[0]);
  });

  it('with the whole stores taken ahead, answers from them: the same verdict, nothing asked', async () => {
    const full = stores([root]);
    const fetchIssuers = async (url: string) => (url === intermediateUrl ? [intermediate.der] : [root.der]);
    const input = {
      leaf: leaf.der,
      intermediates: [],
      host: { kind: 'dns' as const, value: 'lookup.test' },
      at,
    };
    const expected = await verifyChain({ ...input, anchors: full, fetchIssuers });
    const { lookup, asked } = lookupOver(full);
    await lookup.useWhole(full);
    const found = await verifyWithAnchorLookup(lookup, [leaf.der], fetchIssuers, (anchors, fetch) =>
      verifyChain({ ...input, anchors, ...(fetch ? { fetchIssuers: issuersOnly(fetch) } : {}) }),
    );
    expect(found).toEqual(expected);
    expect(asked).toEqual([]);
    expect(await lookup.stores()).toEqual(
      full.map((store) => ({ name: store.name, anchors: store.certificates.length })),
    );
  });

  it('seeded with the anchors a capture reaches, verifies with no round trip and gives the same verdict', async () => {
    const scenario = await buildScenario('good');
    const full = stores([scenario.root]);
    const chain = [scenario.leaf.der, scenario.intermediates[0].der];
    const verify = (anchors: TrustAnchorStore[]) =>
      verifyChain({ leaf: chain[0], intermediates: [chain[1]], anchors, at });
    const expected = await verify(full);
    const keys = await nameKeysOf(chain);
    const { lookup, asked } = lookupOver(full);
    lookup.seed({ keys, matches: await findAnchors(full, keys) });
    const found = await verifyWithAnchorLookup(lookup, chain, undefined, verify);
    expect(found.trusted).toBe(true);
    expect(found.chosenPath).toBe(expected.chosenPath);
    expect(found.paths[found.chosenPath].certificates.map((cert) => cert.sha256)).toEqual(
      expected.paths[expected.chosenPath].certificates.map((cert) => cert.sha256),
    );
    expect(asked).toEqual([]);
    // A name the seed didn't cover is still asked for.
    await lookup.add(['not seeded']);
    expect(asked).toEqual([['not seeded']]);
  });
});
