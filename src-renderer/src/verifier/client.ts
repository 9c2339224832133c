/**
 * The page's side of verification: jobs go to a Web Worker (verify.worker.ts), so the page keeps
 * drawing however long a verdict takes; what the worker asks for — trust anchors, AIA issuers,
 * revocation evidence — is answered here with the API, through the job's proxy. Where no worker
 * can be had (component tests), the same jobs run in the page.
 */
import type { TrustStoreSummary } from '../../../src-core/inspect/anchor-lookup';
import { buildReport, type InspectionReport, type ReportInput } from '../../../src-core/report/report';
import type { ProxySettings } from '../../../src-core/tls/types';
import type { FetchScope } from '../../../src-core/verify/aia-fetches';
import type { RootProgramId } from '../../../src-core/trust/root-programs';
import { useApi } from '../api/client';
import { afterDrawing } from '../composables/afterNextPaint';
import {
  createJobRunner,
  jobCertificates,
  type AskMethod,
  type FromWorker,
  type JobOutcome,
  type JobRow,
  type ToWorker,
  type VerifyJob,
} from './jobs';
import { internCertificates, internGiven, internVerdicts } from './intern';
import { takeVerifierWorker } from './start-worker';

export class VerificationCancelled extends Error {
  override name = 'VerificationCancelled';
  constructor() {
    super('cancelled');
  }
}

export interface VerificationHandle {
  outcome: Promise<JobOutcome>;
  /** Every client's verdict, after the outcome (a job that names a client); rejects when cancelled. */
  row: Promise<JobRow>;
  /** The verdict is no longer wanted; a long-running one stops the worker (then restarted). */
  cancel(): void;
}

/** A cancelled job that has run this long has the worker restarted rather than waited for. */
export const restartAfterMs = 150;

interface Pending {
  job: VerifyJob;
  proxy: ProxySettings | null;
  /** Where its AIA/OCSP/CRL fetches may go (public addresses unless this says otherwise). */
  scope: FetchScope | null;
  postedAt: number;
  resolve(outcome: JobOutcome): void;
  reject(error: Error): void;
  /** Settles `row`; the job stays here after its outcome until its row comes (it still runs). */
  resolveRow(row: JobRow): void;
  rejectRow(error: Error): void;
  /** Its outcome has come. */
  answered?: boolean;
}

function answer(
  method: AskMethod,
  args: unknown[],
  proxy: ProxySettings | null,
  scope: FetchScope | null,
): Promise<unknown> {
  const api = useApi();
  if (method === 'findTrustAnchors') return api.findTrustAnchors(args[0] as string[]);
  if (method === 'getTrustStores') return api.getTrustStores();
  if (method === 'getProgramAnchors') return api.getProgramAnchors(args[0] as RootProgramId);
  if (method === 'fetchAiaIssuers') return api.fetchAiaIssuers(args[0] as string, proxy, scope);
  return api.fetchRevocation(args[0] as Uint8Array[], proxy, scope);
}

function workerAvailable(): boolean {
  return typeof Worker === 'function' && !import.meta.env.VITEST;
}

class WorkerVerifier {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly reports = new Map<
    number,
    { input: ReportInput; resolve(report: InspectionReport): void; reject(error: Error): void }
  >();
  /** In the page instead, when no worker could be started. */
  private local: ReturnType<typeof createJobRunner> | undefined;

  /**
   * Starts the worker ahead of the first job (it loads its code on its own thread while the page
   * mounts), and has the main process index its trust stores meanwhile.
   */
  warm(): void {
    if (!workerAvailable()) return;
    this.ensureWorker();
  }

  verify(job: VerifyJob, proxy: ProxySettings | null, scope: FetchScope | null = null): VerificationHandle {
    const id = this.nextId++;
    let settleRow: Pick<Pending, 'resolveRow' | 'rejectRow'> | undefined;
    const row = new Promise<JobRow>((resolveRow, rejectRow) => (settleRow = { resolveRow, rejectRow }));
    row.catch(() => undefined); // a caller that never looks at the row
    const outcome = new Promise<JobOutcome>((resolve, reject) => {
      this.pending.set(id, {
        job,
        proxy,
        scope,
        postedAt: performance.now(),
        resolve,
        reject,
        ...(settleRow as Pick<Pending, 'resolveRow' | 'rejectRow'>),
      });
    });
    if (!job.client) settleRow?.resolveRow({ ok: false, message: 'no client asked for' });
    this.post(id);
    return { outcome, row, cancel: () => this.cancel(id) };
  }

