/**
 * Starting the verification worker. The page's entry starts it before the app's own code loads,
 * so the worker's code (the whole verifier) compiles on its own thread while the page's does, and
 * it has fetched what a first verdict needs by the time someone presses Enter.
 */
import { webToken } from '../api/web-token';
import type { ToWorker } from './jobs';

/** A worker told where the service is (web mode: its own socket, with the page's token); or none. */
function startVerifierWorker(): Worker | undefined {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./verify.worker.ts', import.meta.url), {
      type: 'module',
      name: 'certscope-verifier',
    });
  } catch {
    return undefined;
  }
  // Web mode (no preload API): the worker reaches the loopback service itself, with the page's
  // token (a worker has no session storage); until then it asks through the page.
  if (!window.certscope && typeof WebSocket === 'function' && location.host)
    void webToken().then((token) =>
      worker.postMessage({
        type: 'init',
        socketUrl: `ws://${location.host}/api/socket`,
        httpBase: location.origin,
        ...(token ? { token } : {}),
      } satisfies ToWorker),
    );
  else worker.postMessage({ type: 'init' } satisfies ToWorker);
  return worker;
}

let early: Worker | undefined;

/** Called by the page's entry, first thing. */
export function startVerifierWorkerEarly(): void {
  if (typeof Worker === 'function') early ??= startVerifierWorker();
}

/** The worker started early, else one started now (undefined where none can be). */
export function takeVerifierWorker(): Worker | undefined {
  const worker = early ?? startVerifierWorker();
  early = undefined;
  return worker;
}
