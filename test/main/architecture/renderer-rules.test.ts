/**
 * The renderer's shape, enforced: components reach the API through stores (ESLint refuses an
 * `api/client` import in a component, as `npm run lint` runs it), and the stores import one
 * another without cycles.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

describe('renderer architecture', () => {
  it('ESLint fails a component that imports the API client, and passes a store that does', async () => {
    const eslint = new ESLint({ cwd: root });
    const component = `<script setup lang="ts">\nimport { useApi } from '../api/client';\nvoid useApi;\n</script>\n<template><p>x</p></template>\n`;
    const [componentResult] = await eslint.lintText(component, {
      filePath: join(root, 'src-renderer/src/components/Example.vue'),
    });
    expect(componentResult.messages.map((message) => message.message)).toContain(
      "'../api/client' import is restricted from being used by a pattern. Components call stores, not the API client.",
    );
    const store = `import { useApi } from '../api/client';\nexport const example = () => useApi();\n`;
    const [storeResult] = await eslint.lintText(store, {
      filePath: join(root, 'src-renderer/src/stores/example.ts'),
    });
    expect(storeResult.messages).toEqual([]);
  });

  it('no store imports itself through others', () => {
    const dir = join(root, 'src-renderer/src/stores');
    const imports = new Map<string, string[]>();
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      const local = [...source.matchAll(/from '\.\/([\w-]+)'/g)].map((match) => `${match[1]}.ts`);
      imports.set(file, local);
    }
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (trail.includes(file))
        return void cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
      for (const next of imports.get(file) ?? []) visit(next, [...trail, file]);
    };
    for (const file of imports.keys()) visit(file, []);
    expect(cycles).toEqual([]);
    expect(imports.get('verification.ts')).not.toContain('inspection.ts');
  });
});
