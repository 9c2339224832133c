/**
 * Java's verdict: `harness/TlsVerdict.java` compiled with Debian's `javac` once per process, then
 * one JVM for a batch, each case a real TLS handshake against a local server presenting its chain.
 * The JVM runs with the JDK's own security properties (java.security as shipped).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { hasLiveServer, isNow, pemBundle, type ClientCase, type Verdict } from '../case';
import { withCaseServers } from '../server';
import {
  buildHarness,
  placeholderAnchor,
  requireCommand,
  runBatchProcess,
  trimRaw,
  type ClientInfo,
} from './common';

const source = resolve(import.meta.dirname, '../harness/TlsVerdict.java');

export function javaUnsupported(testCase: ClientCase): string | undefined {
  if (!hasLiveServer(testCase)) return 'no private key: no server can present the chain';
  if (!isNow(testCase)) return 'a TLS handshake verifies at the current time only';
  return undefined;
}

/** A `key=value` property from the JDK's java.security (continuation lines joined). */
function securityProperty(name: string): string | undefined {
  try {
    const javaHome = dirname(
      dirname(realpathSync(execFileSync('which', ['java'], { encoding: 'utf8' }).trim())),
    );
    const text = readFileSync(join(javaHome, 'conf/security/java.security'), 'utf8').replace(/\\\n\s*/g, '');
    return new RegExp(`^${name.replace(/\./g, '\\.')}=(.*)$`, 'm').exec(text)?.[1].trim();
  } catch {
    return undefined;
  }
}

export function javaInfo(): ClientInfo {
  requireCommand('java', ['-version'], 'default-jdk-headless');
  requireCommand('javac', ['-version'], 'default-jdk-headless');
  // `java -version` writes to stderr.
  const printed = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return {
    client: 'java',
    version: `${printed.stderr}${printed.stdout}`.trim().split('\n').slice(0, 2).join('; '),
    notes: `default X509TrustManager (PKIX) with HTTPS endpoint identification; jdk.certpath.disabledAlgorithms=${securityProperty('jdk.certpath.disabledAlgorithms') ?? '?'}; AIA fetching off (com.sun.security.enableAIAcaIssuers unset), revocation off`,
  };
}

let compiled: Promise<string> | undefined;

/** The folder holding TlsVerdict.class, compiled once per process. */
export function javaHarness(): Promise<string> {
  requireCommand('javac', ['-version'], 'default-jdk-headless');
  compiled ??= buildHarness('javac', (dir) => ['-d', dir, source]);
  return compiled;
}

export async function runJava(cases: ClientCase[]): Promise<Verdict[]> {
  for (const testCase of cases) {
    const why = javaUnsupported(testCase);
    if (why) throw new Error(`Java can't run ${testCase.id}: ${why}`);
  }
  if (cases.length === 0) return [];
  const classes = await javaHarness();
  requireCommand('java', ['-version'], 'default-jdk-headless');
  const dir = await mkdtemp(join(tmpdir(), 'certscope-java-cases-'));
  try {
    return await withCaseServers(cases, async (ports) => {
      const lines: string[] = [];
      for (const [index, testCase] of cases.entries()) {
        const anchors = join(dir, `anchors-${index}.pem`);
        await writeFile(
          anchors,
          pemBundle(testCase.anchors.length ? testCase.anchors : [await placeholderAnchor()]),
        );
        const host = testCase.host ?? { kind: 'dns', value: 'localhost' };
        lines.push([testCase.id, ports.get(testCase.id), host.value, host.kind, anchors].join('\t'));
      }
      const started = performance.now();
      const output = await runBatchProcess(
        'Java harness',
        'java',
        ['-cp', classes, 'TlsVerdict'],
        lines.join('\n') + '\n',
        {
          timeoutMs: 300_000,
        },
      );
      const perCase = (performance.now() - started) / cases.length;
      const answers = output.split('\n').filter(Boolean);
      if (answers.length !== cases.length)
        throw new Error(`Java harness answered ${answers.length} of ${cases.length}:\n${output}`);
      return answers.map((answer, index): Verdict => {
        const [id, outcome, reason, raw] = answer.split('\t');
        if (id !== cases[index].id) throw new Error(`Java harness answered ${id} for ${cases[index].id}`);
        return {
          client: 'java',
          caseId: id,
          accepted: outcome === 'ACCEPT',
          reason,
          raw: trimRaw(raw ?? ''),
          mode: 'TLS handshake (default X509TrustManager, HTTPS endpoint identification)',
          ms: perCase,
        };
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
