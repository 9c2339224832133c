/**
 * The verifier's anchor index takes a root found in several stores (the bundled one and the OS's,
 * as on most machines) as one anchor in all of them, matching the copies by length and signature
 * tail and comparing their bytes only when the anchor is a candidate. A different certificate
 * that shares both is still an anchor of its own, and only its own store vouches for it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type TrustAnchorStore } from '../../../src-core/verify';
import { AnchorIndex } from '../../../src-core/verify/anchor-index';
import { readVerifyCert } from '../../../src-core/verify/cert';
import { buildScenario, type Scenario } from '../../../src-main/services/lab';

let scenario: Scenario;
beforeAll(async () => {
  scenario = await buildScenario('good', { keySpec: 'p256' });
});

const verify = (anchors: TrustAnchorStore[]) =>
  verifyChain({
    leaf: scenario.presented[0].der,
    intermediates: [scenario.presented[1].der],
    anchors,
    host: { kind: 'dns', value: scenario.host },
  });

describe('anchor index', () => {
  it('credits every store that holds a copy of the root', async () => {
    const result = await verify([
      { name: 'public', certificates: [scenario.root.der.slice()] },
      { name: 'system', certificates: [scenario.root.der.slice()] },
    ]);
    expect(result.trusted).toBe(true);
    expect(result.paths[result.chosenPath].anchorStores).toEqual(['public', 'system']);
  });

  it('keeps a different certificate with the same length and signature tail apart', async () => {
    // Same length, same signature bytes, one byte of the serial number changed.
    const lookalike = scenario.root.der.slice();
    const serialByte = lookalike.indexOf(0x02, 4) + 3;
    lookalike[serialByte] ^= 0x01;
    const result = await verify([
      { name: 'public', certificates: [scenario.root.der] },
      { name: 'planted', certificates: [lookalike] },
    ]);
    expect(result.trusted).toBe(true);
    const anchored = result.paths.filter((path) => path.anchored);
    expect(anchored.map((path) => path.anchorStores)).toContainEqual(['public']);
    for (const path of anchored) expect(path.anchorStores).not.toEqual(['public', 'planted']);
    expect(result.paths[result.chosenPath].anchorStores).toEqual(['public']);
  });

  it('answers a lookup it has answered before without reading, and an unknown name at once', async () => {
    const root = await readVerifyCert(scenario.root.der);
    const index = AnchorIndex.for([{ name: 'public', certificates: [scenario.root.der] }]);
    expect(index.withSubjectNow(root.subjectKey)).toBeUndefined();
    const first = await index.withSubject(root.subjectKey);
    expect(first.map((entry) => entry.cert.sha256)).toEqual([root.sha256]);
    expect(index.withSubjectNow(root.subjectKey)).toBe(first);
    expect(index.withSubjectNow('2.5.4.3=nobody')).toEqual([]);
  });

  it('reads what it could not index before it says a name has no anchor', async () => {
    const root = await readVerifyCert(scenario.root.der);
    // Bytes shaped like no certificate: indexed by nothing, so a miss must look at them first.
    const index = AnchorIndex.for([
      { name: 'public', certificates: [scenario.root.der, new Uint8Array([1, 2, 3])] },
    ]);
    expect(index.withSubjectNow('2.5.4.3=nobody')).toBeUndefined();
    expect(await index.withSubject('2.5.4.3=nobody')).toEqual([]);
    expect(index.withSubjectNow('2.5.4.3=nobody')).toEqual([]);
    expect((await index.withSubject(root.subjectKey)).map((entry) => entry.cert.sha256)).toEqual([
      root.sha256,
    ]);
    expect(index.withSubjectNow(root.subjectKey)?.map((entry) => entry.cert.sha256)).toEqual([root.sha256]);
  });
});
