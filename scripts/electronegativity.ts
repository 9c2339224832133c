/**
 * Runs @doyensec/electronegativity on the built Electron code (out/main, out/preload) through its
 * programmatic API (its CLI trips over a commander version clash), and returns the findings.
 * `npx tsx scripts/electronegativity.ts` prints them; the security test asserts on them.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export interface ElectronegativityIssue {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  description: string;
}

const require = createRequire(import.meta.url);

export async function runElectronegativity(
  input = resolve(import.meta.dirname, '../out'),
): Promise<ElectronegativityIssue[]> {
  // The package ships untyped CommonJS.
  const run = require('@doyensec/electronegativity') as (
    options: Record<string, unknown>,
    forCli: boolean,
  ) => Promise<{
    issues: {
      id: string;
      severity: { name: string };
      confidence: { name: string };
      file: string;
      location: { line: number };
      description: string;
    }[];
  }>;
  const result = await run(
    {
      input,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: [],
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: true,
      isVerbose: false,
      parserPlugins: [],
      electronVersionOverride: '45.4.1',
    },
    false,
  );
  return result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file,
    line: issue.location.line,
    description: issue.description,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const issue of await runElectronegativity())
    console.log(`${issue.severity.padEnd(13)} ${issue.id}  ${issue.file}:${issue.line}`);
}
