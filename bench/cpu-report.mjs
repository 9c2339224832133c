/**
 * Loaded with `node --import` into a benchmarked process: at exit it appends the process's CPU
 * time (user + system, every thread, in ms) to the file named by BENCH_CPU_FILE, so a figure can
 * be given in CPU time as well as wall time on a machine whose other load moves the wall clock.
 * Where Linux says it (/proc/self/task/PID/schedstat), the main thread's own CPU time follows on
 * the same line: the JavaScript, its GC pauses and the crypto calls, without the optimizing
 * compiler's and the GC helpers' threads.
 */
import { appendFileSync, readFileSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  let main = '';
  try {
    const [runNs] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    main = ` ${Number(runNs) / 1e6}`;
  } catch {
    // Not Linux (or no schedstat): the main thread's share is left out.
  }
  appendFileSync(process.env.BENCH_CPU_FILE, `${(user + system) / 1000}${main}\n`);
});
