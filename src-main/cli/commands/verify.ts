/** `certscope verify <files…>` and `certscope verify --batch requests.jsonl`. */
import { setFlagsFromString } from 'node:v8';
import { filesVerifyInput, readVerifyFile, verifyFiles } from '../../../src-core/inspect/verify-files';
import {
  chosenVerdict,
  clientOptionNames,
  clientOptionsHelp,
  clientVerdictsFor,
  printClients,
  readClientOptions,
} from '../clients';
import { exitCodes, parseArgs, UsageError, type CliIo } from '../io';
import type { FetchRevocation, RevocationEvidence } from '../../../src-core/verify';
import { printVerdict, readTrustOptions, trustOptionNames, trustOptionsHelp } from '../verdict';
import { loadTrustStores } from '../../services/trust/stores';

export const verifyHelp = `Usage: certscope verify <files…> [--host NAME] [options]
       certscope verify --batch requests.jsonl

Builds and checks the chain of the leaf — the first certificate in the files that is not a CA
(else the first) — using the others as intermediates and any CRLs in the files. With --batch, reads one JSON request per line
({id, leaf, intermediates[], anchors[], host?, at?, purpose?, maxDepth?, crls?[], client?, policy?},
PEM strings; policy: {initialPolicySet[], explicitPolicy, inhibitPolicyMapping, inhibitAnyPolicy}; anchors replace every trust store and count as the user's own; client: judge as that client
instead of Certscope's strict default) and writes one JSON line per request, in request order; a line
longer than 16 MiB is answered {id: null, error} and the file read on.
  --host NAME           the DNS name, IP address or email the certificate must be valid for
${trustOptionsHelp}
${clientOptionsHelp}
  --json                the verdict as JSON
Exit codes: 0 the chosen client (default chrome) trusts it, 1 it doesn't (or a batch line failed), 2 usage or input errors.`;

export async function runVerify(argv: string[], io: CliIo): Promise<number> {
  // The fetched revocation evidence, kept for the per-client verdicts.
  const kept: { evidence?: RevocationEvidence } = {};
  const revocationKept =
    (fetch: FetchRevocation): FetchRevocation =>
    async (chain) =>
      (kept.evidence = await fetch(chain));
  const args = parseArgs(argv, {
    values: ['host', 'batch', ...trustOptionNames.values, ...clientOptionNames.values],
    booleans: ['json', 'help', ...trustOptionNames.booleans],
    repeatable: trustOptionNames.repeatable,
    optionalValues: trustOptionNames.optionalValues,
  });
  if (args.flags.has('help')) {
    io.stdout(verifyHelp + '\n');
    return exitCodes.ok;
  }
  const batch = args.flags.get('batch');
  if (typeof batch === 'string') return runBatch(batch, io);
  const choice = readClientOptions(args);
  if (args.positionals.length === 0)
    throw new UsageError('give the certificate file(s) to verify, or --batch FILE');
  // The trust stores load while the files are read; its errors still surface where they did.
  const trustOptions = readTrustOptions(args, io);
  trustOptions.catch(() => undefined);
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  for (const path of args.positionals) {
    const contents = await readVerifyFile(path, await io.readFile(path));
    for (const problem of contents.errors) io.stderr(`certscope: ${problem}\n`);
    certificates.push(...contents.certificates);
    crls.push(...contents.crls);
  }
  if (certificates.length === 0) {
    io.stderr('certscope: no certificate to verify\n');
    return exitCodes.usage;
  }
  const trust = await trustOptions;
  const host = args.flags.get('host');
  const filesInput = {
    certificates,
    crls,
    ...(typeof host === 'string' ? { host } : {}),
    anchors: trust.anchors,
    ...(trust.at ? { at: trust.at } : {}),
    purpose: trust.purpose,
    expiryDays: trust.expiryDays,
    ...(trust.fetchIssuers ? { fetchIssuers: trust.fetchIssuers } : {}),
    ...(trust.fetchRevocation ? { fetchRevocation: revocationKept(trust.fetchRevocation) } : {}),
  };
  const result = await verifyFiles(filesInput);
  // Revocation asked for online counts for every client: the same evidence, fetched once.
  const clients = await clientVerdictsFor(
    { ...(await filesVerifyInput(filesInput)), ...(kept.evidence ? { revocation: kept.evidence } : {}) },
    choice,
  );
  if (args.flags.has('json')) {
    // Loaded on use, like everything only some runs need: start-up time is most of a one-off run.
    const { buildReport, reportToJson } = await import('../../../src-core/report/report');
    const { readAppVersion } = await import('../../services/app-info');
    const report = await buildReport({
      verify: result,
      presented: certificates,
      presentedSource: 'file',
      trustStores: trust.anchors,
      toolVersion: readAppVersion(),
      clients,
    });
    io.stdout(reportToJson(report) + '\n');
  } else {
    printClients(io, clients, choice.shown.length > 0);
    printVerdict(io, result);
  }
  return chosenVerdict(clients).trusted ? exitCodes.ok : exitCodes.problems;
}

