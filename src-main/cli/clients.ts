/** `--client NAME` and `--clients all|LIST`: who would trust it, per client (issue 14). */
import {
  clientIds,
  clientProfile,
  defaultClient,
  verifyForClients,
  verifyForClientsGiven,
  type ClientId,
  type ClientVerdicts,
} from '../../src-core/clients';
import { clientLines } from '../../src-core/report/clients';
import { reportClients } from '../../src-core/report/report';
import type { AiaFetcher, VerifyInput } from '../../src-core/verify';
import { loadProgramStores } from '../services/trust/root-programs';
import { UsageError, type CliIo, type ParsedArgs } from './io';

export const clientOptionsHelp = `  --client NAME         whose answer leads and sets the exit code (default chrome): ${clientIds.join(', ')}
  --clients all|LIST    also every client's answer (or these, comma-separated): a table, one line each`;

export const clientOptionNames = { values: ['client', 'clients'] };

export interface ClientChoice {
  chosen: ClientId;
  /** The clients shown besides the chosen one (none without --clients). */
  shown: ClientId[];
}

export function readClientOptions(args: ParsedArgs): ClientChoice {
  const given = args.flags.get('client');
  const chosen = typeof given === 'string' ? asClient(given, '--client') : defaultClient;
  const list = args.flags.get('clients');
  if (list === undefined) return { chosen, shown: [] };
  if (typeof list !== 'string') throw new UsageError('--clients needs all or a comma-separated list');
  const shown =
    list === 'all' ? [...clientIds] : list.split(',').map((name) => asClient(name.trim(), '--clients'));
  return { chosen, shown };
}

function asClient(name: string, flag: string): ClientId {
  try {
    return clientProfile(name).id;
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
}

/** The chosen client's verdict, and the others asked for, from one path search. */
export async function clientVerdictsFor(
  given: Omit<VerifyInput, 'fetchIssuers'> & { fetchIssuers?: AiaFetcher },
  choice: ClientChoice,
  tlsVersion?: string,
): Promise<ClientVerdicts> {
  const clients = [choice.chosen, ...choice.shown.filter((client) => client !== choice.chosen)];
  return verifyForClientsGiven(given, {
    clients,
    chosen: choice.chosen,
    programs: await loadProgramStores(),
    ...(tlsVersion ? { tlsVersion } : {}),
  });
}

/** `verify --batch`'s `client`: that client's verdict; a request's own anchors are local, never public. */
export async function verifyAsClient(input: VerifyInput, client: string) {
  const id = clientProfile(client).id;
  const { verdicts } = await verifyForClients(input, {
    clients: [id],
    chosen: id,
    programs: await loadProgramStores(),
  });
  return verdicts[0].result;
}

export function chosenVerdict(verdicts: ClientVerdicts) {
  return verdicts.verdicts.find((verdict) => verdict.client === verdicts.chosen) ?? verdicts.verdicts[0];
}

/** The chosen client's answer first; with --clients, one line per client and the notes. */
export function printClients(io: CliIo, verdicts: ClientVerdicts, table: boolean): void {
  const chosen = chosenVerdict(verdicts);
  io.stdout(
    `\n${chosen.label}: ${chosen.trusted ? 'TRUSTED' : `NOT TRUSTED — ${chosen.reason}`}${chosen.stores.length ? ` (stores: ${chosen.stores.join(', ')})` : ''}\n`,
  );
  for (const note of chosen.notes) io.stdout(`  note: ${note}\n`);
  if (!table) return;
  io.stdout('\nWho would trust it:\n');
  for (const line of clientLines(reportClients(verdicts))) io.stdout(`  ${line}\n`);
}
