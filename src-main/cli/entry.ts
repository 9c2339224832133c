/** Process entry for the CLI (built to out/main/cli.js, or run from sources with tsx). */
import { runCli } from './main';
import { describeWriteError } from '../services/storage/atomic';

// Output to a full disk (`> /dev/full`) or a closed pipe: one line, not a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`certscope: ${describeWriteError(error, 'the output').message}\n`);
  process.exit(2);
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`certscope: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
