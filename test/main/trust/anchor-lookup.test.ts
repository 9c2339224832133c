/**
 * The anchors indexed where they are kept: a lookup by subject key answers from the stores as they
 * are now — a root found once with every store holding it, the user's new anchor at once, a
 * distrusted root no more — and names every store with its size.
 */
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { useTempDataDir } from '../support/data-dir';
import { findTrustAnchors } from '../../../src-main/services/trust/anchor-lookup';
import { loadTrustStores, pemToDer } from '../../../src-main/services/trust/stores';
import { addUserAnchor, setDistrusted, sha256Hex } from '../../../src-main/services/trust/user-trust';
import { fastSubjectKey } from '../../../src-core/verify/fast-name';
import { issueCert } from '../../../src-main/services/lab';

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
});
