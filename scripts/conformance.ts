/**
 * `npm run conformance`: x509-limbo and NIST PKITS against the verifier, a table per namespace,
 * then every failure with its reason from test/conformance/known-failures.json.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { markdownSummary, runConformance } from '../test/conformance/run';

const known = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../test/conformance/known-failures.json'), 'utf8'),
) as Record<string, string>;
const run = await runConformance();
console.log('# Conformance\n');
console.log(markdownSummary(run));
const failures = run.outcomes.filter((outcome) => !outcome.passed);
if (failures.length) {
  console.log('\n## Failures\n');
  for (const failure of failures) {
    console.log(
      `- \`${failure.id}\` (expected ${failure.expected}): ${known[failure.id] ?? `NEW — ${failure.detail || 'no findings'}`}`,
    );
  }
}
const fixed = Object.keys(known).filter((id) =>
  run.outcomes.some((outcome) => outcome.id === id && outcome.passed),
);
if (fixed.length) console.log(`\nNow passing, remove from known-failures.json: ${fixed.join(', ')}`);
