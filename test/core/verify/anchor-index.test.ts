/**
 * The verifier's anchor index takes a root found in several stores (the bundled one and the OS's,
 * as on most machines) as one anchor in all of them, matching the copies by length and signature
 * tail and comparing their bytes only when the anchor is a candidate. A different certificate
 * that shares both is still an anchor of its own, and only its own store vouches for it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type TrustAnchorStore } from '../../../src-core/verify';
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
});
