/** What every runner needs: its client present (or a loud failure), a version line, a few helpers. */
import { spawnSync } from 'node:child_process';
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
