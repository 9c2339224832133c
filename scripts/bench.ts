/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those named on the command line) one after
 * another and prints their markdown tables. Each bench measures its figures side by side with a
 * baseline in the same run, repeats, and reports medians and ratios.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const benchDir = resolve(import.meta.dirname, '../bench');
const wanted = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.includes(w)))
  .sort();

console.log(`# Certscope benchmarks\n\nNode ${process.version}, ${new Date().toISOString()}\n`);
let failures = 0;
for (const file of files) {
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(join(benchDir, file)).href)) as {
      default: () => Promise<string>;
    };
    const table = await module.default();
    console.log(
      `## ${file.replace('.bench.ts', '')}\n\n${table.trim()}\n\n_(${((performance.now() - started) / 1000).toFixed(1)} s)_\n`,
    );
  } catch (error) {
    failures++;
    console.log(`## ${file}\n\nFAILED: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
}
if (files.length === 0) console.log('No benchmarks found in bench/.');
process.exit(failures ? 1 : 0);
