/**
 * Chromium's verdict: Debian's `chromium`, headless, loads https://HOST:PORT/ from a local server
 * presenting the case's chain; `--host-resolver-rules` sends every name to 127.0.0.1. The case's
 * anchors are imported with `certutil` into a fresh NSS shared database in a throwaway HOME,
 * which is where Chromium on Linux reads locally trusted roots from (beside the Chrome Root Store
 * compiled into it; NSS's own built-in roots are ignored). A refusal is the page load's
 * net::ERR_* code. One browser serves many cases; cases whose anchors could vouch for one
 * another's chains are put in separate browsers.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../../e2e/support/browser';
import { assertAiaServed } from '../aia';
import { hasLiveServer, isNow, namesOf, type ClientCase, type Verdict } from '../case';
import { acceptedBody, withCaseServers } from '../server';
import { requireCommand, requireOnPath, trimRaw, type ClientInfo } from './common';

export function chromiumUnsupported(testCase: ClientCase): string | undefined {
  if (!hasLiveServer(testCase)) return 'no private key: no server can present the chain';
  if (!isNow(testCase)) return 'a browser verifies at the current time only';
  if (!testCase.host || testCase.host.kind === 'email')
    return 'a browser always checks a DNS name or IP address';
  return undefined;
}

export function chromiumInfo(): ClientInfo {
  const path = chromiumPath();
  requireCommand(path, ['--version'], 'chromium');
  requireOnPath('certutil', 'libnss3-tools');
  const version = execFileSync(path, ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  return {
    client: 'chromium',
    version,
    notes:
      "Chrome Root Store built in + local anchors from the user's NSS shared DB (NSS built-in roots ignored); AIA fetching on; verdict = the page load's net::ERR_* code",
  };
}

/**
 * Groups cases so that no case shares a browser with an anchor it doesn't trust but whose subject
 * names an issuer in its chain (that anchor could make a refused chain pass).
 */
export function browserBatches(cases: ClientCase[]): ClientCase[][] {
  interface Batch {
    cases: ClientCase[];
    anchors: Map<string, Uint8Array>;
  }
  const batches: Batch[] = [];
  const key = (der: Uint8Array) => Buffer.from(der).toString('base64');
  const issuersOf = (testCase: ClientCase) =>
    new Set(
      [...testCase.presented, ...Object.values(testCase.aia ?? {})]
        .map((der) => namesOf(der)?.issuer)
        .filter((name): name is string => name !== undefined),
    );
  const conflicts = (
    own: Set<string>,
    issuers: Set<string>,
    anchors: Iterable<[string, Uint8Array]>,
  ): boolean => {
    for (const [id, der] of anchors) {
      if (own.has(id)) continue;
      const subject = namesOf(der)?.subject;
      if (subject === undefined || issuers.has(subject)) return true;
    }
    return false;
  };
  for (const testCase of cases) {
    const own = new Set(testCase.anchors.map(key));
    const issuers = issuersOf(testCase);
    const fits = batches.find(
      (batch) =>
        !conflicts(own, issuers, batch.anchors) &&
        batch.cases.every(
          (other) =>
            !conflicts(
              new Set(other.anchors.map(key)),
              issuersOf(other),
              testCase.anchors.map((der) => [key(der), der] as [string, Uint8Array]),
            ),
        ),
    );
    const batch: Batch = fits ?? { cases: [], anchors: new Map() };
    if (!fits) batches.push(batch);
    batch.cases.push(testCase);
    for (const der of testCase.anchors) batch.anchors.set(key(der), der);
  }
  return batches.map((batch) => batch.cases);
}

/** A fresh HOME whose NSS shared DB trusts exactly `anchors` as CAs for TLS servers. */
async function homeTrusting(anchors: Uint8Array[]): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'certscope-chromium-home-'));
  // Since M146 Chromium's default NSS DB is ~/.local/share/pki/nssdb (~/.pki/nssdb only if it exists).
  const db = join(home, '.local/share/pki/nssdb');
  await mkdir(db, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password'], { stdio: 'pipe' });
  for (const [index, der] of anchors.entries()) {
    const file = join(home, `anchor-${index}.der`);
    await writeFile(file, der);
    execFileSync(
      'certutil',
      ['-A', '-d', `sql:${db}`, '-n', `certscope-anchor-${index}`, '-t', 'C,,', '-i', file],
      {
        stdio: 'pipe',
      },
    );
  }
  return home;
}

async function launch(home: string, netLog: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local/share') },
    args: [
      ...chromiumFlags,
      '--host-resolver-rules=MAP * 127.0.0.1',
      // The NetLog carries the path builder's own errors behind each net::ERR_CERT_* code.
      `--log-net-log=${netLog}`,
      '--net-log-capture-mode=Default',
    ],
  });
}

export async function runChromium(cases: ClientCase[]): Promise<Verdict[]> {
  for (const testCase of cases) {
    const why = chromiumUnsupported(testCase);
    if (why) throw new Error(`Chromium can't run ${testCase.id}: ${why}`);
    await assertAiaServed(testCase);
  }
  if (cases.length === 0) return [];
  chromiumInfo();
  const byId = new Map<string, Verdict>();
  for (const batch of browserBatches(cases)) {
    for (const verdict of await runBatch(batch)) byId.set(verdict.caseId, verdict);
  }
  return cases.map((testCase) => byId.get(testCase.id)!);
}

