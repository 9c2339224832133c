/**
 * The verification worker: verdicts are computed here, off the page's main thread, so a slow one
 * (a hostile chain) never stops the page from drawing. Whatever the job needs from outside is
 * asked of the page by message; the page answers with its API. In web mode the trust anchors are
 * asked of the service directly, over the worker's own socket (the page's main thread is busy
 * drawing the capture just then); should that be refused, the page is asked instead.
 */
import type { TrustAnchorMatches } from '../../../src-core/inspect/anchor-lookup';
import type { TrustAnchorStore } from '../../../src-core/verify';
import type { CertscopeApi } from '../../../src-core/api/contract';
import { createHttpApi, createSocketApi, socketProtocols } from '../api/client';
import { buildReport } from '../../../src-core/report/report';
import { defaultClient, type ProgramAnchors } from '../../../src-core/clients';
import type { RootProgramId } from '../../../src-core/trust/root-programs';
import { createJobRunner, type AskMethod, type FromWorker, type JobRow, type ToWorker } from './jobs';

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

let nextAsk = 1;
const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

function ask<T>(job: number, method: AskMethod, args: unknown[]): Promise<T> {
  const id = nextAsk++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    scope.postMessage({ type: 'ask', id, job, method, args });
  });
}

/** The service itself, in web mode (set by the page's `init`); undefined once it has refused us. */
let direct: CertscopeApi | undefined;

async function findTrustAnchors(keys: string[]): Promise<TrustAnchorMatches> {
  if (direct) {
    try {
      return await direct.findTrustAnchors(keys);
    } catch {
      direct = undefined; // refused or unreachable: the page's own connection answers from now on
    }
  }
  return ask(0, 'findTrustAnchors', [keys]);
}

async function getTrustStores(): Promise<TrustAnchorStore[]> {
  if (direct) {
    try {
      return await direct.getTrustStores();
    } catch {
      direct = undefined;
    }
  }
  return ask(0, 'getTrustStores', []);
}

async function getProgramAnchors(program: RootProgramId): Promise<ProgramAnchors> {
  if (direct) {
    try {
      return await direct.getProgramAnchors(program);
    } catch {
      direct = undefined;
    }
  }
  return ask(0, 'getProgramAnchors', [program]);
}

const runner = createJobRunner(findTrustAnchors, getProgramAnchors);

/**
 * The whole stores are fetched once no verdict has been asked for a moment: a first inspection
 * made at once (its anchors asked for by subject) never waits behind their transfer.
 */
const prefetchQuietMs = 250;
let prefetchTimer: ReturnType<typeof setTimeout> | undefined;
let prefetchWanted = false;
let jobsRunning = 0;
function schedulePrefetch(): void {
  prefetchWanted = true;
  clearTimeout(prefetchTimer);
  if (jobsRunning > 0) return; // again when they are done
  prefetchTimer = setTimeout(() => {
    prefetchWanted = false;
    runner.prefetch(getTrustStores);
  }, prefetchQuietMs);
}

/** Jobs whose rows wait for the page to draw their outcome, by job id. */
const drawnWaits = new Map<number, () => void>();
/** A page that never says (a hidden window draws nothing) is not waited for longer than this. */
const drawnWaitMaxMs = 1000;

function waitForDrawn(id: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      drawnWaits.delete(id);
      resolve();
    };
    const timer = setTimeout(done, drawnWaitMaxMs);
    drawnWaits.set(id, done);
  });
}

scope.onmessage = ({ data: message }) => {
  if (message.type === 'init') {
    // Web mode: this worker's own socket to the service, opened now (a socket opens on its
    // first call) rather than on the way to the first verdict.
    if (message.socketUrl) {
      const token = message.token;
      direct = createSocketApi(
        message.socketUrl,
        createHttpApi(message.httpBase, async () => token),
        WebSocket,
        async () => socketProtocols(token),
      );
      void findTrustAnchors([]).catch(() => undefined);
    }
    // The default client's root program (its verdict leads the first answer), at once: it is small.
    runner.warmPrograms([defaultClient]);
    schedulePrefetch();
    return;
  }
  if (message.type === 'trust-changed') {
    runner.trustChanged();
    schedulePrefetch();
    return;
  }
  if (message.type === 'report') {
    const { id } = message;
    buildReport(message.input).then(
      (report) => scope.postMessage({ type: 'report-done', id, ok: true, report }),
      (error: unknown) =>
        scope.postMessage({
          type: 'report-done',
          id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return;
  }
  if (message.type === 'drawn') {
    drawnWaits.get(message.id)?.();
    return;
  }
  if (message.type === 'answer') {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) pending?.resolve(message.value);
    else pending?.reject(new Error(message.message));
    return;
  }
  const { id, job } = message;
  jobsRunning++;
  clearTimeout(prefetchTimer);
  const finished = () => {
    jobsRunning--;
    if (jobsRunning === 0 && prefetchWanted) schedulePrefetch();
  };
  const drawn = job.client ? waitForDrawn(id) : Promise.resolve();
  // A job that leads with a client is finished once every client's verdict is sent.
  const onRow = job.client
    ? (row: JobRow) => {
        scope.postMessage({ type: 'row', id, row });
        finished();
      }
    : undefined;
  runner
    .run(
      job,
      {
        fetchAiaIssuers: (url) => ask(id, 'fetchAiaIssuers', [url]),
        fetchRevocation: (chain) => ask(id, 'fetchRevocation', [chain]),
        drawn: () => drawn,
      },
      onRow,
    )
    .then(
      (outcome) => {
        scope.postMessage({ type: 'done', id, ok: true, outcome });
        if (!onRow) finished();
      },
      (error: unknown) => {
        scope.postMessage({
          type: 'done',
          id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        });
        finished();
      },
    );
};
