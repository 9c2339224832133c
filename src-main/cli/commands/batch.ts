/** `certscope batch <hosts-file>`: inspect many hosts with bounded concurrency; a table, JSON or CSV. */
import { readCertificate } from '../../../src-core/x509/certificate';
import { probeVerifyInput, verifyProbeResult } from '../../../src-core/inspect/verify-probe';
import type { ClientId } from '../../../src-core/clients';
import {
  chosenVerdict,
  clientOptionNames,
  clientOptionsHelp,
  clientVerdictsFor,
  readClientOptions,
} from '../clients';
import { probe, ProbeError } from '../../services/probe';
import { exitCodes, parseArgs, UsageError, type CliIo } from '../io';
import { readTrustOptions, trustOptionNames, trustOptionsHelp } from '../verdict';

export const batchHelp = `Usage: certscope batch <hosts-file> [--concurrency N] [--json | --csv] [trust options]

Inspects every target in the file (one per line, like \`certscope inspect\` takes; # starts a comment)
with at most N connections at once (default 8), showing progress on a terminal.
${trustOptionsHelp}
${clientOptionsHelp}
  --timeout S           overall deadline per host (default 20)
Columns: host, the chosen client's verdict (default chrome), one column per client with --clients,
earliest expiry in the chain, issuer of the leaf, findings (of every Certscope rule).
Exit codes: 0 the chosen client trusts every host, 1 otherwise, 2 usage or input errors.`;

interface BatchRow {
  target: string;
  trusted: boolean;
  /** With --clients: each client's answer. */
  clients?: Partial<Record<ClientId, boolean>>;
  earliestExpiry?: string;
  issuer?: string;
  findings: string[];
  error?: string;
}

export async function runBatch(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    values: ['concurrency', 'timeout', ...trustOptionNames.values, ...clientOptionNames.values],
    booleans: ['json', 'csv', 'help', ...trustOptionNames.booleans],
    repeatable: trustOptionNames.repeatable,
    optionalValues: trustOptionNames.optionalValues,
  });
  if (args.flags.has('help')) {
    io.stdout(batchHelp + '\n');
    return exitCodes.ok;
  }
  if (args.positionals.length !== 1) throw new UsageError('give one file of hosts');
  const choice = readClientOptions(args);
  const concurrency = Number(args.flags.get('concurrency') ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError('--concurrency is a whole number from 1 to 64');
  const timeout = args.flags.get('timeout');
  const deadlineMs = typeof timeout === 'string' ? Math.round(Number(timeout) * 1000) : undefined;
  if (deadlineMs !== undefined && !(deadlineMs > 0))
    throw new UsageError(`--timeout ${timeout} is not a number of seconds`);
  let text: string;
  try {
    text = new TextDecoder().decode(await io.readFile(args.positionals[0]));
  } catch {
    throw new UsageError(`cannot read ${args.positionals[0]}`);
  }
  const targets = text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
  if (targets.length === 0) throw new UsageError(`${args.positionals[0]} lists no hosts`);
  const trust = await readTrustOptions(args, io);

  const rows: BatchRow[] = new Array(targets.length);
  let next = 0;
  let done = 0;
  const progress = () => {
    if (io.isTty)
      io.stderr(
        `\r[${'#'.repeat(Math.round((done / targets.length) * 30)).padEnd(30)}] ${done}/${targets.length}`,
      );
  };
  async function worker() {
    while (next < targets.length) {
      const index = next++;
      rows[index] = await inspectOne(targets[index]);
      done++;
      progress();
    }
  }
  async function inspectOne(target: string): Promise<BatchRow> {
    try {
      const result = await probe({
        target,
        ...(deadlineMs ? { deadlineMs } : {}),
        ...(trust.proxy ? { proxy: trust.proxy } : {}),
      });
      const probeTrust = trust.forProbe(result);
      const verdict = await verifyProbeResult(result, probeTrust);
      const input = probeVerifyInput(result, probeTrust);
      const clients = input ? await clientVerdictsFor(input, choice, result.handshake.version) : undefined;
      const path = verdict?.paths[verdict.chosenPath];
      const expiries = (path?.certificates ?? [])
        .map((certificate) => verdict?.certificates[certificate.sha256])
        .flatMap((der) => {
          try {
            return der ? [readCertificate(der).notAfter] : [];
          } catch {
            return [];
          }
        });
      const earliest = expiries.sort((a, b) => a.getTime() - b.getTime())[0];
      let issuer: string | undefined;
      try {
        issuer = result.presented[0] ? readCertificate(result.presented[0]).issuerDisplayName : undefined;
      } catch {
        issuer = undefined;
      }
      return {
        target,
        trusted: Boolean(clients && chosenVerdict(clients).trusted),
        ...(clients && choice.shown.length
          ? {
              clients: Object.fromEntries(
                clients.verdicts.map((client) => [client.client, client.trusted]),
              ) as Partial<Record<ClientId, boolean>>,
            }
          : {}),
        ...(earliest ? { earliestExpiry: earliest.toISOString() } : {}),
        ...(issuer ? { issuer } : {}),
        findings: verdict?.findings.map((item) => item.code) ?? [],
      };
    } catch (error) {
      return {
        target,
        trusted: false,
        findings: [],
        error: error instanceof ProbeError ? `${error.message} [${error.code}]` : String(error),
      };
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  if (io.isTty) io.stderr('\n');

  if (args.flags.has('json')) io.stdout(JSON.stringify(rows, null, 2) + '\n');
  else if (args.flags.has('csv')) {
    const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    io.stdout(
      `host,verdict,${choice.shown.map((client) => `${client},`).join('')}earliest_expiry,issuer,findings,error\n`,
    );
    for (const row of rows) {
      io.stdout(
        [
          row.target,
          row.error ? 'error' : row.trusted ? 'trusted' : 'not trusted',
          ...choice.shown.map((client) =>
            row.clients?.[client] === undefined ? '' : row.clients[client] ? 'trusted' : 'not trusted',
          ),
          row.earliestExpiry ?? '',
          row.issuer ?? '',
          row.findings.join(' '),
          row.error ?? '',
        ]
          .map(quote)
          .join(',') + '\n',
      );
    }
  } else {
    for (const row of rows) {
      const verdict = row.error
        ? `ERROR ${row.error}`
        : `${row.trusted ? 'TRUSTED' : 'NOT TRUSTED'}${choice.shown.map((client) => `  ${client}:${row.clients?.[client] ? '✓' : '✗'}`).join('')}  expires ${row.earliestExpiry?.slice(0, 10) ?? '?'}  ${row.issuer ?? ''}  ${row.findings.join(' ')}`;
      io.stdout(`${row.target.padEnd(32)} ${verdict}\n`);
    }
  }
  return rows.every((row) => row.trusted && !row.error) ? exitCodes.ok : exitCodes.problems;
}
