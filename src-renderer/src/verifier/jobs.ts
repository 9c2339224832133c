/**
 * What the verification worker does, as plain functions: a job (a captured handshake, or dropped
 * files) is verified by the same core code the CLI runs, against the anchors its certificates can
 * reach. Everything from outside — anchors, AIA issuers, revocation evidence — is asked of the page
 * (`ask`), which holds the API (in Electron only the page has the preload's API).
 */
import {
  AnchorLookup,
  verifyWithAnchorLookup,
  type ReachableAnchors,
  type TrustAnchorMatches,
  type TrustStoreSummary,
} from '../../../src-core/inspect/anchor-lookup';
import {
  clientProgramIds,
  programsOf,
  programStoresFrom,
  verifyForClientsGiven,
  type ClientId,
  type ClientVerdicts,
  type ProgramAnchors,
  type ProgramStores,
} from '../../../src-core/clients';
import { filesVerifyInput, verifyFiles } from '../../../src-core/inspect/verify-files';
import {
  probeVerifyInput,
  verifyProbeResult,
  type VerifyProbeOptions,
} from '../../../src-core/inspect/verify-probe';
import type { InspectionReport, ReportInput } from '../../../src-core/report/report';
import type { ProbeResult } from '../../../src-core/tls/types';
import type { RootProgramId } from '../../../src-core/trust/root-programs';
import type {
  CandidatePath,
  Finding,
  RevocationEvidence,
  TrustAnchorStore,
  VerifyResult,
} from '../../../src-core/verify';
import type { AiaFetchOutcome } from '../../../src-core/verify/aia-fetches';
import { readVerifyCert } from '../../../src-core/verify/cert';

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
  /**
   * The client the verdict leads with: its verdict comes with the outcome, every client's after
   * (`JobRow`). Without it, no per-client verdicts.
   */
  client?: ClientId;
}

