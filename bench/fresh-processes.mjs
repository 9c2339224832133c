/**
 * Times fresh Node processes from a plain `node` parent: started under tsx (as `npm run bench`
 * is), the parent's loader measurably slows some children (~10 ms for the CLI here, not the native
 * script), which is no part of either figure. Usage: node fresh-processes.mjs RUNS '[[argv…], …]'
 * [cpu]; runs the commands interleaved RUNS times and prints their wall times (ms) as JSON, one
 * list per command — with `cpu`, `{ wall, cpu, mainCpu }`, cpu being each process's own CPU time
 * (ms, every thread) and mainCpu its main thread's (where Linux says it), reported by
 * cpu-report.mjs. Every run must exit 0, so a command that failed early
 * never looks fast.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const runs = Number(process.argv[2]);
const commands = JSON.parse(process.argv[3]);
const withCpu = process.argv[4] === 'cpu';
// NODE_EXTRA_CA_CERTS makes every Node start read and parse that bundle before any script runs
// (about 100 ms on this machine, where it is set): a setting of the machine, not of either side.
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
const dir = withCpu ? mkdtempSync(join(tmpdir(), 'certscope-cpu-')) : '';
const cpuFile = join(dir, 'cpu.txt');
const preload = ['--import', pathToFileURL(join(import.meta.dirname, 'cpu-report.mjs')).href];
const times = commands.map(() => []);
const cpus = commands.map(() => []);
const mainCpus = commands.map(() => []);
for (let run = 0; run < runs; run++) {
  commands.forEach((argv, index) => {
    if (withCpu) writeFileSync(cpuFile, '');
    const started = performance.now();
    const result = spawnSync(process.execPath, withCpu ? [...preload, ...argv] : argv, {
      stdio: 'ignore',
      env: withCpu ? { ...env, BENCH_CPU_FILE: cpuFile } : env,
    });
    if (result.status !== 0) {
      console.error(`exit ${result.status}: ${argv.join(' ')}`);
      process.exit(1);
    }
    times[index].push(performance.now() - started);
    if (withCpu) {
      const [all, main] = readFileSync(cpuFile, 'utf8').trim().split(' ').map(Number);
      cpus[index].push(all);
      if (main !== undefined) mainCpus[index].push(main);
    }
  });
}
if (withCpu) rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify(
    withCpu
      ? times.map((wall, index) => ({
          wall,
          cpu: cpus[index],
          ...(mainCpus[index].length ? { mainCpu: mainCpus[index] } : {}),
        }))
      : times,
  ),
);
