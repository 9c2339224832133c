/**
 * What AIA fetching did during one verification: each URL asked for, and whether its issuers came,
 * the fetch failed, or it was refused (an address certificates may not send us to). The verdict
 * carries the list so the UI, the CLI and the report can show it.
 */

/**
 * Where an inspection's AIA, OCSP and CRL fetches may go: public addresses only, unless the
 * inspected host was reached at a non-public address (a private lab inspecting its own servers),
 * or the user allowed private addresses.
 */
export interface FetchScope {
  /** The addresses the inspected host was reached at (never a proxy's); absent for files. */
  inspectedAddresses?: string[];
  /** Let fetches reach private addresses anyway (the setting for dropped files, --allow-private-fetches). */
  allowPrivate?: boolean;
}

/** One AIA fetch as the service answers it (the API's `fetchAiaIssuers`): it never rejects. */
export interface AiaFetchOutcome {
  url: string;
  status: 'fetched' | 'failed' | 'refused';
  /** The issuers it gave (DER); empty unless fetched. */
  certificates: Uint8Array[];
  /** Why it failed or was refused. */
  detail?: string;
  /** The address connected to (for a fetch through a proxy: none). */
  address?: string;
  /** Answered from this session's cache — successes and failures alike are remembered. */
  cached?: boolean;
}

/** The same, for the verdict and reports: how many issuers came rather than their bytes. */
export type AiaFetchRecord = Omit<AiaFetchOutcome, 'certificates'> & { certificates: number };

/** An AIA fetcher: the API's outcome, or (older callers, tests) the issuers or a rejection. */
export type AiaFetcher = (url: string) => Promise<Uint8Array[] | AiaFetchOutcome>;

/**
 * Wraps a fetcher for the path builder (which wants issuers or a rejection) and keeps a record
 * of the fetches it makes, in order, one per URL (a second pass asks the same URLs again).
 */
export function recordAiaFetches(fetcher: AiaFetcher): {
  fetchIssuers: (url: string) => Promise<Uint8Array[]>;
  records: AiaFetchRecord[];
} {
  const records: AiaFetchRecord[] = [];
  const seen = new Set<string>();
  const record = (entry: AiaFetchRecord) => {
    if (seen.has(entry.url)) return;
    seen.add(entry.url);
    records.push(entry);
  };
  const fetchIssuers = async (url: string): Promise<Uint8Array[]> => {
    let answer: Uint8Array[] | AiaFetchOutcome;
    try {
      answer = await fetcher(url);
    } catch (error) {
      record({ url, status: 'failed', certificates: 0, detail: describe(error) });
      throw error;
    }
    if (Array.isArray(answer)) {
      record({ url, status: 'fetched', certificates: answer.length });
      return answer;
    }
    const { certificates, ...rest } = answer;
    record({ ...rest, certificates: certificates.length });
    if (answer.status !== 'fetched') throw new Error(answer.detail ?? `AIA fetch ${answer.status}`);
    return certificates;
  };
  return { fetchIssuers, records };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line per fetch, for text reports and the CLI. */
export function describeAiaFetch(record: AiaFetchRecord): string {
  const cached = record.cached ? ' (remembered from earlier this session)' : '';
  if (record.status === 'fetched')
    return `fetched ${record.url}: ${record.certificates} certificate${record.certificates === 1 ? '' : 's'}${record.address ? ` from ${record.address}` : ''}${cached}`;
  return `${record.status === 'refused' ? 'not fetched' : 'failed'} ${record.url}: ${record.detail ?? 'no reason given'}${cached}`;
}
