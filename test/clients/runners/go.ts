/**
 * Go's verdict: `harness/verify.go` (standard library only) built with Debian's `go` once per
 * process into a temp folder, then one process for a whole batch (JSON lines in, verdicts out).
 * Nothing is downloaded: GOPROXY=off and GO111MODULE=off (a lone file of the standard library).
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ClientCase, Verdict } from '../case';
import { buildHarness, requireCommand, runBatchProcess, trimRaw, type ClientInfo } from './common';

const source = resolve(import.meta.dirname, '../harness/verify.go');

function goEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GOPROXY: 'off',
    GO111MODULE: 'off',
    GOFLAGS: '',
    CGO_ENABLED: '0',
  };
  // The verdict is Go's default one: no GODEBUG switch (e.g. x509sha1=1) leaks in from outside.
  delete env.GODEBUG;
  // `go build` needs a cache folder; a bare environment (no HOME) gets one in the temp folder.
  if (!env.GOCACHE && !env.HOME && !env.XDG_CACHE_HOME) env.GOCACHE = join(tmpdir(), 'certscope-go-cache');
  return env;
}

export function goInfo(): ClientInfo {
  requireCommand('go', ['version'], 'golang-go');
  const version = execFileSync('go', ['version'], { encoding: 'utf8', env: goEnv() }).trim();
  return {
    client: 'go',
    version,
    notes:
      'crypto/x509 Verify as crypto/tls calls it (Roots = anchors, Intermediates = the rest of the chain, DNSName, KeyUsages); default GODEBUG; no AIA fetching, no revocation',
  };
}

let built: Promise<string> | undefined;

/** The harness binary, built once per process. */
export function goHarness(): Promise<string> {
  requireCommand('go', ['version'], 'golang-go');
  built ??= buildHarness('go', (dir) => ['build', '-trimpath', '-o', join(dir, 'verify'), source], {
    env: goEnv(),
  }).then((dir) => join(dir, 'verify'));
  return built;
}

interface GoVerdict {
  id: string;
  accepted: boolean;
  reason: string;
  raw: string;
}

export async function runGo(cases: ClientCase[]): Promise<Verdict[]> {
  if (cases.length === 0) return [];
  const binary = await goHarness();
  const started = performance.now();
  const lines = cases.map((testCase) =>
    JSON.stringify({
      id: testCase.id,
      anchors: testCase.anchors.map((der) => Buffer.from(der).toString('base64')),
      presented: testCase.presented.map((der) => Buffer.from(der).toString('base64')),
      host: testCase.host?.value ?? '',
      hostKind: testCase.host?.kind ?? '',
      time: testCase.at?.toISOString().replace(/\.\d{3}Z$/, 'Z') ?? '',
      purpose: testCase.purpose ?? 'serverAuth',
    }),
  );
  const output = await runBatchProcess('Go harness', binary, [], lines.join('\n') + '\n', {
    env: goEnv(),
    timeoutMs: 120_000,
  });
  const perCase = (performance.now() - started) / cases.length;
  const verdicts = output
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as GoVerdict);
  if (verdicts.length !== cases.length)
    throw new Error(`Go harness answered ${verdicts.length} of ${cases.length} cases`);
  return verdicts.map((verdict, index) => {
    if (verdict.id !== cases[index].id)
      throw new Error(`Go harness answered ${verdict.id} for ${cases[index].id}`);
    return {
      client: 'go',
      caseId: verdict.id,
      accepted: verdict.accepted,
      reason: verdict.reason,
      raw: trimRaw(verdict.raw),
      mode: 'crypto/x509 Verify',
      ms: perCase,
    };
  });
}
