/**
 * The import graph of the source trees, read as text (static, dynamic and type-only imports and
 * re-exports, relative specifiers only), and its cycles: the cycle check in `npm test`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const sourceExtensions = ['.ts', '.vue', '.mjs', '.js'];
const specifierPattern =
  /(?:^|[\s;{}(])(?:import|export)\s*(?:type\s+)?(?:[\w*{}\s,$]*?\s*from\s*)?\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function listFiles(directory: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(directory)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(directory, name);
    if (statSync(path).isDirectory()) files.push(...listFiles(path));
    else if (sourceExtensions.some((extension) => name.endsWith(extension)) && !name.endsWith('.d.ts'))
      files.push(path);
  }
  return files;
}

/** The file a relative specifier names, or undefined (a missing file is the type checker's business). */
export function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`, `${base}.vue`, `${base}.mjs`])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return undefined;
}

/** Specifiers imported by one source text (comments are not parsed away: keep imports out of them). */
export function importSpecifiers(text: string): string[] {
  return [...text.matchAll(specifierPattern)].map((match) => match[1]);
}

/** Map: file (relative to `root`) → the files it imports (relative to `root`). */
export function importGraph(root: string, directories: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const directory of directories) {
    for (const file of listFiles(join(root, directory))) {
      const targets = new Set<string>();
      for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
        const target = resolveSpecifier(file, specifier);
        if (target) targets.add(relative(root, target));
      }
      graph.set(relative(root, file), [...targets]);
    }
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
