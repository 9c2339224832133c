/**
 * The `certscope` command line: the same core and services as the app, no Electron needed.
 * One file per command under commands/; this file only dispatches.
 */
import { exitCodes, processIo, UsageError, type CliIo } from './io';
import { inspectHelp, runInspect } from './commands/inspect';
import { runShow, showHelp } from './commands/show';
import { runVerify, verifyHelp } from './commands/verify';
import { batchHelp, runBatch } from './commands/batch';

const commands: Record<
  string,
  { run: (argv: string[], io: CliIo) => Promise<number>; help: string; summary: string }
> = {
  show: { run: runShow, help: showHelp, summary: 'show the certificates in files' },
  inspect: {
    run: runInspect,
    help: inspectHelp,
    summary: 'connect to a TLS server, show what it presents and whether it is trusted',
  },
  verify: {
    run: runVerify,
    help: verifyHelp,
    summary: 'build and check the chain of certificate files (or a JSONL batch)',
  },
  batch: { run: runBatch, help: batchHelp, summary: 'inspect a list of hosts, with bounded concurrency' },
};

export const mainHelp = `Usage: certscope <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`)
  .join('\n')}

Run \`certscope <command> --help\` for a command's options.`;

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp + '\n');
    return name ? exitCodes.ok : exitCodes.usage;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`certscope: unknown command "${name}"\n${mainHelp}\n`);
    return exitCodes.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`certscope ${name}: ${error.message}\n\n${command.help}\n`);
      return exitCodes.usage;
    }
    io.stderr(`certscope ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.usage;
  }
}
