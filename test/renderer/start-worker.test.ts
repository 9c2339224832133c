/**
 * The verification worker starts with the page's entry, before the app that listens to it: what
 * it says meanwhile (a question for the page, or that it could not load) reaches the app's
 * handlers once the app takes it, never lost — a lost question would leave a verdict waiting.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CertscopeApi } from '../../src-core/api/contract';
import { startVerifierWorkerEarly, takeVerifierWorker } from '../../src-renderer/src/verifier/start-worker';

class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  posted: unknown[] = [];
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  say(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  fail(message: string): void {
    this.onerror?.(new ErrorEvent('error', { message, cancelable: true }));
  }
}

describe('the verification worker started early', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeWorker.made = [];
  });

  function startEarly(): FakeWorker {
    vi.stubGlobal('Worker', FakeWorker);
    // The desktop app's preload API: the worker is told nothing more than to start.
    window.certscope = {} as CertscopeApi;
    startVerifierWorkerEarly();
    startVerifierWorkerEarly(); // once only
    expect(FakeWorker.made).toHaveLength(1);
    return FakeWorker.made[0];
  }

  it('is told to start at once, and what it asks before the app listens is handed over', () => {
    const fake = startEarly();
    expect(fake.posted).toEqual([{ type: 'init' }]);
    const ask = { type: 'ask', id: 1, job: 0, method: 'getProgramAnchors', args: ['chrome'] };
    fake.say(ask);
    const taken = takeVerifierWorker();
    expect(taken?.worker).toBe(fake);
    const heard: unknown[] = [];
    fake.onmessage = ({ data }) => heard.push(data);
    taken?.replay();
    expect(heard).toEqual([ask]);
    // Taken once: the next one asked for is a new worker.
    expect(takeVerifierWorker()?.worker).not.toBe(fake);
  });

  it('that could not load says so to the app when it is taken', () => {
    const fake = startEarly();
    fake.fail('it could not be loaded');
    const taken = takeVerifierWorker();
    const errors: string[] = [];
    fake.onerror = (event) => errors.push(event.message);
    taken?.replay();
    expect(errors).toEqual(['it could not be loaded']);
  });
});
