/**
 * The verification worker: verdicts are computed here, off the page's main thread, so a slow one
 * (a hostile chain) never stops the page from drawing. Whatever the job needs from outside is
 * asked of the page by message; the page answers with its API.
 */
import { createJobRunner, type AskMethod, type FromWorker, type ToWorker } from './jobs';

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

const runner = createJobRunner((keys) => ask(0, 'findTrustAnchors', [keys]));

scope.onmessage = ({ data: message }) => {
  if (message.type === 'trust-changed') return runner.trustChanged();
  if (message.type === 'answer') {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) pending?.resolve(message.value);
    else pending?.reject(new Error(message.message));
    return;
  }
  const { id, job } = message;
  runner
    .run(job, {
      fetchAiaIssuers: (url) => ask(id, 'fetchAiaIssuers', [url]),
      fetchRevocation: (chain) => ask(id, 'fetchRevocation', [chain]),
    })
    .then(
      (outcome) => scope.postMessage({ type: 'done', id, ok: true, outcome }),
      (error: unknown) =>
        scope.postMessage({
          type: 'done',
          id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
};
