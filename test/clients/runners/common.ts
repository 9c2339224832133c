/** What every runner needs: its client present (or a loud failure), a version line, a few helpers. */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueCert } from '../../../src-main/services/lab';
import type { ClientName } from '../case';

export interface ClientInfo {
  client: ClientName;
  /** The client's own version line. */
  version: string;
  /** Settings that shape its verdicts (security level, disabled algorithms…). */
  notes: string;
}

/** Throws (never skips) when a client's command is missing, naming the Debian package to install. */
export function requireCommand(command: string, args: string[], debianPackage: string): void {
  const result = spawnSync(command, args, { stdio: 'pipe', timeout: 60_000 });
  if (result.error || result.status !== 0) {
    const why = result.error?.message ?? `exit ${result.status}: ${String(result.stderr).trim()}`;
    throw new Error(
      `${command} is needed to ask the real client for its verdict and it can't run (${why}); ` +
        `install Debian's \`${debianPackage}\` (.ci/run does).`,
    );
  }
}

let placeholder: Promise<Uint8Array> | undefined;

/**
 * Clients refuse an empty trust store in their own ways (Java throws before connecting); a case
 * with no anchors gets this one instead, a root that vouches for nothing in any case.
 */
export function placeholderAnchor(): Promise<Uint8Array> {
  placeholder ??= issueCert({
    commonName: 'Certscope placeholder anchor (trusts nothing here)',
    isCa: true,
  }).then((certificate) => certificate.der);
  return placeholder;
}

/** Client output kept in a verdict: enough to see why, never megabytes. */
export function trimRaw(output: string, limit = 4000): string {
  const text = output.replace(/\r/g, '').trim();
  return text.length > limit ? `${text.slice(0, limit)}\n… (${text.length - limit} more characters)` : text;
}

/** Throws when `command` isn't on PATH (for tools without a harmless version flag, like certutil). */
export function requireOnPath(command: string, debianPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'pipe' });
  if (found.status !== 0)
    throw new Error(
      `${command} is needed to ask the real client for its verdict and it is not installed; ` +
        `install Debian's \`${debianPackage}\` (.ci/run does).`,
    );
}

/**
 * Runs a batch harness: `input` on stdin, its stdout back. A non-zero exit or the time budget
 * running out (the process is killed) fails the batch with what it wrote to stderr.
 */
export function runBatchProcess(
  label: string,
  command: string,
  args: string[],
  input: string,
  options: { env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${label} exited ${code ?? signal}: ${stderr.trim()}`));
    });
    child.stdin.end(input);
  });
}

/**
 * Builds a harness into a fresh temp folder (removed when the process exits) and resolves to that
 * folder; `args` gets the folder to write into.
 */
export function buildHarness(
  command: string,
  args: (dir: string) => string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const dir = mkdtempSync(join(tmpdir(), `certscope-${command}-`));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    execFile(
      command,
      args(dir),
      { env: options.env ?? process.env, cwd: dir, timeout: 300_000 },
      (error, _out, stderr) =>
        error ? reject(new Error(`${command} failed: ${stderr || error.message}`)) : resolve(dir),
    );
  });
}
