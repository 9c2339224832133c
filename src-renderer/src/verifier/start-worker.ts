/**
 * Starting the verification worker. The page's entry starts it before the app's own code loads,
 * so the worker's code (the whole verifier) compiles on its own thread while the page's does, and
 * it has fetched what a first verdict needs by the time someone presses Enter.
 */
import { webToken } from '../api/web-token';
import type { ToWorker } from './jobs';

/** A worker started, with what it said before anyone listened. */
interface Started {
  worker: Worker;
  messages: unknown[];
  error?: ErrorEvent;
}

/** A worker told where the service is (web mode: its own socket, with the page's token); or none. */
function startVerifierWorker(): Started | undefined {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./verify.worker.ts', import.meta.url), {
      type: 'module',
      name: 'certscope-verifier',
    });
  } catch {
    return undefined;
  }
  // Until the app takes the worker, what it says is kept (a message nobody listens to is lost).
  const started: Started = { worker, messages: [] };
  worker.onmessage = ({ data }: MessageEvent) => started.messages.push(data);
  worker.onerror = (event) => {
    event.preventDefault();
    started.error = event;
  };
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
  return started;
}

let early: Started | undefined;

/** Called by the page's entry, first thing. */
export function startVerifierWorkerEarly(): void {
  if (typeof Worker === 'function') early ??= startVerifierWorker();
}

/**
 * The worker started early, else one started now (undefined where none can be). Set its
 * `onmessage` and `onerror`, then call `replay` for whatever it said before (its questions, or
 * that it failed to load).
 */
export function takeVerifierWorker(): { worker: Worker; replay(): void } | undefined {
  const started = early ?? startVerifierWorker();
  early = undefined;
  if (!started) return undefined;
  const { worker } = started;
  return {
    worker,
    replay() {
      for (const data of started.messages.splice(0))
        worker.onmessage?.(new MessageEvent('message', { data }));
      if (started.error) worker.onerror?.(started.error);
    },
  };
}
