/**
 * Verification speed as users meet it, with the full public store loaded (Node's bundled roots
 * plus a lab root):
 * - the headline: DISTINCT chains never seen before (a fresh leaf and intermediate, each with its
 *   own new key, per verification), each beside Node's native X509Certificate parse +
 *   checkIssued + verify + checkHost on the same chain — with Node's crypto as the signature
 *   engine (as the CLI runs) and with WebCrypto alone (as the page runs);
 * - all ten client profiles' verdicts on one path search, beside one verdict today;
 * - the same chain repeated (warm caches), beside the same native work;
 * - `certscope verify --batch` over a file of distinct chains, process start-up subtracted,
 *   beside a Node script doing parse + checkIssued + verify + checkHost on the same file, in wall
 *   time and in CPU time;
 * - pkijs's CertificateChainValidationEngine on the repeated chain, for scale;
 * - in fresh processes, the time from start to the first verified chain (the built CLI) against
 *   a native one-off script.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rootCertificates } from 'node:tls';
import * as pkijs from 'pkijs';
import { useSignatureEngine } from '../src-core/crypto/signature-engine';
import { verifyChain, type VerifyInput } from '../src-core/verify';
import { verifyForClients } from '../src-core/clients';
import { loadProgramStores } from '../src-main/services/trust/root-programs';
import { nodeSignatureEngine } from '../src-main/services/crypto/node-signatures';
import { createKey, issueCert, type LabCert } from '../src-main/services/lab';
import { distinctChains, type BenchChain } from './distinct-chains';
import { formatMs, formatRatio, markdownTable, median, timeRepeated } from './stats';

const pemToDer = (pem: string): Uint8Array<ArrayBuffer> => {
  const bytes = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

const distinctCount = Number(process.env.BENCH_VERIFY_DISTINCT ?? 200);
const batchCount = Number(process.env.BENCH_VERIFY_BATCH ?? 300);

export default async function run(): Promise<string> {
  const root = await issueCert({ commonName: 'Bench Root', isCa: true, key: await createKey('p256') });
  const publicStore = rootCertificates.map(pemToDer);
  const anchors = [{ name: 'public', certificates: [...publicStore, root.der] }];
  const nativeRoots = [...rootCertificates, root.pem].map((pem) => new X509Certificate(pem));

  const inputFor = (chain: BenchChain): VerifyInput => ({
    leaf: chain.leaf.der,
    intermediates: [chain.intermediate.der],
    anchors,
    host: { kind: 'dns', value: chain.host },
    expiryDays: 0,
  });
  const ours = async (chain: BenchChain, engine: 'node' | 'webcrypto' = 'node') => {
    useSignatureEngine(engine === 'node' ? nodeSignatureEngine : undefined);
    const result = await verifyChain(inputFor(chain));
    if (!result.trusted) throw new Error(`certscope: not trusted: ${JSON.stringify(result.findings)}`);
  };
  // The ten client profiles with the shipped root programs; the lab root is the user's own anchor.
  const programs = await loadProgramStores();
  const clientAnchors = [
    { name: 'public', certificates: publicStore },
    { name: 'user', certificates: [root.der] },
  ];
  const tenVerdicts = async (chain: BenchChain) => {
    useSignatureEngine(nodeSignatureEngine);
    const { verdicts } = await verifyForClients({ ...inputFor(chain), anchors: clientAnchors }, { programs });
    // Lab chains aren't made to the Baseline Requirements: every client but the CA/B Forum one trusts them.
    if (
      verdicts.length !== 10 ||
      !verdicts.every((verdict) => verdict.trusted === (verdict.client !== 'cabf'))
    )
      throw new Error(
        `certscope: a client did not trust it: ${JSON.stringify(verdicts.map((v) => [v.client, v.reason]))}`,
      );
  };
  const native = (chain: BenchChain) => {
    const leafX = new X509Certificate(chain.leaf.der);
    const intermediateX = new X509Certificate(chain.intermediate.der);
    if (!leafX.checkIssued(intermediateX) || !leafX.verify(intermediateX.publicKey))
      throw new Error('native: leaf');
    const anchor = nativeRoots.find(
      (candidate) => intermediateX.checkIssued(candidate) && intermediateX.verify(candidate.publicKey),
    );
    if (!anchor) throw new Error('native: no root');
    if (!leafX.checkHost(chain.host)) throw new Error('native: host');
  };

  // Warm-up (the JIT, the anchor index, the root's key) on chains that are not measured.
  const warm = await distinctChains(root, 40, 'warm');
  for (const chain of warm) {
    await ours(chain, 'webcrypto');
    await ours(chain);
    await tenVerdicts(chain);
    native(chain);
  }

  // Distinct chains: each verified once by each side, the order rotating. A chain verified by one
  // of Certscope's variants is never given to another (its caches would answer).
  const sets = {
    node: await distinctChains(root, distinctCount, 'node'),
    webcrypto: await distinctChains(root, distinctCount, 'webcrypto'),
    ten: await distinctChains(root, distinctCount / 2, 'ten'),
    one: await distinctChains(root, distinctCount / 2, 'one'),
  };
  const distinct = { node: [] as number[], webcrypto: [] as number[], native: [] as number[] };
  const selections = { ten: [] as number[], one: [] as number[] };
  const time = async (fn: () => unknown, into: number[]) => {
    const started = performance.now();
    await fn();
    into.push(performance.now() - started);
  };
  for (let index = 0; index < distinctCount; index++) {
    const steps = [
      () => time(() => ours(sets.node[index]), distinct.node),
      () => time(() => native(sets.node[index]), distinct.native),
      () => time(() => ours(sets.webcrypto[index], 'webcrypto'), distinct.webcrypto),
      () =>
        index % 2
          ? time(() => tenVerdicts(sets.ten[index >> 1]), selections.ten)
          : time(() => ours(sets.one[index >> 1]), selections.one),
    ];
    for (let step = 0; step < steps.length; step++) await steps[(step + index) % steps.length]();
  }

  // The same chain again and again: what caches make of it.
  const repeatedChain = warm[0];
  const rounds = 5;
  const repeated = { ours: [] as number[], native: [] as number[], pkijs: [] as number[] };
  const pkijsRoots = [
    ...rootCertificates.map((pem) => pkijs.Certificate.fromBER(pemToDer(pem))),
    pkijs.Certificate.fromBER(root.der.slice()),
  ];
  const pkijsEngine = async () => {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: pkijsRoots,
      certs: [
        pkijs.Certificate.fromBER(repeatedChain.leaf.der.slice()),
        pkijs.Certificate.fromBER(repeatedChain.intermediate.der.slice()),
      ],
    });
    const result = await engine.verify();
    if (!result.result) throw new Error(`pkijs: ${result.resultMessage}`);
  };
  for (let round = 0; round < rounds; round++) {
    repeated.ours.push(median(await timeRepeated(() => ours(repeatedChain), 100, 5)));
    repeated.native.push(median(await timeRepeated(() => native(repeatedChain), 100, 5)));
    repeated.pkijs.push(median(await timeRepeated(pkijsEngine, 10, 1)));
  }
  useSignatureEngine();

  const m = {
    node: median(distinct.node),
    webcrypto: median(distinct.webcrypto),
    native: median(distinct.native),
    ten: median(selections.ten),
    one: median(selections.one),
    repeatedOurs: median(repeated.ours),
    repeatedNative: median(repeated.native),
    pkijs: median(repeated.pkijs),
  };
  const rows: (string | number)[][] = [
    [
      '**Distinct chains** (each never seen before): Certscope verifyChain (path building + RFC 5280 + host), Node crypto engine as in the CLI, per chain',
      formatMs(m.node),
      formatRatio(m.node / m.native),
    ],
    [
      '… Certscope verifyChain with WebCrypto alone (as in the page), other distinct chains',
      formatMs(m.webcrypto),
      formatRatio(m.webcrypto / m.native),
    ],
    [
      '… Node X509Certificate parse + checkIssued + verify + checkHost, same chains (baseline)',
      formatMs(m.native),
      formatRatio(1),
    ],
    [
      'All ten clients’ verdicts (`verifyForClients`: one path search, the ten profiles with the shipped root programs), per chain; ÷ one verdict today (`verifyChain`) on other distinct chains',
      formatMs(m.ten),
      `${formatRatio(m.ten / m.one)} one verdict (${formatMs(m.one)})`,
    ],
    [
      'Same chain repeated (warm caches): Certscope verifyChain',
      formatMs(m.repeatedOurs),
      formatRatio(m.repeatedOurs / m.repeatedNative),
    ],
    ['… Node native, same chain repeated (baseline)', formatMs(m.repeatedNative), formatRatio(1)],
    [
      'pkijs CertificateChainValidationEngine, same chain repeated',
      formatMs(m.pkijs),
      formatRatio(m.pkijs / m.repeatedNative),
    ],
  ];

  const cli = resolve(import.meta.dirname, '../out/main/cli.js');
  const freshRuns = Number(process.env.BENCH_VERIFY_FRESH_RUNS ?? 15);
  const batchRuns = Number(process.env.BENCH_VERIFY_BATCH_RUNS ?? 9);
  const notes: string[] = [];
  if (existsSync(cli)) {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-bench-'));
    rows.push(...(await batchRows(cli, dir, root, batchRuns)));
    rows.push(...freshProcessRows(cli, dir, root, warm[1], freshRuns));
    notes.push(
      `batch: ${batchCount} distinct chains in one JSONL file against the default stores (public + system + the lab root as a user anchor), per chain = (median for the file − median for a file of 1 other chain) ÷ ${batchCount - 1}, ${batchRuns} interleaved runs of each; CPU time is each process's own (every thread, from process.cpuUsage at exit; the main thread's from /proc/self/task/PID/schedstat). Fresh processes: median of ${freshRuns}, interleaved. Both from a plain node parent (bench/fresh-processes.mjs), NODE_EXTRA_CA_CERTS unset.`,
    );
  } else {
    rows.push(['`certscope verify --batch` and fresh processes', 'run `npm run build` first', '']);
  }
  return [
    markdownTable(['what', 'median', '÷ native'], rows),
    '',
    `${publicStore.length + 1} anchors; distinct: ${distinctCount} chains per variant (a fresh leaf and intermediate, each with a new P-256 key, under one lab root), each verified once, the variants taking turns chain by chain, after ${warm.length} warm-up chains; repeated: medians of ${rounds} rounds × 100 (pkijs: × 10).`,
    ...notes,
    'Goals: distinct chains ≤ 1.5× native per chain, in-process and through the batch CLI; all ten clients’ verdicts ≤ 3× one verdict; < 150 ms to the first verified chain.',
  ].join('\n');
}

/** `certscope verify --batch` against a native script over the same JSONL file, start-up subtracted. */
async function batchRows(
  cli: string,
  dir: string,
  root: LabCert,
  runs: number,
): Promise<(string | number)[][]> {
  const dataDir = join(dir, 'data');
  const previous = process.env.CERTSCOPE_DATA_DIR;
  process.env.CERTSCOPE_DATA_DIR = dataDir;
  const { addUserAnchor } = await import('../src-main/services/trust/user-trust');
  await addUserAnchor(root.der);
  if (previous === undefined) delete process.env.CERTSCOPE_DATA_DIR;
  else process.env.CERTSCOPE_DATA_DIR = previous;

  const line = (chain: BenchChain, id: number) =>
    JSON.stringify({ id, leaf: chain.leaf.pem, intermediates: [chain.intermediate.pem], host: chain.host });
  const many = await distinctChains(root, batchCount, 'batch');
  const [one] = await distinctChains(root, 1, 'single');
  writeFileSync(join(dir, 'many.jsonl'), many.map(line).join('\n') + '\n');
  writeFileSync(join(dir, 'one.jsonl'), line(one, 0) + '\n');
  writeFileSync(join(dir, 'root.pem'), root.pem);
  writeFileSync(
    join(dir, 'native-batch.mjs'),
    `import { X509Certificate } from 'node:crypto'; import { rootCertificates } from 'node:tls'; import { readFileSync } from 'node:fs';
const roots = [...rootCertificates, readFileSync(${JSON.stringify(join(dir, 'root.pem'))}, 'utf8')].map((p) => new X509Certificate(p));
let failures = 0;
for (const text of readFileSync(process.argv[2], 'utf8').split('\\n')) {
  if (!text.trim()) continue;
  const request = JSON.parse(text);
  const leaf = new X509Certificate(request.leaf);
  const int = new X509Certificate(request.intermediates[0]);
  const trusted = leaf.checkIssued(int) && leaf.verify(int.publicKey) &&
    roots.some((r) => int.checkIssued(r) && int.verify(r.publicKey)) && Boolean(leaf.checkHost(request.host));
  if (!trusted) failures++;
  process.stdout.write(JSON.stringify({ id: request.id, trusted }) + '\\n');
}
process.exit(failures ? 1 : 0);`,
  );
  const commands = [
    [cli, 'verify', '--batch', join(dir, 'many.jsonl')],
    [cli, 'verify', '--batch', join(dir, 'one.jsonl')],
    [join(dir, 'native-batch.mjs'), join(dir, 'many.jsonl')],
    [join(dir, 'native-batch.mjs'), join(dir, 'one.jsonl')],
  ];
  const [cliMany, cliOne, nativeMany, nativeOne] = freshProcessesWithCpu(commands, runs, {
    CERTSCOPE_DATA_DIR: dataDir,
  });
  const perChain = (manyTimes: number[], oneTimes: number[]) =>
    (median(manyTimes) - median(oneTimes)) / (batchCount - 1);
  const ours = perChain(cliMany.wall, cliOne.wall);
  const native = perChain(nativeMany.wall, nativeOne.wall);
  const oursCpu = perChain(cliMany.cpu, cliOne.cpu);
  const nativeCpu = perChain(nativeMany.cpu, nativeOne.cpu);
  const mainThreadRow = (): (string | number)[][] => {
    if (!cliMany.mainCpu || !cliOne.mainCpu || !nativeMany.mainCpu || !nativeOne.mainCpu) return [];
    const ours = perChain(cliMany.mainCpu, cliOne.mainCpu);
    const native = perChain(nativeMany.mainCpu, nativeOne.mainCpu);
    return [
      [
        '… the main thread’s CPU time alone (the compiler’s and GC helpers’ threads left out): `certscope verify --batch` / the Node script',
        `${formatMs(ours)} / ${formatMs(native)}`,
        formatRatio(ours / native),
      ],
    ];
  };
  return [
    [
      `**\`certscope verify --batch\`**, ${batchCount} distinct chains, per chain (start-up subtracted), wall time`,
      formatMs(ours),
      formatRatio(ours / native),
    ],
    [
      '… Node script: parse + checkIssued + verify + checkHost on the same file (baseline)',
      formatMs(native),
      formatRatio(1),
    ],
    [
      '… the same in CPU time: `certscope verify --batch` / the Node script',
      `${formatMs(oursCpu)} / ${formatMs(nativeCpu)}`,
      formatRatio(oursCpu / nativeCpu),
    ],
    ...mainThreadRow(),
    [
      '… start-up and one chain: `certscope verify --batch` / the Node script',
      `${formatMs(median(cliOne.wall))} / ${formatMs(median(nativeOne.wall))}`,
      formatRatio(median(cliOne.wall) / median(nativeOne.wall)),
    ],
  ];
}

