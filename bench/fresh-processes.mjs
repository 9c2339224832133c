/**
 * Times fresh Node processes from a plain `node` parent: started under tsx (as `npm run bench`
 * is), the parent's loader measurably slows some children (~10 ms for the CLI here, not the native
 * script), which is no part of either figure. Usage: node fresh-processes.mjs RUNS '[[argv…], …]';
 * runs the commands interleaved RUNS times and prints their wall times (ms) as JSON, one list per
 * command. Every run must exit 0, so a command that failed early never looks fast.
 */
import { spawnSync } from 'node:child_process';

const runs = Number(process.argv[2]);
const commands = JSON.parse(process.argv[3]);
// NODE_EXTRA_CA_CERTS makes every Node start read and parse that bundle before any script runs
// (about 100 ms on this machine, where it is set): a setting of the machine, not of either side.
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
const times = commands.map(() => []);
for (let run = 0; run < runs; run++) {
  commands.forEach((argv, index) => {
    const started = performance.now();
    const result = spawnSync(process.execPath, argv, { stdio: 'ignore', env });
    if (result.status !== 0) {
      console.error(`exit ${result.status}: ${argv.join(' ')}`);
      process.exit(1);
    }
    times[index].push(performance.now() - started);
  });
}
console.log(JSON.stringify(times));
