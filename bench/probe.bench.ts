/**
 * Probe latency over loopback, median per connection, for chains of 1/3/6/10 certificates, side by
 * side in one run with (a) a bare Node tls.connect that walks getPeerX509Certificate() for the raw
 * DER and (b) `openssl s_client -showcerts` as a process. Rounds alternate the three so machine
 * noise hits them alike.
 *
 * Then what a request for a client certificate costs (issue 16 point 8): the same server with and
 * without `requestCert`, over TLS 1.2 (goal ≤ 1.2×: the outcome is known from the server's
 * Finished, no wait) and TLS 1.3 (the probe listens until the server's ticket or alert).
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:tls';
import { buildScenario, startNodeTlsServer } from '../src-main/services/lab';
import { probe } from '../src-main/services/probe';
import { formatMs, formatRatio, markdownTable, median } from './stats';

const connections = Number(process.env.BENCH_PROBE_CONNECTIONS ?? 200);
const opensslRuns = Number(process.env.BENCH_PROBE_OPENSSL ?? 20);
const clientCertificateRuns = Number(process.env.BENCH_PROBE_CLIENT_CERT ?? 200);

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

/** With and without a client certificate request, per TLS version, interleaved. */
async function clientCertificateTable(): Promise<string> {
  const scenario = await buildScenario('client-auth');
  const rows: (string | number)[][] = [];
  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    const plain = await startNodeTlsServer({
      chain: scenario.presented,
      minVersion: version,
      maxVersion: version,
    });
    const asking = await startNodeTlsServer({
      chain: scenario.presented,
      minVersion: version,
      maxVersion: version,
      requestClientCert: true,
      clientCa: [scenario.others.clientRoot],
    });
    const targets = { plain: `127.0.0.1:${plain.port}`, asking: `127.0.0.1:${asking.port}` };
    for (let i = 0; i < 20; i++) {
      await probe({ target: targets.plain });
      await probe({ target: targets.asking });
    }
    const times = { plain: [] as number[], asking: [] as number[] };
    const waits: number[] = [];
    for (let i = 0; i < clientCertificateRuns; i++) {
      times.plain.push(await time(() => probe({ target: targets.plain })));
      const started = performance.now();
      const result = await probe({ target: targets.asking });
      times.asking.push(performance.now() - started);
      if (!result.handshake.certificateRequest)
        throw new Error('the server did not ask for a client certificate');
      waits.push(result.timings.verdictWaitMs ?? 0);
    }
    await plain.close();
    await asking.close();
    const [mPlain, mAsking] = [median(times.plain), median(times.asking)];
    rows.push([
      version.replace('TLSv', 'TLS '),
      formatMs(mAsking),
      formatMs(mPlain),
      formatRatio(mAsking / mPlain),
      formatMs(median(waits)),
      version === 'TLSv1.2' ? `≤ 1.2×: ${mAsking / mPlain <= 1.2 ? 'met' : 'NOT met'}` : '(none set)',
    ]);
  }
  return [
    markdownTable(
      [
        'version',
        'server asks for a client certificate',
        'same server, no request (baseline)',
        'ratio',
        'of which waiting for the verdict',
        'goal',
      ],
      rows,
    ),
    '',
    `Medians of ${clientCertificateRuns} probes each, interleaved, Node TLS servers, ECDSA P-256, 2-certificate chain, loopback, no client certificate offered. TLS 1.3: the server's verdict (its ticket here) comes a round trip after our Finished.`,
  ].join('\n');
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
  const clientCertificate = await clientCertificateTable();
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
    '',
    '### A server that asks for a client certificate',
    '',
    clientCertificate,
  ].join('\n');
}