/** Fresh processes: start → first verified chain. */
function freshProcessRows(
  cli: string,
  dir: string,
  root: LabCert,
  chain: BenchChain,
  runs: number,
): (string | number)[][] {
  writeFileSync(join(dir, 'chain.pem'), chain.leaf.pem + chain.intermediate.pem);
  writeFileSync(join(dir, 'root.pem'), root.pem);
  writeFileSync(
    join(dir, 'native.mjs'),
    `import { X509Certificate } from 'node:crypto'; import { rootCertificates } from 'node:tls'; import { readFileSync } from 'node:fs';
const [leaf, int] = readFileSync(${JSON.stringify(join(dir, 'chain.pem'))}, 'utf8').match(/-----BEGIN[\\s\\S]*?-----END CERTIFICATE-----/g).map((p) => new X509Certificate(p));
const roots = [...rootCertificates, readFileSync(${JSON.stringify(join(dir, 'root.pem'))}, 'utf8')].map((p) => new X509Certificate(p));
if (!leaf.verify(int.publicKey) || !roots.some((r) => int.checkIssued(r) && int.verify(r.publicKey))) process.exit(1);`,
  );
  const commands = [
    [cli, 'verify', join(dir, 'chain.pem'), '--ca', join(dir, 'root.pem'), '--host', chain.host, '--no-aia'],
    [join(dir, 'native.mjs')],
    ['-e', '0'],
  ];
  const [cliTimes, nativeTimes, emptyTimes] = freshProcesses(commands, runs);
  return [
    [
      'Fresh process to first verified chain: `certscope verify` (public + system stores)',
      formatMs(median(cliTimes)),
      formatRatio(median(cliTimes) / median(nativeTimes)),
    ],
    ['Fresh process: native one-off script (baseline)', formatMs(median(nativeTimes)), formatRatio(1)],
    [
      'Fresh process: `node -e 0` (the runtime starting, for scale)',
      formatMs(median(emptyTimes)),
      formatRatio(median(emptyTimes) / median(nativeTimes)),
    ],
  ];
}

function freshProcesses(commands: string[][], runs: number): number[][] {
  return JSON.parse(driveFreshProcesses(commands, runs, [], {})) as number[][];
}

function freshProcessesWithCpu(
  commands: string[][],
  runs: number,
  env: Record<string, string>,
): { wall: number[]; cpu: number[]; mainCpu?: number[] }[] {
  return JSON.parse(driveFreshProcesses(commands, runs, ['cpu'], env)) as {
    wall: number[];
    cpu: number[];
    mainCpu?: number[];
  }[];
}

function driveFreshProcesses(
  commands: string[][],
  runs: number,
  extra: string[],
  env: Record<string, string>,
): string {
  const driver = spawnSync(
    process.execPath,
    [resolve(import.meta.dirname, 'fresh-processes.mjs'), String(runs), JSON.stringify(commands), ...extra],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
  if (driver.status !== 0) throw new Error(`fresh-process runs failed: ${driver.stderr}`);
  return driver.stdout;
}
