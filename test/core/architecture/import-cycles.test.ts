/**
 * No import cycles in the product trees (static, dynamic and type-only imports all count): a
 * cycle means two modules can't be understood, tested or layered one without the other.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from '../../support/import-graph';

const root = resolve(import.meta.dirname, '../../..');

describe('import graph', () => {
  const graph = importGraph(root, ['src-core', 'src-main', 'src-renderer']);

  it('reads the trees (the check is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('src-core/verify/path-builder.ts')).toContain('src-core/verify/cert.ts');
  });

  it('finds a cycle when there is one', () => {
    const cycles = findCycles(
      new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', ['a']],
        ['d', ['a']],
      ]),
    );
    expect(cycles).toEqual([['a', 'b', 'c']]);
  });

  it('has no import cycle in src-core, src-main or src-renderer', () => {
    const cycles = findCycles(graph);
    expect(cycles.map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
