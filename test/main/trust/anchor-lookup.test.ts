/**
 * The anchors indexed where they are kept: a lookup by subject key answers from the stores as they
 * are now — a root found once with every store holding it, the user's new anchor at once, a
 * distrusted root no more — and names every store with its size.
 */
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { useTempDataDir } from '../support/data-dir';
import { anchorsReachableFrom, findTrustAnchors } from '../../../src-main/services/trust/anchor-lookup';
import { loadTrustStores, pemToDer } from '../../../src-main/services/trust/stores';
import { addUserAnchor, setDistrusted, sha256Hex } from '../../../src-main/services/trust/user-trust';
import { fastSubjectKey } from '../../../src-core/verify/fast-name';
import { buildScenario, issueCert } from '../../../src-main/services/lab';

describe('trust anchor lookup', () => {
  useTempDataDir('anchor-lookup');

  it('finds a public root by its subject, once, with the stores that hold it', async () => {
    const root = pemToDer(rootCertificates[0]);
    const key = fastSubjectKey(root)!;
    const found = await findTrustAnchors([key, 'no such name']);
    const stores = await loadTrustStores();
    expect(found.stores).toEqual(
      stores.map((store) => ({ name: store.name, anchors: store.certificates.length })),
    );
    const matches = found.anchors.filter((anchor) => sha256Hex(anchor.der) === sha256Hex(root));
    expect(matches).toHaveLength(1);
    expect(matches[0].stores[0]).toBe('public');
    expect(found.anchors.every((anchor) => fastSubjectKey(anchor.der) === key)).toBe(true);
    expect((await findTrustAnchors([])).anchors).toEqual([]);
  });

  it("answers with the user's new anchor at once, and leaves a distrusted root out", async () => {
    const root = await issueCert({ commonName: 'Lookup User Root', isCa: true });
    const key = fastSubjectKey(root.der)!;
    expect((await findTrustAnchors([key])).anchors).toEqual([]);
    await addUserAnchor(root.der);
    const found = await findTrustAnchors([key]);
    expect(found.anchors).toEqual([{ der: root.der, stores: ['user'] }]);
    expect(found.stores.find((store) => store.name === 'user')?.anchors).toBe(1);

    const publicRoot = pemToDer(rootCertificates[1]);
    await setDistrusted(sha256Hex(publicRoot), true);
    const after = await findTrustAnchors([fastSubjectKey(publicRoot)!]);
    expect(after.anchors.some((anchor) => sha256Hex(anchor.der) === sha256Hex(publicRoot))).toBe(false);
  });

  it("looks up a capture's anchors with it: its names, and the user's root they reach", async () => {
    const scenario = await buildScenario('good');
    await addUserAnchor(scenario.root.der);
    const presented = [scenario.leaf.der, scenario.intermediates[0].der];
    const reachable = await anchorsReachableFrom(presented);
    expect(new Set(reachable?.keys)).toEqual(
      new Set([
        fastSubjectKey(scenario.leaf.der),
        fastSubjectKey(scenario.intermediates[0].der),
        fastSubjectKey(scenario.root.der),
      ]),
    );
    expect(reachable?.matches.anchors).toEqual([{ der: scenario.root.der, stores: ['user'] }]);
    // Nothing to look up, or too long a chain to read on the way: the verifier asks instead.
    expect(await anchorsReachableFrom([])).toBeUndefined();
    expect(await anchorsReachableFrom(Array.from({ length: 33 }, () => scenario.leaf.der))).toBeUndefined();
    // What isn't a certificate has no names; the rest are still looked up.
    const withJunk = await anchorsReachableFrom([
      new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]),
      ...presented,
    ]);
    expect(withJunk?.matches.anchors).toHaveLength(1);
  });
});
