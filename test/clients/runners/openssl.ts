/**
 * OpenSSL's verdict, two ways:
 * - `s_client`: a real TLS handshake by libssl against a server presenting the case's chain, with
 *   the flags that make it decide like curl, Python or Node (`-verify_return_error`, the host
 *   checked, the case's anchors only). libssl applies its security level here (SHA-1, RSA-1024).
 * - `openssl verify`: the same X509 verifier on files, for cases no server can present (x509-limbo
 *   has no private keys) or with a validation time in the past. Default flags, as libssl uses
 *   them (no `-x509_strict`), `-purpose sslserver` as libssl sets for a client; it skips libssl's
 *   security level, so it accepts SHA-1 and RSA-1024 chains that s_client refuses.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasLiveServer, isNow, pemBundle, type ClientCase, type Verdict } from '../case';
import { startCaseServer } from '../server';
import { placeholderAnchor, requireCommand, trimRaw, type ClientInfo } from './common';

export type OpensslMode = 's_client' | 'verify';

export function opensslInfo(): ClientInfo {
  requireCommand('openssl', ['version'], 'openssl');
  const text = execFileSync('openssl', ['version', '-a'], { encoding: 'utf8' });
  const version = text.split('\n')[0].trim();
  const compiled = /-DOPENSSL_TLS_SECURITY_LEVEL=(\d)/.exec(text)?.[1];
  const configFile = join(/OPENSSLDIR: "([^"]+)"/.exec(text)?.[1] ?? '/usr/lib/ssl', 'openssl.cnf');
  const configured = existsSync(configFile)
    ? /^\s*CipherString\s*=.*@SECLEVEL=(\d)/m.exec(readFileSync(configFile, 'utf8'))?.[1]
    : undefined;
  const level = configured ?? compiled ?? '1';
  const source = configured
    ? `set by ${configFile}`
    : compiled
      ? `built with -DOPENSSL_TLS_SECURITY_LEVEL=${compiled}; ${configFile} sets none`
      : `OpenSSL 3.0's own default; ${configFile} sets none`;
  return { client: 'openssl', version, notes: `default security level ${level} (${source})` };
}

/** Why OpenSSL can't run a case in this mode, or undefined when it can. */
export function opensslUnsupported(testCase: ClientCase, mode: OpensslMode): string | undefined {
  if (mode === 'verify') return undefined;
  if (!hasLiveServer(testCase)) return 'no private key: no server can present the chain';
  if (!isNow(testCase)) return 'a TLS handshake verifies at the current time only';
  return undefined;
}

/** s_client where a server can present the case now, `openssl verify` otherwise. */
export function opensslModeFor(testCase: ClientCase): OpensslMode {
  return opensslUnsupported(testCase, 's_client') ? 'verify' : 's_client';
}

export async function runOpenssl(
  testCase: ClientCase,
  mode: OpensslMode,
  client: 'openssl' | 'openssl-verify' = mode === 's_client' ? 'openssl' : 'openssl-verify',
): Promise<Verdict> {
  const why = opensslUnsupported(testCase, mode);
  if (why) throw new Error(`openssl ${mode} can't run ${testCase.id}: ${why}`);
  const dir = await mkdtemp(join(tmpdir(), 'certscope-openssl-'));
  const started = performance.now();
  try {
    const anchors = join(dir, 'anchors.pem');
    const anchorDers = testCase.anchors.length ? testCase.anchors : [await placeholderAnchor()];
    await writeFile(anchors, pemBundle(anchorDers));
    const outcome =
      mode === 's_client' ? await sClient(testCase, dir, anchors) : await verify(testCase, dir, anchors);
    return {
      client,
      caseId: testCase.id,
      ...outcome,
      mode: mode === 's_client' ? 's_client (TLS handshake)' : 'openssl verify',
      ms: performance.now() - started,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Outcome {
  accepted: boolean;
  reason: string;
  raw: string;
}

function nameArgs(testCase: ClientCase): string[] {
  const host = testCase.host;
  if (!host) return [];
  if (host.kind === 'ip') return ['-verify_ip', host.value];
  if (host.kind === 'email') return ['-verify_email', host.value];
  return ['-verify_hostname', host.value];
}

async function sClient(testCase: ClientCase, _dir: string, anchors: string): Promise<Outcome> {
  const server = await startCaseServer(testCase);
  try {
    const sni = testCase.host?.kind === 'dns' ? ['-servername', testCase.host.value] : ['-noservername'];
    const args = [
      's_client',
      '-connect',
      `127.0.0.1:${server.port}`,
      ...sni,
      '-verify_return_error',
      ...nameArgs(testCase),
      '-CAfile',
      anchors,
      '-no-CApath',
      '-no-CAstore',
    ];
    const { code, output } = await run('openssl', args);
    const verifyError = /verify error:num=(\d+):([^\n]*)/.exec(output);
    const accepted = code === 0 && /Verify return code: 0 \(ok\)/.test(output);
    const reason = accepted
      ? 'ok'
      : verifyError
        ? `X509_V_ERR ${verifyError[1]}: ${verifyError[2].trim()}`
        : (lastErrorLine(output) ?? `s_client exited ${code}`);
    return { accepted, reason, raw: trimRaw(output) };
  } finally {
    await server.close();
  }
}

async function verify(testCase: ClientCase, dir: string, anchors: string): Promise<Outcome> {
  const leaf = join(dir, 'leaf.pem');
  await writeFile(leaf, pemBundle(testCase.presented.slice(0, 1)));
  const args = ['verify', '-CAfile', anchors, '-no-CApath', '-no-CAstore'];
  args.push('-purpose', testCase.purpose === 'clientAuth' ? 'sslclient' : 'sslserver');
  args.push(...nameArgs(testCase));
  if (testCase.at) args.push('-attime', String(Math.floor(testCase.at.getTime() / 1000)));
  if (testCase.maxDepth !== undefined) args.push('-verify_depth', String(testCase.maxDepth));
  if (testCase.presented.length > 1) {
    const untrusted = join(dir, 'untrusted.pem');
    await writeFile(untrusted, pemBundle(testCase.presented.slice(1)));
    args.push('-untrusted', untrusted);
  }
  if (testCase.crls?.length) {
    const crls = join(dir, 'crls.pem');
    await writeFile(crls, pemBundle(testCase.crls, 'X509 CRL'));
    args.push('-crl_check', '-CRLfile', crls);
  }
  args.push(leaf);
  const { code, output } = await run('openssl', args);
  const error = /error (\d+) at (\d+) depth lookup: ([^\n]*)/.exec(output);
  const accepted = code === 0 && /: OK\s*$/m.test(output);
  const reason = accepted
    ? 'ok'
    : error
      ? `X509_V_ERR ${error[1]}: ${error[3].trim()} (depth ${error[2]})`
      : (lastErrorLine(output) ?? `openssl verify exited ${code}`);
  return { accepted, reason, raw: trimRaw(output) };
}

function lastErrorLine(output: string): string | undefined {
  const lines = output.split('\n').filter((line) => /error/i.test(line));
  const line = lines.at(-1);
  // `40E7…:error:0A000086:SSL routines:func:reason:file:line:` → the reason.
  return line?.replace(/^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]*):.*$/, '$1').trim();
}

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { timeout: 20_000, maxBuffer: 4 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return reject(error);
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
    // s_client reads stdin after the handshake; closing it ends the session cleanly.
    child.stdin?.end();
  });
}
