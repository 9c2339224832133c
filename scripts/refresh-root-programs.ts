/**
 * `npm run refresh:root-programs`: rebuilds resources/root-programs/ (programs.json + roots.pem)
 * from a snapshot of the root programs — by default ../shared/trust-stores, the team's copy of
 * trust_stores_observatory's lists and the Chrome Root Store — checking every PEM's SHA-256
 * against its list on the way. `--check` rebuilds in memory and fails unless the shipped files are
 * exactly what the snapshot gives and every shipped certificate hashes to its entry.
 * docs/root-programs.md has the whole procedure, including refreshing the snapshot from upstream.
 *
 *   npm run refresh:root-programs [-- --from DIR] [--out DIR] [--check]
 *   npm run refresh:root-programs -- --upstream [--snapshot DIR] [--observatory URL] [--chromium URL] [--out DIR]
 * With --upstream, a fresh snapshot is first fetched from the programs' upstream sources (see
 * ./root-programs-upstream.ts) into --snapshot (default: a new temporary folder), then built.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeInput } from '../src-core/inspect/decode-input';
import { readTlv } from '../src-core/asn1/der';
import { parseChromeConstraintSet } from '../src-core/trust/chrome-constraints';
import {
  readRootProgramIndex,
  rootProgramIds,
  rootProgramsSchemaVersion,
  type ChromeAdditionalFile,
  type RootFile,
  type RootProgram,
  type RootProgramId,
  type RootProgramsFile,
} from '../src-core/trust/root-programs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultSource = resolve(repoRoot, '../shared/trust-stores');
export const defaultOut = resolve(repoRoot, 'resources/root-programs');
const licenseFile = 'LICENSE.trust_stores_observatory';

/** Each program: its snapshot file's base name and what the app says about it. */
const programFiles: Record<RootProgramId, { file: string; name: string; usedBy: string }> = {
  chrome: {
    file: 'chrome_root_store',
    name: 'Chrome Root Store',
    usedBy: 'Chrome on Windows, macOS, Linux, ChromeOS and Android',
  },
  mozilla: {
    file: 'mozilla_nss',
    name: 'Mozilla NSS',
    usedBy: 'Firefox; the CA bundles of most Linux distributions, curl and Node',
  },
  apple: { file: 'apple', name: 'Apple', usedBy: 'Safari and every app on iOS, iPadOS, macOS 26' },
  microsoft: {
    file: 'microsoft_windows',
    name: 'Microsoft',
    usedBy: 'Windows (CryptoAPI: .NET, PowerShell, IIS and other Windows clients)',
  },
  android: { file: 'google_aosp', name: 'Android (AOSP)', usedBy: 'Android apps (not Chrome)' },
  openjdk: { file: 'openjdk', name: 'OpenJDK', usedBy: "Java apps on OpenJDK's cacerts" },
  oracle: { file: 'oracle_java', name: 'Oracle Java', usedBy: "Java apps on Oracle Java's cacerts" },
};

const chromeSourceUrl =
  'https://chromium.googlesource.com/chromium/src/+/main/net/data/ssl/chrome_root_store/root_store.textproto';

export class RefreshError extends Error {
  override name = 'RefreshError';
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The PEM certificates of a file, as DER, in order. */
export function readPemCertificates(text: string, file: string): Uint8Array[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block, index) => {
    const body = block.slice(27, -25).replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body))
      throw new RefreshError(`${file}: certificate ${index + 1} is not valid base64`);
    return new Uint8Array(Buffer.from(body, 'base64'));
  });
}

interface PlatformSnapshot {
  platform: string;
  version: string | null;
  source: string;
  date_fetched: string;
  trusted_sha256: string[];
  blocked_sha256: string[];
  missing_pem: unknown[];
}

interface ChromeSnapshot {
  version_major: number;
  source: string;
  /** Written by an upstream fetch; the team's snapshot doesn't record it. */
  date_fetched?: string;
  trust_anchors: {
    sha256: string;
    crs_root_id: number;
    ev_policy_oids?: string[];
    constraints?: Record<string, unknown>[];
    eutl?: boolean;
    trust_anchor_id?: { relative_oid: string };
    subject_comment?: string;
  }[];
  additional_certs: {
    sha256: string;
    eutl?: boolean;
    tls_trust_anchor?: boolean;
    trust_anchor_id?: { relative_oid: string };
    subject_comment?: string;
  }[];
  missing_pem: { section: string; sha256: string }[];
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new RefreshError(`${path}: ${(error as Error).message}`);
  }
}

/**
 * Every certificate of `file.pem` must hash to the entry at the same place in the JSON's list,
 * and the counts must agree. Returns the DER by SHA-256.
 */