async function runBatch(cases: ClientCase[]): Promise<Verdict[]> {
  const anchors = new Map(
    cases.flatMap((testCase) => testCase.anchors.map((der) => [Buffer.from(der).toString('base64'), der])),
  );
  const home = await homeTrusting([...anchors.values()]);
  const netLog = join(home, 'netlog.json');
  try {
    const browser = await launch(home, netLog);
    let verdicts: Verdict[];
    try {
      verdicts = await withCaseServers(cases, async (ports) => {
        const loaded: Verdict[] = [];
        for (const testCase of cases) loaded.push(await load(browser, testCase, ports.get(testCase.id)!));
        return loaded;
      });
    } finally {
      await browser.close();
    }
    const details = await verifierDetails(netLog);
    return verdicts.map((verdict, index) => withDetails(verdict, details.get(leafKey(cases[index]))));
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

const leafKey = (testCase: ClientCase) => Buffer.from(testCase.presented[0]).toString('base64');

interface VerifierDetail {
  /** ERROR lines of the paths the builder tried, each with the certificate it is about. */
  errors: string[];
  /** How the path's last certificate was trusted, e.g. TRUSTED_ANCHOR+enforce_anchor_expiry. */
  lastCertTrust: string[];
  rootStoreVersion?: number;
}

/** What Chromium's certificate verifier logged, per target certificate (base64 DER). */
async function verifierDetails(netLogPath: string): Promise<Map<string, VerifierDetail>> {
  const details = new Map<string, VerifierDetail>();
  let log: NetLog;
  try {
    const text = await readFile(netLogPath, 'utf8');
    // A browser that didn't shut down cleanly leaves the events list unclosed.
    log = JSON.parse(/\}\s*$/.test(text) ? text : `${text.replace(/,\s*$/, '')}]}`) as NetLog;
  } catch {
    return details;
  }
  const typeNames = new Map(Object.entries(log.constants.logEventTypes).map(([name, id]) => [id, name]));
  const bySource = new Map<number, VerifierDetail>();
  for (const event of log.events) {
    const type = typeNames.get(event.type);
    if (!type?.startsWith('CERT_VERIFY_PROC') || !event.params) continue;
    let detail = bySource.get(event.source.id);
    if (type === 'CERT_VERIFY_PROC' && Array.isArray(event.params.certificates)) {
      detail = { errors: [], lastCertTrust: [] };
      bySource.set(event.source.id, detail);
      const target = pemBody(String(event.params.certificates[0]));
      details.set(target, detail);
    }
    if (!detail) continue;
    if (type === 'CERT_VERIFY_PROC_CHROME_ROOT_STORE_VERSION')
      detail.rootStoreVersion = Number(event.params.version_major);
    if (type === 'CERT_VERIFY_PROC_PATH_BUILT') {
      const trust = event.params.last_cert_trust;
      if (typeof trust === 'string' && !detail.lastCertTrust.includes(trust))
        detail.lastCertTrust.push(trust);
      const errors = typeof event.params.errors === 'string' ? event.params.errors : '';
      let about = '';
      for (const line of errors.split('\n')) {
        const heading = /^----- Certificate i=(\d+) \((.*)\) -----$/.exec(line);
        if (heading) about = `certificate ${heading[1]} (${heading[2]})`;
        const error = /^ERROR: (.*)$/.exec(line);
        const text = error ? `${error[1]}${about ? ` [${about}]` : ''}` : undefined;
        if (text && !detail.errors.includes(text)) detail.errors.push(text);
      }
    }
  }
  return details;
}

interface NetLog {
  constants: { logEventTypes: Record<string, number> };
  events: { type: number; source: { id: number }; params?: Record<string, unknown> }[];
}

function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');
}

function withDetails(verdict: Verdict, detail: VerifierDetail | undefined): Verdict {
  if (!detail) return verdict;
  const facts = [
    detail.errors.length ? `path builder: ${detail.errors.join('; ')}` : '',
    detail.lastCertTrust.length ? `last_cert_trust: ${detail.lastCertTrust.join(', ')}` : '',
    detail.rootStoreVersion !== undefined ? `Chrome Root Store v${detail.rootStoreVersion}` : '',
  ].filter(Boolean);
  return {
    ...verdict,
    reason:
      !verdict.accepted && detail.errors.length
        ? `${verdict.reason}: ${detail.errors.join('; ')}`
        : verdict.reason,
    raw: trimRaw(`${verdict.raw}\n${facts.join('\n')}`),
  };
}

const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');

async function load(browser: Browser, testCase: ClientCase, port: number): Promise<Verdict> {
  const host = testCase.host!.value;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  const started = performance.now();
  // A context per case: no connection, session or cache carried from one case to the next.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let accepted = false;
    let reason: string;
    let raw: string;
    try {
      const response = await page.goto(url, { timeout: 30_000, waitUntil: 'load' });
      const body = (await response?.text()) ?? '';
      accepted = body.includes(acceptedBody);
      reason = accepted ? 'ok' : `loaded, but not the case server's page (status ${response?.status()})`;
      raw = `${response?.status()} ${body.slice(0, 200)}`;
    } catch (error) {
      // Playwright colours its call log; keep the text.
      const message = (error instanceof Error ? error.message : String(error)).replace(ansiColour, '');
      reason = /net::ERR_[A-Z0-9_]+/.exec(message)?.[0] ?? message.split('\n')[0];
      raw = message;
    }
    return {
      client: 'chromium',
      caseId: testCase.id,
      accepted,
      reason,
      raw: trimRaw(raw),
      mode: 'page load (headless, NSS DB anchors)',
      ms: performance.now() - started,
    };
  } finally {
    await context.close();
  }
}
