/**
 * Fetches a fresh snapshot of the root programs from their upstream sources into a folder laid out
 * like ../shared/trust-stores (one `<platform>.json` + `<platform>.pem` per program), which
 * `refresh-root-programs` then builds from with all its checks:
 * - trust_stores_observatory (MIT): `trust_stores/<platform>.yaml` (Mozilla, Apple, Microsoft with
 *   its blocked list, AOSP, OpenJDK, Oracle Java) and `certificates/<sha256>.pem`;
 * - Chromium: `net/data/ssl/chrome_root_store/root_store.textproto` and `root_store.certs`
 *   (gitiles serves them base64-encoded with `?format=TEXT`).
 * Only these two hosts are contacted; every answer is size-capped and every list entry must end up
 * with its certificate, or the build refuses the snapshot.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const upstreamDefaults = {
  observatory: 'https://raw.githubusercontent.com/nabla-c0d3/trust_stores_observatory/master',
  chromium: 'https://chromium.googlesource.com/chromium/src/+/main/net/data/ssl/chrome_root_store',
};

export type Fetcher = (url: string) => Promise<string>;

const maxBytes = 8 * 1024 * 1024;

/** GET as text with a size cap and a timeout; any status but 200 is an error naming the URL. */
export const httpFetcher: Fetcher = async (url) => {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new Error(`${url}: ${cause ?? (error as Error).message}`);
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const text = await response.text();
  if (text.length > maxBytes) throw new Error(`${url}: larger than ${maxBytes} bytes`);
  return text;
};

const observatoryFiles = [
  'mozilla_nss',
  'apple',
  'microsoft_windows',
  'google_aosp',
  'openjdk',
  'oracle_java',
];

// ---- trust_stores_observatory YAML -------------------------------------------------------------

export interface ObservatoryStore {
  platform: string;
  version: string | null;
  url: string;
  date_fetched: string;
  trusted: string[];
  blocked: string[];
}

/**
 * The observatory's YAML, which has one shape: scalar `key: value` lines and two lists of
 * `- subject_name: …` / `  fingerprint: …` entries. Anything else is an error, not a guess.
 */