function checkedCertificates(dir: string, file: string, listed: string[]): Map<string, Uint8Array> {
  const ders = readPemCertificates(readFileSync(join(dir, `${file}.pem`), 'utf8'), `${file}.pem`);
  if (ders.length !== listed.length)
    throw new RefreshError(
      `${file}.pem has ${ders.length} certificates, ${file}.json lists ${listed.length}`,
    );
  const bySha = new Map<string, Uint8Array>();
  ders.forEach((der, index) => {
    const actual = sha256(der);
    if (actual !== listed[index])
      throw new RefreshError(
        `${file}.pem certificate ${index + 1}: its SHA-256 is ${actual}, ${file}.json lists ${listed[index]} — the PEM or the list was changed`,
      );
    bySha.set(actual, der);
  });
  return bySha;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The SKI's key identifier (hex) from the extension's value (an OCTET STRING). */
function subjectKeyIdOf(value: Uint8Array): string | undefined {
  try {
    const octets = readTlv(value, 0);
    return octets.tag === 0x04
      ? Buffer.from(value.subarray(octets.contentStart, octets.contentEnd)).toString('hex')
      : undefined;
  } catch {
    return undefined;
  }
}

export interface BuiltRootPrograms {
  file: RootProgramsFile;
  /** roots.pem: each certificate with a comment line naming it. */
  pem: string;
}

/** Reads and checks a snapshot directory, then builds the shipped form. Throws RefreshError on any mismatch. */
export async function buildRootPrograms(dir: string): Promise<BuiltRootPrograms> {
  if (!existsSync(dir)) throw new RefreshError(`no snapshot at ${dir}`);
  const programs: RootProgram[] = [];
  const trusted = new Map<RootProgramId, Set<string>>();
  const blocked = new Map<RootProgramId, Set<string>>();
  const ders = new Map<string, Uint8Array>();
  let chrome: ChromeSnapshot | undefined;

  for (const id of rootProgramIds) {
    const meta = programFiles[id];
    if (id === 'chrome') {
      chrome = readJson<ChromeSnapshot>(join(dir, `${meta.file}.json`));
      const anchors = chrome.trust_anchors.map((anchor) => anchor.sha256);
      if (chrome.missing_pem.some((missing) => missing.section !== 'additional_certs'))
        throw new RefreshError(`${meta.file}.json: a trust anchor has no PEM`);
      if (chrome.date_fetched !== undefined && !isoDay.test(chrome.date_fetched))
        throw new RefreshError(`${meta.file}.json: date_fetched ${chrome.date_fetched} is not YYYY-MM-DD`);
      for (const [sha, der] of checkedCertificates(dir, meta.file, anchors)) ders.set(sha, der);
      trusted.set(id, new Set(anchors));
      blocked.set(id, new Set());
      programs.push({
        id,
        name: meta.name,
        usedBy: meta.usedBy,
        version: String(chrome.version_major),
        fetched: chrome.date_fetched ?? null,
        source: chrome.source.startsWith('chromium ') ? chromeSourceUrl : chrome.source,
        trusted: anchors.length,
        blocked: 0,
      });
      continue;
    }
    const snapshot = readJson<PlatformSnapshot>(join(dir, `${meta.file}.json`));
    if (snapshot.missing_pem.length) throw new RefreshError(`${meta.file}.json: some roots have no PEM`);
    if (!isoDay.test(snapshot.date_fetched))
      throw new RefreshError(`${meta.file}.json: date_fetched ${snapshot.date_fetched} is not YYYY-MM-DD`);
    for (const [sha, der] of checkedCertificates(dir, meta.file, snapshot.trusted_sha256)) ders.set(sha, der);
    trusted.set(id, new Set(snapshot.trusted_sha256));
    blocked.set(id, new Set(snapshot.blocked_sha256));
    programs.push({
      id,
      name: meta.name,
      usedBy: meta.usedBy,
      version: snapshot.version,
      fetched: snapshot.date_fetched,
      source: snapshot.source,
      trusted: snapshot.trusted_sha256.length,
      blocked: snapshot.blocked_sha256.length,
    });
  }
  if (!chrome) throw new RefreshError('no Chrome Root Store in the snapshot');

  const chromeAnchors = new Map(chrome.trust_anchors.map((anchor) => [anchor.sha256, anchor]));
  const roots: RootFile[] = [];
  // A stable order: by short name, then SHA-256 — a refresh diff shows roots added and removed.
  const facts: { root: RootFile; der: Uint8Array }[] = [];
  for (const [sha, der] of ders) {
    const decoded = await decodeInput({ name: sha, bytes: der });
    const certificate = decoded.items[0];
    if (!certificate || decoded.items.length !== 1)
      throw new RefreshError(
        `root ${sha}: not one readable certificate (${decoded.errors[0]?.message ?? ''})`,
      );
    const ski = certificate.extensions.find((extension) => extension.oid === '2.5.29.14');
    const anchor = chromeAnchors.get(sha);
    const trustedBy = rootProgramIds.filter((id) => trusted.get(id)?.has(sha));
    const blockedBy = rootProgramIds.filter((id) => blocked.get(id)?.has(sha));
    const subjectKeyId = ski ? subjectKeyIdOf(ski.value) : undefined;
    const root: RootFile = {
      sha256: sha,
      subject: certificate.subject,
      name: certificate.subjectDisplayName,
      notBefore: certificate.notBefore.toISOString(),
      notAfter: certificate.notAfter.toISOString(),
      spkiSha256: certificate.fingerprints.spkiSha256,
      ...(subjectKeyId ? { subjectKeyId } : {}),
      trustedBy,
      ...(blockedBy.length ? { blockedBy } : {}),
    };
    if (anchor) {
      // Parsed here too, so an unknown constraint fails the refresh rather than the app.
      for (const set of anchor.constraints ?? []) {
        try {
          parseChromeConstraintSet(set);
        } catch (error) {
          throw new RefreshError(`Chrome anchor ${sha}: ${(error as Error).message}`);
        }
      }
      root.chrome = {
        crsRootId: anchor.crs_root_id,
        ...(anchor.ev_policy_oids?.length ? { evPolicyOids: anchor.ev_policy_oids } : {}),
        ...(anchor.constraints?.length ? { constraints: anchor.constraints } : {}),
        ...(anchor.eutl ? { eutl: true } : {}),
        ...(anchor.trust_anchor_id ? { trustAnchorId: anchor.trust_anchor_id.relative_oid } : {}),
      };
    }
    facts.push({ root, der });
  }
  facts.sort(
    (a, b) => a.root.name.localeCompare(b.root.name, 'en') || a.root.sha256.localeCompare(b.root.sha256),
  );
  roots.push(...facts.map((fact) => fact.root));

  const known = new Set(roots.map((root) => root.sha256));
  const blockedOnly = [...new Set([...blocked.values()].flatMap((set) => [...set]))]
    .filter((sha) => !known.has(sha))
    .sort()
    .map((sha) => ({ sha256: sha, blockedBy: rootProgramIds.filter((id) => blocked.get(id)?.has(sha)) }));

  const additional: ChromeAdditionalFile[] = chrome.additional_certs.map((cert) => ({
    sha256: cert.sha256,
    subject: (cert.subject_comment ?? '').replace(/^"|"$/g, ''),
    ...(cert.eutl ? { eutl: true } : {}),
    ...(cert.tls_trust_anchor ? { tlsTrustAnchor: true } : {}),
    ...(cert.trust_anchor_id ? { trustAnchorId: cert.trust_anchor_id.relative_oid } : {}),
  }));

  const file: RootProgramsFile = {
    schemaVersion: rootProgramsSchemaVersion,
    about:
      'Generated by `npm run refresh:root-programs` (scripts/refresh-root-programs.ts) from a snapshot of the root programs; do not edit. roots[i] is the i-th certificate of roots.pem. See docs/root-programs.md.',
    programs,
    chrome: { versionMajor: chrome.version_major, additional },
    roots,
    blockedOnly,
  };
  readRootProgramIndex(file); // the app's own reader must accept what we ship
  const pem = facts
    .map(({ root, der }) => {
      const body = Buffer.from(der)
        .toString('base64')
        .replace(/(.{64})/g, '$1\n')
        .trimEnd();
      return `# ${root.name}\n# SHA-256 ${root.sha256}\n-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
    })
    .join('\n');
  return { file, pem };
}

/** programs.json's text: the header pretty, then one line per root, so a refresh diffs line by line. */
export function serializeRootPrograms(file: RootProgramsFile): string {
  const lines = (items: unknown[]) => items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
  return [
    '{',
    `  "schemaVersion": ${file.schemaVersion},`,
    `  "about": ${JSON.stringify(file.about)},`,
    `  "programs": [\n${lines(file.programs)}\n  ],`,
    `  "chrome": {\n    "versionMajor": ${file.chrome.versionMajor},\n    "additional": [\n${lines(file.chrome.additional).replace(/^ {4}/gm, '      ')}\n    ]\n  },`,
    `  "roots": [\n${lines(file.roots)}\n  ],`,
    `  "blockedOnly": [\n${lines(file.blockedOnly)}\n  ]`,
    '}',
    '',
  ].join('\n');
}

/**
 * Checks shipped data as the app will read it: programs.json is readable, roots.pem has one
 * certificate per root, and each hashes to its entry. Returns the problems (empty when fine).
 */
export function checkShipped(dir: string): string[] {
  const problems: string[] = [];
  let file: RootProgramsFile;
  try {
    file = JSON.parse(readFileSync(join(dir, 'programs.json'), 'utf8')) as RootProgramsFile;
    readRootProgramIndex(file);
  } catch (error) {
    return [`programs.json: ${(error as Error).message}`];
  }
  let ders: Uint8Array[];
  try {
    ders = readPemCertificates(readFileSync(join(dir, 'roots.pem'), 'utf8'), 'roots.pem');
  } catch (error) {
    return [`roots.pem: ${(error as Error).message}`];
  }
  if (ders.length !== file.roots.length)
    problems.push(`roots.pem has ${ders.length} certificates, programs.json lists ${file.roots.length}`);
  ders.forEach((der, index) => {
    const expected = file.roots[index]?.sha256;
    const actual = sha256(der);
    if (expected && actual !== expected)
      problems.push(`roots.pem certificate ${index + 1}: SHA-256 ${actual}, programs.json lists ${expected}`);
  });
  return problems;
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

export async function refresh(options: { from: string; out: string; check: boolean }): Promise<string> {
  const built = await buildRootPrograms(options.from);
  const json = serializeRootPrograms(built.file);
  const summary = built.file.programs
    .map(
      (program) =>
        `${[program.name, program.version].filter(Boolean).join(' ')} (${program.fetched ?? 'date not recorded'}): ${program.trusted} trusted, ${program.blocked} blocked`,
    )
    .join('\n');
  if (options.check) {
    const problems = checkShipped(options.out);
    const read = (name: string) =>
      existsSync(join(options.out, name)) ? readFileSync(join(options.out, name), 'utf8') : '';
    if (read('programs.json') !== json)
      problems.push(`programs.json differs from what ${options.from} gives`);
    if (read('roots.pem') !== built.pem) problems.push(`roots.pem differs from what ${options.from} gives`);
    if (problems.length) throw new RefreshError(`${options.out} is not current:\n  ${problems.join('\n  ')}`);
    return `${options.out} matches ${options.from} (${built.file.roots.length} unique roots)\n${summary}`;
  }
  mkdirSync(options.out, { recursive: true });
  writeAtomically(join(options.out, 'roots.pem'), built.pem);
  writeAtomically(join(options.out, 'programs.json'), json);
  // The lists come from trust_stores_observatory (MIT): its licence travels with them.
  if (existsSync(join(options.from, licenseFile)))
    writeAtomically(join(options.out, licenseFile), readFileSync(join(options.from, licenseFile), 'utf8'));
  const problems = checkShipped(options.out);
  if (problems.length)
    throw new RefreshError(`the written files don't check out:\n  ${problems.join('\n  ')}`);
  return `wrote ${options.out}: ${built.file.roots.length} unique roots, ${built.file.blockedOnly.length} blocked-only hashes\n${summary}`;
}

interface Options {
  from: string;
  out: string;
  check: boolean;
  upstream: boolean;
  snapshot?: string;
  /** Base URLs of the upstream sources, when not the public ones. */
  observatory?: string;
  chromium?: string;
}

const usage =
  'usage: refresh-root-programs [--from DIR] [--out DIR] [--check] | --upstream [--snapshot DIR] [--observatory URL] [--chromium URL] [--out DIR]';

function parseOptions(argv: string[]): Options {
  const options: Options = { from: defaultSource, out: defaultOut, check: false, upstream: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (!argv[i + 1]) throw new RefreshError(`${arg} needs a folder\n${usage}`);
      return resolve(argv[++i]);
    };
    if (arg === '--check') options.check = true;
    else if (arg === '--upstream') options.upstream = true;
    else if (arg === '--from') options.from = value();
    else if (arg === '--out') options.out = value();
    else if (arg === '--snapshot') options.snapshot = value();
    else if ((arg === '--observatory' || arg === '--chromium') && argv[i + 1])
      options[arg === '--observatory' ? 'observatory' : 'chromium'] = argv[++i].replace(/\/+$/, '');
    else throw new RefreshError(`unknown argument ${arg}\n${usage}`);
  }
  if (options.upstream && options.check)
    throw new RefreshError(`--check compares with a snapshot you have: use --from\n${usage}`);
  return options;
}

async function main(options: Options): Promise<string> {
  if (!options.upstream) return refresh(options);
  const { fetchUpstreamSnapshot } = await import('./root-programs-upstream');
  const snapshot = options.snapshot ?? mkdtempSync(join(tmpdir(), 'root-programs-snapshot-'));
  const fetched = await fetchUpstreamSnapshot(snapshot, {
    ...(options.observatory ? { observatory: options.observatory } : {}),
    ...(options.chromium ? { chromium: options.chromium } : {}),
  });
  const built = await refresh({ ...options, from: snapshot });
  return `fetched a snapshot into ${snapshot}:\n  ${fetched.join('\n  ')}\n${built}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  Promise.resolve()
    .then(() => main(parseOptions(process.argv.slice(2))))
    .then(
      (message) => console.log(message),
      (error: unknown) => {
        console.error(`refresh-root-programs: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
}
