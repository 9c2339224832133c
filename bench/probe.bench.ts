/**
 * Probe latency over loopback, median per connection, for chains of 1/3/6/10 certificates, side by
 * side in one run with (a) a bare Node tls.connect that walks getPeerX509Certificate() for the raw
 * DER and (b) `openssl s_client -showcerts` as a process. Rounds alternate the three so machine
 * noise hits them alike.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:tls';
import { buildScenario, startNodeTlsServer } from '../src-main/services/lab';
import { probe } from '../src-main/services/probe';
import { formatMs, formatRatio, markdownTable, median } from './stats';

const connections = Number(process.env.BENCH_PROBE_CONNECTIONS ?? 200);
const opensslRuns = Number(process.env.BENCH_PROBE_OPENSSL ?? 20);

function bareNode(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      let certificate = socket.getPeerX509Certificate();
      let count = 0;
      const seen = new Set<string>();
      while (certificate && !seen.has(certificate.fingerprint256)) {
        seen.add(certificate.fingerprint256);
        void certificate.raw;
        count++;
        certificate = certificate.issuerCertificate;
      }
      socket.destroy();
      resolve(count);
    });
    socket.on('error', reject);
  });
}

function opensslShowcerts(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-showcerts'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.stdin.end();
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export default async function run(): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const length of [1, 3, 6, 10]) {
    const scenario = await buildScenario('long-chain', { depth: Math.max(length - 2, 1) });
    const chain = length === 1 ? [scenario.leaf] : [...scenario.presented, scenario.root].slice(0, length);
    const server = await startNodeTlsServer({ chain });
    const target = `127.0.0.1:${server.port}`;
    for (let i = 0; i < 20; i++) {
      await probe({ target });
      await bareNode(server.port);
    }
    const ours: number[] = [];
    const bare: number[] = [];
    const openssl: number[] = [];
    for (let i = 0; i < connections; i++) {
      ours.push(await time(() => probe({ target })));
      bare.push(await time(() => bareNode(server.port)));
      if (i < opensslRuns) openssl.push(await time(() => opensslShowcerts(server.port)));
    }
    await server.close();
    const [mOurs, mBare, mOpenssl] = [median(ours), median(bare), median(openssl)];
    rows.push([
      length,
      formatMs(mOurs),
      formatMs(mBare),
      formatMs(mOpenssl),
      formatRatio(mOurs / mBare),
      formatRatio(mOpenssl / mOurs),
    ]);
  }
  return [
    markdownTable(
      [
        'chain',
        'Certscope probe (wire capture + TLS 1.3 decryption)',
        '(a) bare tls.connect + issuer walk',
        '(b) openssl s_client -showcerts',
        'probe ÷ (a) (goal ≤ 1.2×)',
        '(b) ÷ probe (goal ≥ 10×)',
      ],
      rows,
    ),
    '',
    `Medians of ${connections} connections ((b): ${opensslRuns} runs) per chain length, interleaved, TLS 1.3, ECDSA P-256, loopback.`,
  ].join('\n');
}
