/** `certscope show <files…>`: every object in the files, as a readable summary or JSON. */
import { bytesToBase64 } from '../../../src-core/api/base64';
import { decodeInput } from '../../../src-core/decode';
import { exitCodes, parseArgs, UsageError, type CliIo } from '../io';
import { sha256Hex } from '../hash';

export const showHelp = `Usage: certscope show <files…> [--json]

Shows every certificate in the given files (PEM with any number of blocks, or DER).
  --json    one JSON array with an object per certificate
Exit codes: 0 all inputs read, 1 some inputs rejected (each reported on stderr), 2 usage.`;

export async function runShow(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: [], booleans: ['json', 'help'] });
  if (args.flags.has('help')) {
    io.stdout(showHelp + '\n');
    return exitCodes.ok;
  }
  if (args.positionals.length === 0) throw new UsageError('give at least one file');
  const items: Record<string, unknown>[] = [];
  let rejected = 0;
  for (const path of args.positionals) {
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(path);
    } catch (error) {
      rejected++;
      io.stderr(
        `certscope: ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}\n`,
      );
      continue;
    }
    const result = await decodeInput({ name: path, bytes });
    for (const problem of result.errors) {
      rejected++;
      io.stderr(`certscope: ${problem.message}\n`);
    }
    for (const certificate of result.items) {
      items.push({
        kind: 'certificate',
        file: path,
        sha256: sha256Hex(certificate.der),
        subject: certificate.subject,
        issuer: certificate.issuer,
        notBefore: certificate.notBefore.toISOString(),
        notAfter: certificate.notAfter.toISOString(),
        der: bytesToBase64(certificate.der),
      });
    }
  }
  if (args.flags.has('json')) {
    io.stdout(JSON.stringify(items, null, 2) + '\n');
  } else {
    for (const item of items) {
      io.stdout(
        `${item.file}\n  subject   ${item.subject}\n  issuer    ${item.issuer}\n  valid     ${item.notBefore} → ${item.notAfter}\n  sha256    ${item.sha256}\n\n`,
      );
    }
  }
  return rejected ? exitCodes.problems : exitCodes.ok;
}
