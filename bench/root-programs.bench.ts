/**
 * The root program data (resources/root-programs) costs nothing until asked for: here is what
 * asking costs. In this process: the first load of programs.json (read + parsed + indexed, after
 * forgetting any earlier load), a warm lookup of every public-store root, and loading the 398
 * certificates with their SHA-256 checks — beside what the default verdict's `public` store costs
 * to load today (Node's bundled roots to DER). In fresh processes (the built CLI): `certscope
 * stores --root`, beside `certscope verify` (which never reads the program data) and `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rootCertificates } from 'node:tls';
import { buildScenario } from '../src-main/services/lab';
import {
  forgetRootPrograms,
  loadRootProgramCertificates,
  loadRootProgramIndex,
} from '../src-main/services/trust/root-programs';
import { pemToDer } from '../src-main/services/trust/stores';
import { sha256Hex } from '../src-main/services/trust/user-trust';
import { formatMs, formatRatio, markdownTable, median, timeRepeated } from './stats';

export default async function run(): Promise<string> {
  const publicHashes = rootCertificates.map((pem) => sha256Hex(pemToDer(pem)));
  const rounds = 5;
  const figures = {
    publicStore: [] as number[],
    index: [] as number[],
    lookups: [] as number[],
    certificates: [] as number[],
  };
  for (let round = 0; round < rounds; round++) {
    figures.publicStore.push(median(await timeRepeated(() => rootCertificates.map(pemToDer), 20, 2)));
    figures.index.push(
      median(
        await timeRepeated(
          async () => {
            forgetRootPrograms();
            await loadRootProgramIndex();
          },
          20,
          2,
        ),
      ),
    );
    const index = await loadRootProgramIndex();
    figures.lookups.push(
      median(await timeRepeated(() => publicHashes.map((sha) => index.factsFor(sha)), 100, 5)),
    );
    figures.certificates.push(
      median(
        await timeRepeated(
          async () => {
            forgetRootPrograms();
            await loadRootProgramCertificates();
          },
          10,
          1,
        ),
      ),
    );
  }
  const baseline = median(figures.publicStore);
  const row = (what: string, ms: number) => [what, formatMs(ms), formatRatio(ms / baseline)];
  const rows: (string | number)[][] = [
    row("Default verdict's `public` store: Node's bundled roots to DER (baseline)", baseline),
    row('programs.json first load: read, parsed, indexed (398 roots, 7 programs)', median(figures.index)),
    row(`Facts of the ${publicHashes.length} public-store roots (warm)`, median(figures.lookups)),
    row('roots.pem first load: 398 certificates, each SHA-256 checked', median(figures.certificates)),
  ];

  const cli = resolve(import.meta.dirname, '../out/main/cli.js');
  const freshRuns = Number(process.env.BENCH_ROOT_PROGRAMS_FRESH_RUNS ?? 15);
  if (existsSync(cli)) {
    const scenario = await buildScenario('good', { keySpec: 'p256' });
    const dir = mkdtempSync(join(tmpdir(), 'certscope-bench-programs-'));
    const [leaf, intermediate] = scenario.presented;
    writeFileSync(join(dir, 'chain.pem'), leaf.pem + intermediate.pem);
    writeFileSync(join(dir, 'root.pem'), scenario.root.pem);
    const commands = [
      [cli, 'stores', '--root', publicHashes[0], '--json'],
      [
        cli,
        'verify',
        join(dir, 'chain.pem'),
        '--ca',
        join(dir, 'root.pem'),
        '--host',
        scenario.host,
        '--no-aia',
      ],
      ['-e', '0'],
    ];
    const driver = spawnSync(
      process.execPath,
      [resolve(import.meta.dirname, 'fresh-processes.mjs'), String(freshRuns), JSON.stringify(commands)],
      { encoding: 'utf8' },
    );
    if (driver.status !== 0) throw new Error(`fresh-process runs failed: ${driver.stderr}`);
    const [stores, verify, empty] = (JSON.parse(driver.stdout) as number[][]).map(median);
    rows.push(
      [
        'Fresh process: `certscope stores --root SHA --json` (reads programs.json, the verdict stores)',
        formatMs(stores),
        `${formatRatio(stores / verify)} of verify`,
      ],
      [
        'Fresh process: `certscope verify` (never reads the program data)',
        formatMs(verify),
        formatRatio(1) + ' of verify',
      ],
      ['Fresh process: `node -e 0` (for scale)', formatMs(empty), `${formatRatio(empty / verify)} of verify`],
    );
  } else rows.push(['Fresh processes', 'run `npm run build` first', '']);
  return [
    markdownTable(['what', 'median', 'ratio'], rows),
    '',
    `In-process figures: medians of ${rounds} rounds × 20 (lookups × 100, certificates × 10), each load after forgetting the last (the OS file cache stays warm); fresh processes: median of ${freshRuns}, interleaved, from a plain node parent, NODE_EXTRA_CA_CERTS unset.`,
    'Nothing here runs at start-up or for a default verdict: the app asks only when an anchor’s details are opened, the CLI only for `certscope stores`.',
  ].join('\n');
}
