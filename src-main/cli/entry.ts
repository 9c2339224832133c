/** Process entry for the CLI (built to out/main/cli.js, or run from sources with tsx). */
import { runCli } from './main';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`certscope: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