export function parseObservatoryYaml(text: string, file: string): ObservatoryStore {
  const scalars = new Map<string, string>();
  const lists: Record<'trusted_certificates' | 'blocked_certificates', string[]> = {
    trusted_certificates: [],
    blocked_certificates: [],
  };
  let list: string[] | undefined;
  text.split(/\r?\n/).forEach((raw, at) => {
    const line = raw.replace(/\s+$/, '');
    if (!line || line.startsWith('#')) return;
    const top = /^([a-z_]+):\s*(.*)$/.exec(line);
    if (top) {
      const [, key, value] = top;
      if (key === 'trusted_certificates' || key === 'blocked_certificates') {
        list = lists[key];
        if (value && value !== '[]') throw new Error(`${file} line ${at + 1}: unexpected ${value}`);
      } else {
        list = undefined;
        scalars.set(key, value.replace(/^(['"])(.*)\1$/, '$2'));
      }
      return;
    }
    const fingerprint = /^\s*-?\s*fingerprint:\s*([0-9A-Fa-f]{64})$/.exec(line);
    if (fingerprint && list) return void list.push(fingerprint[1].toLowerCase());
    if (/^\s*-?\s*subject_name:/.test(line) && list) return;
    // A long subject name folded onto more lines, indented deeper than its entry's keys.
    if (/^ {3,}\S/.test(line) && list) return;
    throw new Error(`${file} line ${at + 1}: not the observatory's format: ${line.slice(0, 80)}`);
  });
  const date = scalars.get('date_fetched') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`${file}: no date_fetched`);
  for (const [key, count] of [
    ['trusted_certificates_count', lists.trusted_certificates.length],
    ['blocked_certificates_count', lists.blocked_certificates.length],
  ] as const) {
    const stated = scalars.get(key);
    if (stated !== undefined && Number(stated) !== count)
      throw new Error(`${file}: ${key} says ${stated}, the list has ${count}`);
  }
  const version = scalars.get('version');
  return {
    platform: scalars.get('platform') ?? file,
    version: version && version !== 'null' ? version : null,
    url: scalars.get('url') ?? '',
    date_fetched: date,
    trusted: lists.trusted_certificates,
    blocked: lists.blocked_certificates,
  };
}

// ---- Chromium textproto -------------------------------------------------------------------------

export type ProtoValue = string | number | boolean | ProtoMessage;
export interface ProtoMessage {
  fields: [string, ProtoValue][];
  /** The `#` comment lines just before this message's opening line. */
  comment?: string;
}

/** Protobuf text format (the subset root_store.textproto uses): fields, nested messages, strings with escapes. */
export function parseTextproto(text: string): ProtoMessage {
  let at = 0;
  let pendingComment: string[] = [];
  const error = (what: string): never => {
    const line = text.slice(0, at).split('\n').length;
    throw new Error(`root_store.textproto line ${line}: ${what}`);
  };
  const skip = () => {
    for (;;) {
      const match = /^[ \t\r\n]+/.exec(text.slice(at, at + 256));
      if (match) {
        if (/\n[ \t\r]*\n/.test(match[0])) pendingComment = [];
        at += match[0].length;
        continue;
      }
      if (text[at] === '#') {
        const end = text.indexOf('\n', at);
        pendingComment.push(text.slice(at + 1, end === -1 ? text.length : end).trim());
        at = end === -1 ? text.length : end;
        continue;
      }
      return;
    }
  };
  const readString = (): string => {
    const quote = text[at++];
    let bytes = '';
    while (text[at] !== quote) {
      if (at >= text.length) error('unterminated string');
      const char = text[at++];
      if (char !== '\\') {
        bytes += char;
        continue;
      }
      const next = text[at++];
      if (next === 'x') {
        bytes += String.fromCharCode(parseInt(text.slice(at, at + 2), 16));
        at += 2;
      } else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(text.slice(at - 1, at + 2))![0];
        bytes += String.fromCharCode(parseInt(octal, 8));
        at += octal.length - 1;
      } else bytes += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[next] ?? next;
    }
    at++;
    return bytes;
  };
  const readMessage = (closing: string | undefined): ProtoMessage => {
    const message: ProtoMessage = { fields: [] };
    for (;;) {
      skip();
      if (at >= text.length) {
        if (closing) error('missing }');
        return message;
      }
      if (text[at] === closing) {
        at++;
        return message;
      }
      const name =
        /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at, at + 128))?.[0] ?? error('expected a field name');
      at += name.length;
      skip();
      if (text[at] === ':') {
        at++;
        skip();
      }
      if (text[at] === '{' || text[at] === '<') {
        const comment = pendingComment.join('\n');
        pendingComment = [];
        at++;
        const nested = readMessage(text[at - 1] === '{' ? '}' : '>');
        if (comment) nested.comment = comment;
        message.fields.push([name, nested]);
      } else if (text[at] === '"' || text[at] === "'") {
        let value = readString();
        for (skip(); text[at] === '"' || text[at] === "'"; skip()) value += readString(); // adjacent strings join
        message.fields.push([name, value]);
      } else {
        const scalar =
          /^[A-Za-z0-9_.+-]+/.exec(text.slice(at, at + 64))?.[0] ?? error(`no value for ${name}`);
        at += scalar.length;
        message.fields.push([
          name,
          scalar === 'true'
            ? true
            : scalar === 'false'
              ? false
              : /^-?\d+$/.test(scalar)
                ? Number(scalar)
                : scalar,
        ]);
      }
      pendingComment = [];
    }
  };
  return readMessage(undefined);
}

/** A base-128 relative OID ("11129.9.3") from its bytes. */
function relativeOid(bytes: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

const latin1Bytes = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

const anchorFields = new Set([
  'sha256_hex',
  'crs_root_id',
  'ev_policy_oids',
  'constraints',
  'eutl',
  'trust_anchor_id',
  'enforce_anchor_constraints',
  'enforce_anchor_expiry',
  'tls_trust_anchor',
]);

/** One trust_anchors / additional_certs message as the snapshot's JSON writes it. */
function anchorJson(message: ProtoMessage, section: string): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const [name, value] of message.fields) {
    if (!anchorFields.has(name))
      throw new Error(
        `${section}: unknown field ${name}; teach scripts/root-programs-upstream.ts what it means`,
      );
    if (name === 'sha256_hex') entry.sha256 = String(value).toLowerCase();
    else if (name === 'ev_policy_oids')
      entry.ev_policy_oids = [...((entry.ev_policy_oids as string[]) ?? []), value];
    else if (name === 'constraints') {
      const set = Object.fromEntries((value as ProtoMessage).fields);
      entry.constraints = [...((entry.constraints as unknown[]) ?? []), set];
    } else if (name === 'trust_anchor_id') {
      const bytes = latin1Bytes(String(value));
      entry.trust_anchor_id = { hex: Buffer.from(bytes).toString('hex'), relative_oid: relativeOid(bytes) };
    } else entry[name] = value;
  }
  if (!/^[0-9a-f]{64}$/.test(String(entry.sha256)))
    throw new Error(`${section}: an entry without sha256_hex`);
  if (message.comment) entry.subject_comment = message.comment.split('\n')[0];
  return entry;
}

