/**
 * `npm run clients -- [--all] [--clients openssl,go,…] [--sources limbo,lab,variant] [--docs]`:
 * every case of the corpus through every real client on this machine; the table of verdicts goes
 * to test-results/clients/ground-truth.md (and .json, with each client's raw output), and with
 * `--docs` to docs/clients-ground-truth.md, keeping its hand-written observations.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  buildCorpus,
  clientInfo,
  clientNames,
  runCorpus,
  type ClientName,
  type Verdict,
} from '../test/clients';
import { aiaRequests, closeAiaHost } from '../test/clients/aia';
import type { CaseSource } from '../test/clients/case';
import { groundTruth, keptObservations, renderMarkdown } from '../test/clients/table';

const root = resolve(import.meta.dirname, '..');

function option(name: string): string[] | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = process.argv[index + 1];
  if (!value || value.startsWith('--')) throw new Error(`--${name} needs a comma-separated list`);
  return value.split(',').map((item) => item.trim());
}

if (process.argv.includes('--help')) {
  console.log(
    'npm run clients -- [--all] [--clients openssl,openssl-verify,go,java,chromium] [--sources limbo,lab,variant] [--docs]',
  );
  process.exit(0);
}

const clients = (option('clients') ?? [...clientNames]) as ClientName[];
for (const client of clients)
  if (!clientNames.includes(client))
    throw new Error(`unknown client ${client} (one of ${clientNames.join(', ')})`);
const sources = (option('sources') ?? ['limbo', 'lab', 'variant']) as CaseSource[];

const started = Date.now();
const cases = await buildCorpus({ sources });
console.log(`${cases.length} cases (${sources.join(', ')}) minted in ${Date.now() - started} ms`);
const infos = clients.map((client) => clientInfo(client));
const verdicts: Verdict[] = [];
const aiaFetches: Partial<Record<ClientName, string[]>> = {};
for (const client of clients) {
  const clientStarted = Date.now();
  const fetchedBefore = (await aiaRequests()).length;
  const answers = await runCorpus(client, cases);
  aiaFetches[client] = [...new Set((await aiaRequests()).slice(fetchedBefore))];
  verdicts.push(...answers);
  const accepted = answers.filter((verdict) => verdict.accepted).length;
  console.log(
    `${client}: ${answers.length} cases, ${accepted} accepted, ${answers.length - accepted} refused, ${((Date.now() - clientStarted) / 1000).toFixed(1)} s`,
  );
}

const truth = groundTruth(infos, cases, verdicts, aiaFetches);
const outDir = join(root, 'test-results/clients');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'ground-truth.json'), JSON.stringify(truth, null, 2) + '\n');
const docsPath = join(root, 'docs/clients-ground-truth.md');
const previous = existsSync(docsPath) ? readFileSync(docsPath, 'utf8') : undefined;
const prettierOptions = { ...(await resolveConfig(docsPath)), parser: 'markdown' };
const markdown = await format(renderMarkdown(truth, keptObservations(previous)), prettierOptions);
writeFileSync(join(outDir, 'ground-truth.md'), markdown);
console.log(`wrote ${join('test-results/clients', 'ground-truth.md')} and ground-truth.json`);
if (process.argv.includes('--docs')) {
  writeFileSync(docsPath, markdown);
  console.log('wrote docs/clients-ground-truth.md');
}
await closeAiaHost();
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