/** Requests verified side by side: each waits on digests at times, and the others use that time. */
const batchWindow = 8;

async function runBatch(path: string, io: CliIo): Promise<number> {
  // A batch is many chains in one short process: V8 otherwise gives a function its feedback (what
  // it needs to be optimized) only after some calls, and a few hundred chains then run largely
  // unoptimized. Set before the verifier first runs; a heuristic only, so harmless if ignored.
  setFlagsFromString('--no-lazy-feedback-allocation');
  const { verifyBatchRequest } = await import('../../../src-core/verify/batch');
  const { createReadStream } = await import('node:fs');
  const defaultAnchors = await loadTrustStores();
  const { verifyAsClient } = await import('../clients');
  let failures = 0;
  // Answers come out in the order of the requests, whichever finishes first, and are written a
  // piece of input at a time rather than a system call per line.
  const pending: ReturnType<typeof verifyBatchRequest>[] = [];
  let output = '';
  const flush = () => {
    if (output) io.stdout(output);
    output = '';
  };
  const emitOldest = async () => {
    const { answer, trusted } = await (pending.shift() as ReturnType<typeof verifyBatchRequest>);
    if (!trusted) failures++;
    output += answer + '\n';
  };
  const queue = async (answer: ReturnType<typeof verifyBatchRequest>) => {
    pending.push(answer);
    if (pending.length >= batchWindow) await emitOldest();
  };
  const overlongAnswer = JSON.stringify({ id: null, error: `a line longer than ${maxBatchLine >> 20} MiB` });
  const take = async (line: string) => {
    if (line.length > maxBatchLine) await queue(Promise.resolve({ answer: overlongAnswer, trusted: false }));
    else if (line.trim()) await queue(verifyBatchRequest(line, { defaultAnchors, verifyAsClient }));
  };
  try {
    // Lines split here, a chunk at a time: readline's async iteration costs a promise or two per line.
    let partial = '';
    // Inside a line longer than the limit: it has had its answer, and the rest of it is dropped.
    let overlong = false;
    for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
      const text = chunk as string;
      if (!lineEnd.test(text)) {
        // Part of a long line: kept (up to the limit) without splitting it again and again.
        if (overlong) continue;
        partial += text;
      } else {
        const lines = (partial + text).split(lineBreak);
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (overlong) overlong = false;
          else await take(line);
        }
        flush();
      }
      if (partial.length > maxBatchLine) {
        await take(partial);
        overlong = true;
        partial = '';
      }
    }
    if (!overlong) await take(partial);
    while (pending.length) await emitOldest();
  } catch (error) {
    flush();
    io.stderr(
      `certscope: ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}\n`,
    );
    return exitCodes.usage;
  }
  flush();
  return failures ? exitCodes.problems : exitCodes.ok;
}

/** The longest request line read (a chain of PEM certificates is a few KB to a few hundred). */
export const maxBatchLine = 16 << 20;

/** Line ends as readline takes them: LF, CRLF or a lone CR. */
const lineBreak = /\r\n|\n|\r/;
const lineEnd = /[\r\n]/;
