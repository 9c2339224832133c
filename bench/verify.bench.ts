/**
 * Verification speed with the full public store loaded: build and verify a 3-certificate chain,
 * side by side with Node's native X509Certificate checkIssued + verify and with pkijs's
 * CertificateChainValidationEngine on the same chains; then, in fresh processes, the time from
 * start to the first verified chain (the built CLI) against a native one-off script.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rootCertificates } from 'node:tls';
import * as pkijs from 'pkijs';
import { verifyChain } from '../src-core/verify';
import { buildScenario } from '../src-main/services/lab';
import { formatMs, formatRatio, markdownTable, median, timeRepeated } from './stats';

const pemToDer = (pem: string): Uint8Array<ArrayBuffer> => {
  const bytes = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

export default async function run(): Promise<string> {
  const scenario = await buildScenario('good', { keySpec: 'p256' });
  const publicStore = rootCertificates.map(pemToDer);
  const anchors = [{ name: 'public', certificates: [...publicStore, scenario.root.der] }];
  const [leaf, intermediate] = scenario.presented;
  const input = {
    leaf: leaf.der,
    intermediates: [intermediate.der],
    anchors,
    host: { kind: 'dns' as const, value: scenario.host },
    expiryDays: 0,
  };

  const nativeRoots = [...rootCertificates, scenario.root.pem].map((pem) => new X509Certificate(pem));
  const native = () => {
    const leafX = new X509Certificate(leaf.der);
    const intermediateX = new X509Certificate(intermediate.der);
    if (!leafX.checkIssued(intermediateX) || !leafX.verify(intermediateX.publicKey))
      throw new Error('native: leaf');
    const root = nativeRoots.find(
      (candidate) => intermediateX.checkIssued(candidate) && intermediateX.verify(candidate.publicKey),
    );
    if (!root) throw new Error('native: no root');
  };
  const pkijsRoots = [
    ...rootCertificates.map((pem) => pkijs.Certificate.fromBER(pemToDer(pem))),
    pkijs.Certificate.fromBER(scenario.root.der.slice()),
  ];
  const pkijsEngine = async () => {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: pkijsRoots,
      certs: [
        pkijs.Certificate.fromBER(leaf.der.slice()),
        pkijs.Certificate.fromBER(intermediate.der.slice()),
      ],
    });
    const result = await engine.verify();
    if (!result.result) throw new Error(`pkijs: ${result.resultMessage}`);
  };
  const ours = async () => {
    const result = await verifyChain(input);
    if (!result.trusted) throw new Error('certscope: not trusted');
  };

  const rounds = 5;
  const freshRuns = Number(process.env.BENCH_VERIFY_FRESH_RUNS ?? 15);
  const medians = { ours: [] as number[], native: [] as number[], pkijs: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    medians.ours.push(median(await timeRepeated(ours, 100, 5)));
    medians.native.push(median(await timeRepeated(native, 100, 5)));
    medians.pkijs.push(median(await timeRepeated(pkijsEngine, 10, 1)));
  }
  const [mOurs, mNative, mPkijs] = [median(medians.ours), median(medians.native), median(medians.pkijs)];
  const rows: (string | number)[][] = [
    [
      'Certscope verifyChain (path building + RFC 5280 + host)',
      formatMs(mOurs),
      formatRatio(mOurs / mNative),
      formatRatio(mPkijs / mOurs),
    ],
    ['Node X509Certificate checkIssued + verify (baseline)', formatMs(mNative), formatRatio(1), ''],
    ['pkijs CertificateChainValidationEngine', formatMs(mPkijs), formatRatio(mPkijs / mNative), ''],
  ];

  // Fresh processes: start → first verified chain.
  const cli = resolve(import.meta.dirname, '../out/main/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'certscope-bench-'));
  writeFileSync(join(dir, 'chain.pem'), leaf.pem + intermediate.pem);
  writeFileSync(join(dir, 'root.pem'), scenario.root.pem);
  writeFileSync(
    join(dir, 'native.mjs'),
    `import { X509Certificate } from 'node:crypto'; import { rootCertificates } from 'node:tls'; import { readFileSync } from 'node:fs';
const [leaf, int] = readFileSync(${JSON.stringify(join(dir, 'chain.pem'))}, 'utf8').match(/-----BEGIN[\\s\\S]*?-----END CERTIFICATE-----/g).map((p) => new X509Certificate(p));
const roots = [...rootCertificates, readFileSync(${JSON.stringify(join(dir, 'root.pem'))}, 'utf8')].map((p) => new X509Certificate(p));
if (!leaf.verify(int.publicKey) || !roots.some((r) => int.checkIssued(r) && int.verify(r.publicKey))) process.exit(1);`,
  );
  if (existsSync(cli)) {
    const commands = [
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
      [join(dir, 'native.mjs')],
      ['-e', '0'],
    ];
    const driver = spawnSync(
      process.execPath,
      [resolve(import.meta.dirname, 'fresh-processes.mjs'), String(freshRuns), JSON.stringify(commands)],
      { encoding: 'utf8' },
    );
    if (driver.status !== 0) throw new Error(`fresh-process runs failed: ${driver.stderr}`);
    const [cliTimes, nativeTimes, emptyTimes] = JSON.parse(driver.stdout) as number[][];
    rows.push([
      'Fresh process to first verified chain: `certscope verify` (public + system stores)',
      formatMs(median(cliTimes)),
      formatRatio(median(cliTimes) / median(nativeTimes)),
      '',
    ]);
    rows.push([
      'Fresh process: native one-off script (baseline)',
      formatMs(median(nativeTimes)),
      formatRatio(1),
      '',
    ]);
    rows.push([
      'Fresh process: `node -e 0` (the runtime starting, for scale)',
      formatMs(median(emptyTimes)),
      formatRatio(median(emptyTimes) / median(nativeTimes)),
      '',
    ]);
  } else {
    rows.push(['Fresh process to first verified chain', 'run `npm run build` first', '', '']);
  }
  return [
    markdownTable(['what', 'median', '÷ native', 'pkijs engine ÷ this'], rows),
    '',
    `${publicStore.length + 1} anchors; medians of ${rounds} rounds × 100 (pkijs: × 10) verifications, interleaved; fresh processes: median of ${freshRuns}, interleaved, from a plain node parent (bench/fresh-processes.mjs), NODE_EXTRA_CA_CERTS unset.`,
    'Goals: < 1 ms per chain after warm-up (≤ 5× native, ≥ 20× faster than the pkijs engine); < 150 ms to the first verified chain.',
  ].join('\n');
}
