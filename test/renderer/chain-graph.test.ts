/**
 * The chain picture's model (format/chain.ts): candidate paths become one tree grown from the
 * leaf — shared certificates once, alternatives as branches, laid out side by side — with each
 * certificate's role (a self-signed top is a root, "root — not trusted" when no store has it) and
 * a node for the issuer a dead end is missing. Certificates are real DER (for their names); the
 * paths are made up, as the picture doesn't verify anything itself.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CandidatePath, VerifyResult } from '../../src-core/verify';
import { chainGraph, roleOf } from '../../src-renderer/src/format/chain';
import { selfSignedCa } from './support/certificates';

const der: Record<string, Uint8Array> = {};

function path(shas: string[], anchored: boolean, findings: CandidatePath['findings'] = []): CandidatePath {
  return {
    certificates: shas.map((sha256, index) => ({
      sha256,
      source: anchored && index === shas.length - 1 ? 'store' : 'sent',
      ...(anchored && index === shas.length - 1 ? { stores: ['public'] } : {}),
    })),
    anchored,
    anchorStores: anchored ? ['public'] : [],
    trusted: anchored,
    findings,
  };
}

function result(paths: CandidatePath[]): VerifyResult {
  return {
    trusted: paths[0].trusted,
    paths,
    chosenPath: 0,
    findings: paths[0].findings,
    fixedChain: [],
    certificates: der,
    validationTime: new Date(),
  };
}

describe('the chain picture', () => {
  beforeAll(async () => {
    der.leaf = await selfSignedCa('leaf.example', [], 'Cross Intermediate');
    der.viaNew = await selfSignedCa('Cross Intermediate', [], 'New Root');
    der.viaOld = await selfSignedCa('Cross Intermediate', [], 'Old Root');
    der.newRoot = await selfSignedCa('New Root');
    der.oldRoot = await selfSignedCa('Old Root');
    der.orphan = await selfSignedCa('orphan.example', [], 'Nowhere CA');
  });

  it('draws two cross-signed paths as two branches from one leaf, the chosen one marked', () => {
    const verdict = result([
      path(['leaf', 'viaNew', 'newRoot'], true),
      path(['leaf', 'viaOld', 'oldRoot'], true, [
        { code: 'expired', severity: 'error', certificate: 'oldRoot' },
      ]),
    ]);
    const graph = chainGraph(verdict);
    expect(graph.width).toBe(2);
    expect(graph.depth).toBe(2);
    expect(graph.nodes).toHaveLength(5);
    const byName = Object.fromEntries(graph.nodes.map((node) => [node.id, node]));
    expect(byName.leaf.x).toBe(0.5);
    expect(byName['leaf>viaNew>newRoot'].x).toBe(0.25);
    expect(byName['leaf>viaOld>oldRoot'].x).toBe(0.75);
    expect(graph.nodes.filter((node) => node.chosen).map((node) => node.id)).toEqual([
      'leaf',
      'leaf>viaNew',
      'leaf>viaNew>newRoot',
    ]);
    expect(byName['leaf>viaOld>oldRoot'].status).toBe('bad');
    expect(byName['leaf>viaOld>oldRoot'].role?.label).toBe('root');
    expect(byName.leaf.paths).toEqual([0, 1]);
    expect(graph.edges.filter((edge) => edge.chosen)).toHaveLength(2);
    // Drawn highlighting the other path when it is the one picked.
    expect(
      chainGraph(verdict, 1)
        .nodes.filter((node) => node.chosen)
        .map((node) => node.id),
    ).toContain('leaf>viaOld>oldRoot');
  });

  it('a self-signed top no store has is "root — not trusted"; a dead end below a root gets its missing issuer', () => {
    const untrusted = path(['leaf', 'viaNew', 'newRoot'], false);
    expect(roleOf(result([untrusted]), untrusted, 2)).toEqual({ role: 'root', label: 'root — not trusted' });
    expect(chainGraph(result([untrusted])).nodes.some((node) => !node.sha256)).toBe(false);

    const deadEnd = path(['orphan'], false);
    const graph = chainGraph(result([deadEnd]));
    expect(graph.nodes.map((node) => node.missingIssuer ?? node.role?.label)).toEqual(['leaf', 'Nowhere CA']);
    expect(graph.edges).toEqual([{ from: 'orphan', to: 'orphan>?', chosen: true, missing: true }]);
  });

  it('keeps at most eight paths in the picture and says how many more there are', () => {
    const many = Array.from({ length: 10 }, () => path(['leaf', 'viaNew', 'newRoot'], true));
    const graph = chainGraph(result(many));
    expect(graph.omitted).toBe(2);
    expect(graph.nodes).toHaveLength(3);
  });
});
