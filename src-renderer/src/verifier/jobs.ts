/**
 * What the verification worker does, as plain functions: a job (a captured handshake, or dropped
 * files) is verified by the same core code the CLI runs, against the anchors its certificates can
 * reach. Everything from outside — anchors, AIA issuers, revocation evidence — is asked of the page
 * (`ask`), which holds the API (in Electron only the page has the preload's API).
 */
import {
  AnchorLookup,
  verifyWithAnchorLookup,
  type TrustAnchorMatches,
  type TrustStoreSummary,
} from '../../../src-core/inspect/anchor-lookup';
import { verifyFiles } from '../../../src-core/inspect/verify-files';
import { verifyProbeResult } from '../../../src-core/inspect/verify-probe';
import type { InspectionReport, ReportInput } from '../../../src-core/report/report';
import type { ProbeResult } from '../../../src-core/tls/types';
import type { RevocationEvidence, TrustAnchorStore, VerifyResult } from '../../../src-core/verify';
import type { AiaFetchOutcome } from '../../../src-core/verify/aia-fetches';

/** Stores larger than this in all are not fetched whole ahead of time: their anchors are asked for. */
export const maxWholeAnchors = 5000;

interface CommonOptions {
  /** Validation time (time travel); now when absent. */
  at?: Date;
  expiryDays?: number;
  /** Whether missing issuers may be fetched over AIA (through the page). */
  aia: boolean;
  /** Anchors trusted for this job only, before the stores (a Lab server's own roots). */
  extraAnchors?: TrustAnchorStore[];
  /** The store that counts as the public one for this job (the Lab's, for its own servers). */
  publicStoreName?: string;
}

export type VerifyJob =
  | (CommonOptions & {
      kind: 'probe';
      probe: ProbeResult;
      purpose?: 'serverAuth' | 'clientAuth' | null;
      /** Opt-in online revocation for the chosen path (fetched through the page). */
      revocation: boolean;
    })
  | (CommonOptions & {
      kind: 'files';
      certificates: Uint8Array[];
      crls: Uint8Array[];
      host?: string;
    });

export interface JobOutcome {
  /** Undefined when a capture holds no certificate at all. */
  result: VerifyResult | undefined;
  /** The stores the verdict was reached against (names and sizes, for reports). */
  stores: TrustStoreSummary[];
}

/** What a job asks the page for (through the job's proxy, which only the page knows). */
export interface JobAsks {
  fetchAiaIssuers(url: string): Promise<Uint8Array[] | AiaFetchOutcome>;
  fetchRevocation(chain: Uint8Array[]): Promise<RevocationEvidence>;
}
/** Everything the page is asked, by API method name. */
export interface Asks extends JobAsks {
  findTrustAnchors(subjectKeys: string[]): Promise<TrustAnchorMatches>;
  getTrustStores(): Promise<TrustAnchorStore[]>;
}
export type AskMethod = keyof Asks;

/**
 * Runs jobs; anchors are asked for with `findTrustAnchors`, and those found for one job serve the
 * next — they are the stores' until `trustChanged()`.
 */
export function createJobRunner(findTrustAnchors: Asks['findTrustAnchors']) {
  let lookup: AnchorLookup | undefined;

  async function run(job: VerifyJob, asks: JobAsks): Promise<JobOutcome> {
    lookup ??= new AnchorLookup(findTrustAnchors);
    const anchors = lookup;
    const fetchIssuers = job.aia ? (url: string) => asks.fetchAiaIssuers(url) : undefined;
    const withExtras = (stores: TrustAnchorStore[]) => [...(job.extraAnchors ?? []), ...stores];
    const common = {
      ...(job.publicStoreName ? { publicStoreName: job.publicStoreName } : {}),
      ...(job.at ? { at: job.at } : {}),
      ...(job.expiryDays !== undefined ? { expiryDays: job.expiryDays } : {}),
    };
    let result: VerifyResult | undefined;
    if (job.kind === 'probe') {
      result = await verifyWithAnchorLookup(anchors, job.probe.presented, fetchIssuers, (stores, fetch) =>
        verifyProbeResult(job.probe, {
          ...common,
          anchors: withExtras(stores),
          ...(job.purpose !== undefined ? { purpose: job.purpose } : {}),
          ...(fetch ? { fetchIssuers: fetch } : {}),
          ...(job.revocation ? { fetchRevocation: (chain) => asks.fetchRevocation(chain) } : {}),
        }),
      );
    } else {
      result = await verifyWithAnchorLookup(anchors, job.certificates, fetchIssuers, (stores, fetch) =>
        verifyFiles({
          ...common,
          anchors: withExtras(stores),
          certificates: job.certificates,
          crls: job.crls,
          ...(job.host !== undefined ? { host: job.host } : {}),
          ...(fetch ? { fetchIssuers: fetch } : {}),
        }),
      );
    }
    return { result, stores: await anchors.stores() };
  }

  return {
    run,
    /**
     * Fetches the whole stores while nothing waits on them (the worker's start, after a trust
     * change): verdicts then find their anchors here, with no round trip. Until they arrive (or
     * if they are too many), anchors are asked for as needed.
     */
    prefetch(getTrustStores: () => Promise<TrustAnchorStore[]>): void {
      const target = (lookup ??= new AnchorLookup(findTrustAnchors));
      getTrustStores()
        .then((stores) => {
          const total = stores.reduce((sum, store) => sum + store.certificates.length, 0);
          // A trust change since makes these stale: the next prefetch brings the new ones.
          if (lookup === target && total <= maxWholeAnchors) return target.useWhole(stores);
        })
        .catch(() => undefined);
    },
    /** The user's anchors or distrust changed: anchors are asked for again. */
    trustChanged(): void {
      lookup = undefined;
    },
  };
}

/** Page → worker. */
export type ToWorker =
  /** A report to build (for history): the same core code, off the page's main thread. */
  | { type: 'report'; id: number; input: ReportInput }
  /** Web mode: where the service answers (the worker may ask it for anchors itself). */
  | { type: 'init'; socketUrl?: string; httpBase?: string }
  | { type: 'job'; id: number; job: VerifyJob }
  | { type: 'answer'; id: number; ok: true; value: unknown }
  | { type: 'answer'; id: number; ok: false; message: string }
  | { type: 'trust-changed' };

/** Worker → page. */
export type FromWorker =
  | { type: 'report-done'; id: number; ok: true; report: InspectionReport }
  | { type: 'report-done'; id: number; ok: false; message: string }
  | { type: 'done'; id: number; ok: true; outcome: JobOutcome }
  | { type: 'done'; id: number; ok: false; message: string }
  | { type: 'ask'; id: number; job: number; method: AskMethod; args: unknown[] };
