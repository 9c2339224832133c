/**
 * Go's verdict: `harness/verify.go` (standard library only) built with Debian's `go` once per
 * process into a temp folder, then one process for a whole batch (JSON lines in, verdicts out).
 * Nothing is downloaded: GOPROXY=off and GO111MODULE=off (a lone file of the standard library).
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ClientCase, Verdict } from '../case';
import { requireCommand, trimRaw, type ClientInfo } from './common';

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
  built ??= new Promise((resolveBinary, reject) => {
    requireCommand('go', ['version'], 'golang-go');
    const dir = mkdtempSync(join(tmpdir(), 'certscope-go-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const binary = join(dir, 'verify');
    execFile(
      'go',
      ['build', '-trimpath', '-o', binary, source],
      { env: goEnv(), cwd: dir, timeout: 300_000 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`go build failed: ${stderr || error.message}`)) : resolveBinary(binary),
    );
  });
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
  const output = await new Promise<string>((resolveOutput, reject) => {
    const child = spawn(binary, [], { env: goEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolveOutput(stdout);
      else reject(new Error(`Go harness exited ${code}: ${stderr}`));
    });
    child.stdin.end(lines.join('\n') + '\n');
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
