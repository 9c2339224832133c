#!/usr/bin/env node
// `npm test`: everything CI runs, in order — type check, lint, formatting, unit and component tests,
// the real clients' verdicts (OpenSSL, Go, Java, Chromium), build, end-to-end tests (Chromium, web
// mode) and the Electron test — then one closing line `N passed, N failed[, N skipped]` counted
// over every runner. Type check and lint count as one check each. Every step runs even after a
// failure, so one red step doesn't hide another.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = 'test-results';
mkdirSync(resultsDir, { recursive: true });
const bin = (name) => join('node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
const only = process.argv.slice(2);

function step(name, command, args, countFrom) {
  if (only.length > 0 && !only.includes(name)) return;
  console.log(`\n━━ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  if (countFrom) {
    const counted = countVitest(countFrom);
    if (counted) {
      totals.passed += counted.passed;
      totals.failed += counted.failed;
      totals.skipped += counted.skipped;
      // A runner that failed without a failing test (a crash, a file that didn't load) still counts.
      if (!ok && counted.failed === 0) totals.failed += 1;
    } else {
      totals[ok ? 'passed' : 'failed'] += 1;
    }
  } else {
    totals[ok ? 'passed' : 'failed'] += 1;
  }
  if (!ok) failedSteps.push(name);
  console.log(`━━ ${name}: ${ok ? 'ok' : 'FAILED'} in ${seconds}s`);
}

function countVitest(file) {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

function vitest(name, projects) {
  const output = join(resultsDir, `${name}.json`);
  rmSync(output, { force: true });
  const args = [
    'run',
    ...projects.flatMap((project) => ['--project', project]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${output}`,
  ];
  step(name, bin('vitest'), args, output);
}

step('typecheck', bin('vue-tsc'), ['-b']);
step('lint', bin('eslint'), ['--max-warnings=0', '.']);
step('format', bin('prettier'), ['--check', '--log-level=warn', '.']);
vitest('unit', ['core', 'main', 'renderer']);
vitest('clients', ['clients']);
step('build', bin('electron-vite'), ['build']);
vitest('e2e', ['e2e', 'electron']);

console.log(failedSteps.length ? `\nFailed steps: ${failedSteps.join(', ')}` : '\nAll steps passed.');
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(failedSteps.length ? 1 : 0);
