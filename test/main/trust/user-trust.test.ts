/** The user's anchors and distrust list: saved in the data folder, applied to every store. */
import { writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { useTempDataDir } from '../support/data-dir';
import { loadTrustStores, pemToDer } from '../../../src-main/services/trust/stores';
import {
  addUserAnchor,
  loadUserTrust,
  removeUserAnchor,
  setDistrusted,
  sha256Hex,
} from '../../../src-main/services/trust/user-trust';
import { issueCert } from '../../../src-main/services/lab';

describe('user trust', () => {
  const dataDir = useTempDataDir('trust');

  it('adds and removes anchors, and they survive a restart (read back from disk)', async () => {
    const root = await issueCert({ commonName: 'User Root', isCa: true });
    await addUserAnchor(root.der);
    await addUserAnchor(root.der); // twice is once
    const stores = await loadTrustStores();
    expect(stores.find((store) => store.name === 'user')?.certificates).toEqual([root.der]);
    expect((await loadUserTrust()).trust.anchors).toHaveLength(1);
    await removeUserAnchor(sha256Hex(root.der));
    expect((await loadTrustStores()).find((store) => store.name === 'user')?.certificates).toEqual([]);
  });

  it('distrusting a public root removes it from every store, and trusting it again brings it back', async () => {
    const publicRoot = pemToDer(rootCertificates[0]);
    const sha = sha256Hex(publicRoot);
    await setDistrusted(sha, true);
    const without = (await loadTrustStores()).find((store) => store.name === 'public')?.certificates ?? [];
    expect(without.some((der) => sha256Hex(der) === sha)).toBe(false);
    expect(without.length).toBe(rootCertificates.length - 1);
    await setDistrusted(sha, false);
    expect((await loadTrustStores()).find((store) => store.name === 'public')?.certificates).toHaveLength(
      rootCertificates.length,
    );
  });

  it('a corrupt trust file is reported and set aside, never silently emptied', async () => {
    const dir = dataDir();
    writeFileSync(
      join(dir, 'user-trust.json'),
      '{"schemaVersion":1,"data":{"anchors":["not base64!"],"distrusted":[]}}',
    );
    const loaded = await loadUserTrust();
    expect(loaded.problem?.reason).toMatch(
      /user-trust\.json could not be loaded: its content is invalid \(an anchor is not base64\)/,
    );
    expect(readdirSync(dir).some((name) => name.startsWith('user-trust.json.corrupt-'))).toBe(true);
  });

  it('concurrent additions are all kept', async () => {
    const roots = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => issueCert({ commonName: `Concurrent Root ${n}`, isCa: true })),
    );
    await Promise.all(roots.map((root) => addUserAnchor(root.der)));
    expect((await loadUserTrust()).trust.anchors).toHaveLength(5);
  });
});