export type VerifyJob =
  | (CommonOptions & {
      kind: 'probe';
      probe: ProbeResult;
      purpose?: 'serverAuth' | 'clientAuth' | null;
      /** Opt-in online revocation for the chosen path (fetched through the page). */
      revocation: boolean;
      /** The anchors the capture reaches, found as it was made (the stores as they are now). */
      reachable?: ReachableAnchors;
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
  /** The job's client's verdict alone (the row of every client follows). */
  clients?: ClientVerdicts;
  /**
   * The SHA-256 of each certificate the job gave (the files, or what the server sent), in its
   * order; undefined for one that can't be read. The page then knows its own arrays in the verdict.
   */
  given?: (string | undefined)[];
}

/** The certificates a job gives: the files, or what the server sent (in its order, as `given`). */
export function jobCertificates(job: VerifyJob): Uint8Array[] {
  return job.kind === 'probe' ? job.probe.presented : job.certificates;
}

/** Every client's verdict, after the outcome; or why there is none. */
export type JobRow = { ok: true; clients: ClientVerdicts } | { ok: false; message: string };

/** What a job asks the page for (through the job's proxy, which only the page knows). */
export interface JobAsks {
  fetchAiaIssuers(url: string): Promise<Uint8Array[] | AiaFetchOutcome>;
  fetchRevocation(chain: Uint8Array[]): Promise<RevocationEvidence>;
  /**
   * Resolves once the page has drawn the outcome. Every client's verdict waits for it: on two
   * cores, a row that takes seconds (a hostile chain, once per client) would otherwise take the
   * core the page draws on.
   */
  drawn?(): Promise<void>;
}
/** Everything the page is asked, by API method name. */
export interface Asks extends JobAsks {
  findTrustAnchors(subjectKeys: string[]): Promise<TrustAnchorMatches>;
  getTrustStores(): Promise<TrustAnchorStore[]>;
  getProgramAnchors(program: RootProgramId): Promise<ProgramAnchors>;
}
export type AskMethod = keyof Asks;

/**
 * Runs jobs; anchors are asked for with `findTrustAnchors`, and those found for one job serve the
 * next — they are the stores' until `trustChanged()`. The root programs' anchors (shipped data,
 * for the per-client verdicts) are asked for on the first job that wants them, once a session.
 */
const programsKey = (ids: readonly RootProgramId[]) => ids.join(',');

/** How long the first row waits for the page to draw its verdict before fetching every program. */
const rowFetchDelayMs = 150;

export function createJobRunner(
  findTrustAnchors: Asks['findTrustAnchors'],
  getProgramAnchors?: Asks['getProgramAnchors'],
) {
  let lookup: AnchorLookup | undefined;
  const programAnswers = new Map<RootProgramId, Promise<ProgramAnchors>>();
  const programSets = new Map<string, Promise<ProgramStores>>();

  /** One program's anchors, asked for once a session; a failed answer is asked for again next time. */
  function programAnswer(id: RootProgramId): Promise<ProgramAnchors> {
    if (!getProgramAnchors) return Promise.reject(new Error('no root program data here'));
    let answer = programAnswers.get(id);
    if (!answer) {
      answer = getProgramAnchors(id);
      programAnswers.set(id, answer);
      answer.catch(() => programAnswers.delete(id));
    }
    return answer;
  }

  /**
   * These programs' stores, the same object for the same programs (the verifier keeps its anchor
   * index per store): the leading client's answer needs only its own program, the row every one.
   */
  function programStores(ids: readonly RootProgramId[]): Promise<ProgramStores> {
    const key = programsKey(ids);
    let stores = programSets.get(key);
    if (!stores) {
      stores = Promise.all(ids.map(programAnswer)).then(programStoresFrom);
      programSets.set(key, stores);
      stores.catch(() => programSets.delete(key));
    }
    return stores;
  }

  /**
   * Verifies the job; when the job names a client, `onRow` is then called once, with every
   * client's verdict (judged on what the verdict used: anchors found, AIA answers, revocation
   * evidence) or why there is none. Not called when the verification itself fails.
   */
  async function run(job: VerifyJob, asks: JobAsks, onRow?: (row: JobRow) => void): Promise<JobOutcome> {
    lookup ??= new AnchorLookup(findTrustAnchors);
    const anchors = lookup;
    if (job.kind === 'probe' && job.reachable) anchors.seed(job.reachable);
    const wanted = job.client ? programStores(programsOf([job.client])) : undefined;
    wanted?.catch(() => undefined); // reported with the row
    const fetchIssuers = job.aia ? (url: string) => asks.fetchAiaIssuers(url) : undefined;
    const withExtras = (stores: TrustAnchorStore[]) => [...(job.extraAnchors ?? []), ...stores];
    const common = {
      ...(job.publicStoreName ? { publicStoreName: job.publicStoreName } : {}),
      ...(job.at ? { at: job.at } : {}),
      ...(job.expiryDays !== undefined ? { expiryDays: job.expiryDays } : {}),
    };
    /** The evidence the verdict's revocation check fetched, for the clients' verdicts too. */
    let evidence: RevocationEvidence | undefined;
    const fetchRevocation =
      job.kind === 'probe' && job.revocation
        ? async (chain: Uint8Array[]) => (evidence = await asks.fetchRevocation(chain))
        : undefined;
    const certificates = jobCertificates(job);
    const verified = await verifyWithAnchorLookup(
      anchors,
      certificates,
      fetchIssuers,
      async (stores, fetch) => {
        const options: VerifyProbeOptions = {
          ...common,
          anchors: withExtras(stores),
          ...(fetch ? { fetchIssuers: fetch } : {}),
          ...(fetchRevocation ? { fetchRevocation } : {}),
        };
        if (job.kind === 'probe') {
          const probeOptions = { ...options, ...(job.purpose !== undefined ? { purpose: job.purpose } : {}) };
          const result = await verifyProbeResult(job.probe, probeOptions);
          return { result, input: result ? probeVerifyInput(job.probe, probeOptions) : undefined };
        }
        const files = { ...options, certificates: job.certificates, crls: job.crls, host: job.host };
        return { result: await verifyFiles(files), input: await filesVerifyInput(files) };
      },
    );
    const given: (string | undefined)[] = [];
    for (const der of certificates)
      given.push(
        await readVerifyCert(der).then(
          (cert) => cert.sha256,
          () => undefined,
        ),
      );
    const outcome: JobOutcome = { result: verified.result, stores: await anchors.stores(), given };
    const input = verified.input;
    if (!job.client || !wanted) return outcome;
    // Always after the outcome is sent: the chosen client's answer shows first, the row fills in after.
    // When the other programs are still to be fetched (about 1 MB, the first inspection of a
    // launch), not while the page draws the verdict: on two cores the transfer competes with it.
    const settleMs = programSets.has(programsKey(clientProgramIds)) ? 0 : rowFetchDelayMs;
    const later = (row: () => Promise<JobRow>) =>
      onRow && setTimeout(() => void (asks.drawn?.() ?? Promise.resolve()).then(row).then(onRow), settleMs);
    if (!input) {
      later(async () => ({ ok: false, message: 'there is no certificate to verify' }));
      return outcome;
    }
    const chosen = job.client;
    // The Lab's roots stand in for public ones in the verdict; for the clients they are local
    // anchors (as the user's own): in every client's store, and exempt from public-only rules.
    const { publicStoreName: _lab, ...own } = input;
    const clientInput = { ...own, ...(evidence ? { revocation: evidence } : {}) };
    const tlsVersion = job.kind === 'probe' ? { tlsVersion: job.probe.handshake.version } : {};
    const judge = async (clients?: ClientId[]): Promise<JobRow> => {
      try {
        return {
          ok: true,
          clients: await verifyForClientsGiven(clientInput, {
            chosen,
            programs: await programStores(clients ? programsOf(clients) : clientProgramIds),
            ...tlsVersion,
            ...(clients ? { clients } : {}),
          }),
        };
      } catch (error) {
        return { ok: false, message: messageOf(error) };
      }
    };
    const lab = job.publicStoreName;
    const judged = async (clients?: ClientId[]): Promise<JobRow> => {
      const row = await judge(clients);
      return row.ok && lab ? { ok: true, clients: withLabRoots(row.clients, lab) } : row;
    };
    const first = await judged([chosen]);
    if (first.ok) {
      outcome.clients = first.clients;
      later(() => judged());
    } else later(async () => first);
    return outcome;
  }

  return {
    run,
    /** Asks for these clients' root programs now, before a verdict needs them. */
    warmPrograms(clients: readonly ClientId[]): void {
      if (getProgramAnchors) programStores(programsOf(clients)).catch(() => undefined);
    },
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
        .catch(() => undefined)
        // Then every root program's anchors (shipped data, once a session) for the rows to come.
        .then(() => (getProgramAnchors ? programStores(clientProgramIds) : undefined))
        .catch(() => undefined);
    },
    /** The user's anchors or distrust changed: anchors are asked for again. */
    trustChanged(): void {
      lookup = undefined;
    },
  };
}