  /** A report built in the worker (a big chain's takes the page a long frame); in the page without one. */
  report(input: ReportInput): Promise<InspectionReport> {
    const worker = workerAvailable() ? this.ensureWorker() : undefined;
    if (!worker) return buildReport(input);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.reports.set(id, { input, resolve, reject });
      worker.postMessage({ type: 'report', id, input } satisfies ToWorker);
    });
  }

  trustChanged(): void {
    this.local?.trustChanged();
    this.worker?.postMessage({ type: 'trust-changed' } satisfies ToWorker);
  }

  private post(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    const worker = workerAvailable() ? this.ensureWorker() : undefined;
    if (worker) {
      try {
        worker.postMessage({ type: 'job', id, job: pending.job } satisfies ToWorker);
      } catch (error) {
        // A job that can't be sent (something in it can't be cloned) fails with the reason, never hangs.
        this.settle(id, { error: error instanceof Error ? error : new Error(String(error)) });
      }
      return;
    }
    this.local ??= createJobRunner(
      (keys) => useApi().findTrustAnchors(keys),
      (program) => useApi().getProgramAnchors(program),
    );
    this.local
      .run(
        pending.job,
        {
          fetchAiaIssuers: (url) => useApi().fetchAiaIssuers(url, pending.proxy, pending.scope),
          fetchRevocation: (chain) => useApi().fetchRevocation(chain, pending.proxy, pending.scope),
        },
        (row) => this.settleRow(id, row),
      )
      .then(
        (outcome) => this.settle(id, { outcome }),
        (error: unknown) =>
          this.settle(id, { error: error instanceof Error ? error : new Error(String(error)) }),
      );
  }

  private settle(id: number, settled: { outcome: JobOutcome } | { error: Error }): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    if ('outcome' in settled) {
      if (pending.answered) return;
      internGiven(jobCertificates(pending.job), settled.outcome.given);
      internCertificates(settled.outcome.result);
      internVerdicts(settled.outcome.clients);
      pending.resolve(settled.outcome);
      // Its row is still to come (and keeps the worker busy meanwhile).
      if (pending.job.client) return void (pending.answered = true);
    } else {
      if (!pending.answered) pending.reject(settled.error);
      pending.rejectRow(settled.error);
    }
    this.pending.delete(id);
  }

  private settleRow(id: number, row: JobRow): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (row.ok) internVerdicts(row.clients);
    pending.resolveRow(row);
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    const started = takeVerifierWorker();
    if (!started) return undefined;
    const worker = (this.worker = started.worker);
    worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      if (data.type === 'report-done') {
        const waiting = this.reports.get(data.id);
        this.reports.delete(data.id);
        if (data.ok) waiting?.resolve(data.report);
        else waiting?.reject(new Error(data.message));
        return;
      }
      if (data.type === 'done') {
        if (data.ok && this.pending.get(data.id)?.job.client)
          // Every client's verdict is worked out once this one is drawn.
          void afterDrawing().then(() =>
            worker.postMessage({ type: 'drawn', id: data.id } satisfies ToWorker),
          );
        return this.settle(data.id, data.ok ? { outcome: data.outcome } : { error: new Error(data.message) });
      }
      if (data.type === 'row') return this.settleRow(data.id, data.row);
      const asking = this.pending.get(data.job);
      answer(data.method, data.args, asking?.proxy ?? null, asking?.scope ?? null).then(
        (value) => worker.postMessage({ type: 'answer', id: data.id, ok: true, value } satisfies ToWorker),
        (error: unknown) =>
          worker.postMessage({
            type: 'answer',
            id: data.id,
            ok: false,
            message: error instanceof Error ? error.message : String(error),
          } satisfies ToWorker),
      );
    };
    worker.onerror = (event) => {
      // The worker could not start or broke: its jobs fail with the reason, a new one is made next time.
      event.preventDefault();
      this.worker = undefined;
      worker.terminate();
      const reason = new Error(
        `the verification worker stopped: ${event.message || 'it could not be loaded'}`,
      );
      for (const id of [...this.pending.keys()]) this.settle(id, { error: reason });
      for (const waiting of this.reports.values()) waiting.reject(reason);
      this.reports.clear();
    };
    // What it said before it was taken: its questions, or that it could not be loaded.
    started.replay();
    return this.worker;
  }

  private cancel(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (!pending.answered) pending.reject(new VerificationCancelled());
    pending.rejectRow(new VerificationCancelled());
    if (!this.worker || performance.now() - pending.postedAt < restartAfterMs) return;
    // Still at it after a while (a hostile chain): stop it, and give the others to a new worker.
    this.worker.terminate();
    this.worker = undefined;
    for (const [other, waiting] of [...this.pending]) {
      // One whose outcome came has nothing left to post: its row is given up.
      if (!waiting.answered) this.post(other);
      else this.settleRow(other, { ok: false, message: 'the verification worker was restarted' });
    }
    const worker = this.ensureWorker();
    for (const [reportId, { input }] of this.reports)
      worker?.postMessage({ type: 'report', id: reportId, input } satisfies ToWorker);
  }
}

let verifier: WorkerVerifier | undefined;

/** The one verifier of the page. */
export function useVerifier(): WorkerVerifier {
  verifier ??= new WorkerVerifier();
  return verifier;
}

/** The trust stores' names and sizes now (for reports), without any verification. */
export async function trustStoreSummaries(): Promise<TrustStoreSummary[]> {
  return (await useApi().findTrustAnchors([])).stores;
}