/** gitiles answers `?format=TEXT` with the file base64-encoded; a plain copy is taken as it is. */
function gitilesText(body: string): string {
  const compact = body.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]+=*$/.test(compact) ? Buffer.from(compact, 'base64').toString('utf8') : body;
}

const pemBlocks = (text: string) =>
  text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];

function pemSha256(pem: string): string {
  const der = Buffer.from(pem.slice(27, -25).replace(/\s+/g, ''), 'base64');
  return createHash('sha256').update(der).digest('hex');
}

// ---- the snapshot -------------------------------------------------------------------------------

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += size)
    results.push(...(await Promise.all(items.slice(at, at + size).map(work))));
  return results;
}

export interface UpstreamOptions {
  observatory?: string;
  chromium?: string;
  fetcher?: Fetcher;
  /** The fetch date to record (YYYY-MM-DD; default today, UTC) for the Chrome Root Store. */
  today?: string;
}

/** Writes a snapshot folder from upstream; returns one line per program. */
export async function fetchUpstreamSnapshot(dir: string, options: UpstreamOptions = {}): Promise<string[]> {
  const observatory = options.observatory ?? upstreamDefaults.observatory;
  const chromium = options.chromium ?? upstreamDefaults.chromium;
  const get = options.fetcher ?? httpFetcher;
  mkdirSync(dir, { recursive: true });
  const summary: string[] = [];

  const pemCache = new Map<string, Promise<string | undefined>>();
  const certificate = (sha: string) => {
    let pending = pemCache.get(sha);
    if (!pending) {
      pending = get(`${observatory}/certificates/${sha}.pem`).then(
        (text) => pemBlocks(text).find((pem) => pemSha256(pem) === sha),
        () => undefined,
      );
      pemCache.set(sha, pending);
    }
    return pending;
  };
  for (const file of observatoryFiles) {
    const store = parseObservatoryYaml(await get(`${observatory}/trust_stores/${file}.yaml`), `${file}.yaml`);
    const pems = await inBatches(store.trusted, 8, certificate);
    const missing = store.trusted.filter((_, at) => !pems[at]);
    writeFileSync(
      join(dir, `${file}.json`),
      JSON.stringify(
        {
          platform: store.platform,
          version: store.version,
          source: store.url,
          date_fetched: store.date_fetched,
          trusted_sha256: store.trusted,
          blocked_sha256: store.blocked,
          missing_pem: missing,
        },
        null,
        1,
      ) + '\n',
    );
    writeFileSync(join(dir, `${file}.pem`), pems.filter(Boolean).join('\n') + '\n');
    summary.push(
      `${file}: ${store.trusted.length} trusted, ${store.blocked.length} blocked, ${missing.length} without PEM`,
    );
  }
  writeFileSync(join(dir, 'LICENSE.trust_stores_observatory'), await get(`${observatory}/LICENSE`));

  const proto = parseTextproto(gitilesText(await get(`${chromium}/root_store.textproto?format=TEXT`)));
  const certs = new Map(
    pemBlocks(gitilesText(await get(`${chromium}/root_store.certs?format=TEXT`))).map((pem) => [
      pemSha256(pem),
      pem,
    ]),
  );
  const messages = (name: string) =>
    proto.fields.filter(([field]) => field === name).map(([, value]) => value as ProtoMessage);
  const anchors = messages('trust_anchors').map((message) => anchorJson(message, 'trust_anchors'));
  const additional = messages('additional_certs').map((message) => anchorJson(message, 'additional_certs'));
  const versionMajor = proto.fields.find(([name]) => name === 'version_major')?.[1];
  if (typeof versionMajor !== 'number') throw new Error('root_store.textproto: no version_major');
  const missing = [
    ...anchors
      .filter((anchor) => !certs.has(String(anchor.sha256)))
      .map((anchor) => ({ section: 'trust_anchors', ...anchor })),
    ...additional
      .filter((cert) => !certs.has(String(cert.sha256)))
      .map((cert) => ({ section: 'additional_certs', ...cert })),
  ];
  writeFileSync(
    join(dir, 'chrome_root_store.json'),
    JSON.stringify(
      {
        version_major: versionMajor,
        source: `${chromium}/root_store.textproto`,
        date_fetched: options.today ?? new Date().toISOString().slice(0, 10),
        trust_anchors: anchors,
        additional_certs: additional,
        missing_pem: missing,
      },
      null,
      1,
    ) + '\n',
  );
  writeFileSync(
    join(dir, 'chrome_root_store.pem'),
    anchors.flatMap((anchor) => certs.get(String(anchor.sha256)) ?? []).join('\n') + '\n',
  );
  summary.push(
    `chrome_root_store: version ${versionMajor}, ${anchors.length} anchors, ${additional.length} additional certificates`,
  );
  return summary;
}