/**
 * The Lab's roots are local anchors to the clients, but stand in for public ones: "trusted only
 * by a local store" is no lesson there (Certscope's own verdict doesn't say it either).
 */
function withLabRoots(verdicts: ClientVerdicts, lab: string): ClientVerdicts {
  const keep = (path: CandidatePath | undefined) => (item: Finding) =>
    item.code !== 'local-anchor-only' || !path?.anchorStores.includes(lab);
  return {
    ...verdicts,
    verdicts: verdicts.verdicts.map((verdict) => {
      const { result } = verdict;
      const paths = result.paths.map((path) => ({ ...path, findings: path.findings.filter(keep(path)) }));
      const findings = result.findings.filter(keep(result.paths[result.chosenPath]));
      return { ...verdict, result: { ...result, paths, findings } };
    }),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Page → worker. */
export type ToWorker =
  /** A report to build (for history): the same core code, off the page's main thread. */
  | { type: 'report'; id: number; input: ReportInput }
  /** Web mode: where the service answers (the worker may ask it for anchors itself). */
  | { type: 'init'; socketUrl?: string; httpBase?: string; token?: string }
  | { type: 'job'; id: number; job: VerifyJob }
  | { type: 'answer'; id: number; ok: true; value: unknown }
  | { type: 'answer'; id: number; ok: false; message: string }
  | { type: 'trust-changed' }
  /** The outcome of job `id` is drawn: its row may take the core now. */
  | { type: 'drawn'; id: number };

/** Worker → page. */
export type FromWorker =
  | { type: 'report-done'; id: number; ok: true; report: InspectionReport }
  | { type: 'report-done'; id: number; ok: false; message: string }
  | { type: 'done'; id: number; ok: true; outcome: JobOutcome }
  | { type: 'done'; id: number; ok: false; message: string }
  | { type: 'row'; id: number; row: JobRow }
  | { type: 'ask'; id: number; job: number; method: AskMethod; args: unknown[] };
