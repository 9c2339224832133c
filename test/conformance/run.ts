/** Runs every conformance case (x509-limbo and NIST PKITS) and groups the outcomes. */
import { loadLimbo, runLimboCase, type CaseOutcome } from './limbo';
import { loadPkits, runPkitsTest } from './pkits';

export interface ConformanceRun {
  outcomes: CaseOutcome[];
  seconds: number;
}

export async function runConformance(): Promise<ConformanceRun> {
  const started = performance.now();
  const outcomes: CaseOutcome[] = [];
  for (const testcase of loadLimbo())
    outcomes.push({ ...(await runLimboCase(testcase)), namespace: `limbo/${testcase.id.split('::')[0]}` });
  for (const test of loadPkits())
    outcomes.push({ ...(await runPkitsTest(test)), namespace: `pkits/${test.suite}` });
  return { outcomes, seconds: (performance.now() - started) / 1000 };
}

export function markdownSummary(run: ConformanceRun): string {
  const groups = new Map<string, CaseOutcome[]>();
  for (const outcome of run.outcomes)
    groups.set(outcome.namespace, [...(groups.get(outcome.namespace) ?? []), outcome]);
  const rows = [...groups].map(([namespace, outcomes]) => {
    const passed = outcomes.filter((outcome) => outcome.passed).length;
    const accept = outcomes.filter((outcome) => outcome.expected === 'SUCCESS');
    const reject = outcomes.filter((outcome) => outcome.expected === 'FAILURE');
    return `| ${namespace} | ${passed} | ${outcomes.length - passed} | ${outcomes.length} | ${accept.filter((o) => o.passed).length}/${accept.length} | ${reject.filter((o) => o.passed).length}/${reject.length} |`;
  });
  const side = (prefix: string, expected: 'SUCCESS' | 'FAILURE') => {
    const cases = run.outcomes.filter(
      (outcome) => outcome.namespace.startsWith(prefix) && outcome.expected === expected,
    );
    return `${cases.filter((outcome) => outcome.passed).length}/${cases.length}`;
  };
  return [
    '| namespace | passed | failed | total | accepted as expected | rejected as expected |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `x509-limbo: accepted as expected ${side('limbo/', 'SUCCESS')}, rejected as expected ${side('limbo/', 'FAILURE')}.`,
    `NIST PKITS: ${run.outcomes.filter((o) => o.namespace.startsWith('pkits/') && o.passed).length}/${run.outcomes.filter((o) => o.namespace.startsWith('pkits/')).length} passed.`,
    `Time: ${run.seconds.toFixed(1)} s.`,
  ].join('\n');
}
