/**
 * Loaded with `node --import` into a benchmarked process: at exit it appends the process's CPU
 * time (user + system, every thread, in ms) to the file named by BENCH_CPU_FILE, so a figure can
 * be given in CPU time as well as wall time on a machine whose other load moves the wall clock.
 */
import { appendFileSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  appendFileSync(process.env.BENCH_CPU_FILE, `${(user + system) / 1000}\n`);
});
