/** What `inspect` and `verify` share: trust options, running the verifier, printing the verdict. */
import { readSubjectDisplayName } from '../../src-core/x509/certificate';
import { fetchScopeForProbe } from '../../src-core/inspect/verify-probe';
import type { ProbeResult } from '../../src-core/tls/types';
import { describeAiaFetch, type FetchScope } from '../../src-core/verify/aia-fetches';
import {
  findingDefinitions,
  type AiaFetcher,
  type FetchRevocation,
  type TrustAnchorStore,
  type VerifyResult,
} from '../../src-core/verify';
import { parsePemBlocks } from '../../src-core/bytes/pem';
import { describeRevocation } from '../../src-core/report/text';
import { loadTrustStores } from '../services/trust/stores';
import { readOptionFile, UsageError, type CliIo, type ParsedArgs } from './io';
import { passwordOptions, readPasswordOption } from './passwords';
import type { WriteFs } from '../services/storage/atomic';
import type { ProxySettings } from '../services/probe/proxy';

export const trustOptionsHelp = `  --ca FILE             add the certificates in FILE as trust anchors (repeatable)
  --ca-only             trust only the --ca anchors, not the public and system stores
  --at DATE             validate at this date (ISO 8601) instead of now
  --purpose P           serverAuth (default) or clientAuth
  --expiry-days N       warn when a certificate expires within N days (default 30)
  --no-aia              don't fetch missing intermediates from AIA URLs
  --proxy URL           HTTP proxy for every connection (CONNECT for TLS, forwarding for AIA,
                        OCSP and CRL fetches), e.g. http://user@proxy:3128
  --proxy-password      ask for the proxy's password (no echo; or set CERTSCOPE_PROXY_PASSWORD)
  --revocation          check revocation online: each certificate's OCSP responder (AIA), else its
                        CRL distribution points (http only, 5 s per fetch, at most 8 fetches);
                        no answer is a revocation-unknown warning, a revocation an error
  --allow-private-fetches
                        let AIA, OCSP and CRL URLs reach loopback and private addresses (by default
                        only public ones, unless the inspected host is itself private)`;

export const trustOptionNames = {
  values: ['at', 'purpose', 'expiry-days', 'proxy'],
  booleans: ['ca-only', 'no-aia', 'revocation', 'allow-private-fetches'],
  repeatable: ['ca'],
  optionalValues: [passwordOptions.proxy.flag],
};

export interface TrustOptions {
  anchors: TrustAnchorStore[];
  at?: Date;
  purpose: 'serverAuth' | 'clientAuth';
  expiryDays: number;
  /** AIA fetching for files (unless --no-aia): public addresses only, unless --allow-private-fetches. */
  fetchIssuers?: AiaFetcher;
  /** Set by --proxy: for the probe's connection and for every fetch. */
  proxy?: ProxySettings;
  /** Set by --revocation (for files, as fetchIssuers). */
  fetchRevocation?: FetchRevocation;
  /** The same options for verifying what a probe captured: its fetches scoped to the inspected host. */
  forProbe(result: Pick<ProbeResult, 'target'>): TrustOptions;
}

export async function readTrustOptions(args: ParsedArgs, io: CliIo): Promise<TrustOptions> {
  const extra: Uint8Array[] = [];
  for (const file of args.lists.get('ca') ?? []) {
    const text = new TextDecoder().decode(await readOptionFile(io, 'ca', file));
    const blocks = parsePemBlocks(text).filter((block) => block.label.endsWith('CERTIFICATE'));
    const broken = blocks.find((block) => block.error);
    if (broken) throw new UsageError(`--ca ${file}: ${broken.error}`);
    if (blocks.length === 0) throw new UsageError(`--ca ${file}: no PEM certificates in it`);
    extra.push(...blocks.map((block) => block.der));
  }
  if (args.flags.has('ca-only') && extra.length === 0)
    throw new UsageError('--ca-only needs at least one --ca FILE');
  const anchors = args.flags.has('ca-only') ? [] : await loadTrustStores();
  if (extra.length) anchors.push({ name: 'cli', certificates: extra });
  const atText = args.flags.get('at');
  let at: Date | undefined;
  if (typeof atText === 'string') {
    at = new Date(atText);
    if (Number.isNaN(at.getTime()))
      throw new UsageError(`--at ${atText} is not a date (use ISO 8601, e.g. 2027-01-31)`);
  }
  const purpose = args.flags.get('purpose') ?? 'serverAuth';
  if (purpose !== 'serverAuth' && purpose !== 'clientAuth')
    throw new UsageError('--purpose is serverAuth or clientAuth');
  const days = args.flags.get('expiry-days');
  const expiryDays = typeof days === 'string' ? Number(days) : 30;
  if (!Number.isInteger(expiryDays) || expiryDays < 0)
    throw new UsageError(`--expiry-days ${days} is not a whole number of days`);
  const proxyUrl = args.flags.get('proxy');
  const proxy = typeof proxyUrl === 'string' ? await proxyOption(proxyUrl, args, io) : undefined;
  const allowPrivate = args.flags.has('allow-private-fetches');
  // The HTTP client is loaded only when a chain needs a fetch: most runs never do.
  const fetchers = (scope: FetchScope) => ({
    ...(args.flags.has('no-aia')
      ? {}
      : {
          fetchIssuers: async (url: string) =>
            (await import('../services/aia/fetch')).fetchIssuers(url, proxy, scope),
        }),
    ...(args.flags.has('revocation')
      ? {
          fetchRevocation: async (chain: Uint8Array[]) =>
            (await import('../services/revocation/fetch')).fetchRevocation(chain, {
              ...(proxy ? { proxy } : {}),
              scope,
            }),
        }
      : {}),
  });
  const options: TrustOptions = {
    anchors,
    ...(at ? { at } : {}),
    purpose,
    expiryDays,
    ...(proxy ? { proxy } : {}),
    ...fetchers({ allowPrivate }),
    // The same flags give the same keys, so these replace the files' fetchers exactly.
    forProbe: (result) => ({ ...options, ...fetchers(fetchScopeForProbe(result, allowPrivate)) }),
  };
  return options;
}

