/**
 * The `certscope` command line: the same core and services as the app, no Electron needed.
 * One file per command under commands/; this file only dispatches.
 */
import { useSignatureEngine } from '../../src-core/crypto/signature-engine';
import { nodeSignatureEngine } from '../services/crypto/node-signatures';
import { exitCodes, processIo, UsageError, type CliIo } from './io';

interface Command {
  run: (argv: string[], io: CliIo) => Promise<number>;
  help: string;
}

/** Each command is loaded only when it runs, so `verify` doesn't pay for the probe or the reports. */
const commands: Record<string, { load: () => Promise<Command>; summary: string }> = {
  show: {
    load: async () => {
      const { runShow, showHelp } = await import('./commands/show');
      return { run: runShow, help: showHelp };
    },
    summary: 'show the certificates in files',
  },
  inspect: {
    load: async () => {
      const { runInspect, inspectHelp } = await import('./commands/inspect');
      return { run: runInspect, help: inspectHelp };
    },
    summary: 'connect to a TLS server, show what it presents and whether it is trusted',
  },
  verify: {
    load: async () => {
      const { runVerify, verifyHelp } = await import('./commands/verify');
      return { run: runVerify, help: verifyHelp };
    },
    summary: 'build and check the chain of certificate files (or a JSONL batch)',
  },
  batch: {
    load: async () => {
      const { runBatch, batchHelp } = await import('./commands/batch');
      return { run: runBatch, help: batchHelp };
    },
    summary: 'inspect a list of hosts, with bounded concurrency',
  },
  stores: {
    load: async () => {
      const { runStores, storesHelp } = await import('./commands/stores');
      return { run: runStores, help: storesHelp };
    },
    summary: "the root programs (Chrome, Mozilla, Apple, Microsoft, Android, Java) and a root's memberships",
  },
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
  const entry = commands[name];
  if (!entry) {
    io.stderr(`certscope: unknown command "${name}"\n${mainHelp}\n`);
    return exitCodes.usage;
  }
  // Signatures through Node's own crypto: half the CPU of WebCrypto here, and no thread-pool hop.
  useSignatureEngine(nodeSignatureEngine);
  const command = await entry.load();
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