/** The --proxy URL, its password asked for or taken from the environment rather than the URL. */
async function proxyOption(url: string, args: ParsedArgs, io: CliIo): Promise<ProxySettings> {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    return { url }; // the proxy code says what is wrong with it
  }
  if (parsed.password) {
    io.stderr(
      'certscope: note: a password in --proxy is visible to other users of this machine; give --proxy-password alone to be asked, or set CERTSCOPE_PROXY_PASSWORD\n',
    );
    return { url };
  }
  const password = await readPasswordOption(args, io, passwordOptions.proxy);
  return password !== undefined && parsed.username ? { url, password } : { url };
}

export function nameOf(result: VerifyResult, sha256: string | undefined): string {
  if (!sha256) return '';
  try {
    return readSubjectDisplayName(result.certificates[sha256]);
  } catch {
    return sha256.slice(0, 16);
  }
}

export function printVerdict(
  io: CliIo,
  result: VerifyResult,
  heading = 'Every Certscope rule (strict RFC 5280 and browser rules): ',
): void {
  const path = result.paths[result.chosenPath];
  io.stdout(
    `\n${heading}${result.trusted ? 'TRUSTED' : 'NOT TRUSTED'}${path?.anchored ? ` — anchored in the ${path.anchorStores.join(' + ')} store` : ''}\n`,
  );
  io.stdout('\nChain (root first):\n');
  for (const certificate of [...(path?.certificates ?? [])].reverse()) {
    const source =
      certificate.source === 'store' ? `store: ${(certificate.stores ?? []).join(', ')}` : certificate.source;
    io.stdout(`  ${nameOf(result, certificate.sha256)}  [${source}]\n`);
  }
  if (result.aiaFetches?.length) {
    io.stdout('\nAIA fetches:\n');
    for (const record of result.aiaFetches) io.stdout(`  ${describeAiaFetch(record)}\n`);
  }
  if (result.revocation) {
    io.stdout('\nRevocation (leaf first):\n');
    for (const check of result.revocation)
      io.stdout(`  ${nameOf(result, check.sha256)}: ${describeRevocation(check)}\n`);
  }
  if (result.findings.length) io.stdout('\nFindings:\n');
  for (const item of result.findings) {
    io.stdout(
      `  ${item.severity.toUpperCase().padEnd(7)} ${item.code}: ${findingDefinitions[item.code].title}${item.certificate ? ` (${nameOf(result, item.certificate)})` : ''}${item.detail ? ` — ${item.detail}` : ''}\n`,
    );
  }
}

/**
 * Writes a report file atomically, refusing to overwrite unless --force. A full disk or read-only
 * folder throws a StorageError with one sentence, and leaves no partial file.
 */
export async function writeReportFile(
  path: string,
  content: string | Uint8Array,
  force: boolean,
  fs?: WriteFs,
): Promise<void> {
  const { access } = await import('node:fs/promises');
  const { writeFileAtomic } = await import('../services/storage/atomic');
  if (!force) {
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new UsageError(`${path} exists; add --force to overwrite it`);
  }
  await writeFileAtomic(path, content, fs);
}

export function exitCodeFor(result: VerifyResult): number {
  return result.trusted && !result.findings.some((item) => item.severity === 'error') ? 0 : 1;
}
