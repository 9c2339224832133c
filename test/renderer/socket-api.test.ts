/**
 * The web-mode API over a WebSocket: calls are matched to answers by id (in any order), errors
 * keep their message and code, a socket that won't open hands every call to HTTP, and one that
 * closes fails the calls in flight and is opened again for the next.
 */
import { describe, expect, it, vi } from 'vitest';
import type { CertscopeApi } from '../../src-core/api/contract';
import { decodeWire, encodeWire } from '../../src-core/api/wire';
import { ApiCallError, createSocketApi } from '../../src-renderer/src/api/client';

/** A WebSocket stand-in the test drives: it records what was sent and answers on demand. */
class FakeSocket {
  static readonly OPEN = 1;
  static instances: FakeSocket[] = [];
  static refuse = false;
  readyState = 0;
  sent: { id: number; method: string; args: unknown[] }[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
    queueMicrotask(() => {
      if (FakeSocket.refuse) return this.close();
      this.readyState = FakeSocket.OPEN;
      this.onopen?.();
    });
  }
  send(text: string) {
    this.sent.push(decodeWire(text) as FakeSocket['sent'][number]);
  }
  answer(reply: unknown) {
    this.onmessage?.({ data: encodeWire(reply) });
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const fallback = () =>
  ({ getAppInfo: vi.fn(async () => ({ name: 'over HTTP' })) }) as unknown as CertscopeApi;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSocketApi', () => {
  it('matches answers to calls by id, whatever their order, and keeps errors whole', async () => {
    FakeSocket.instances = [];
    FakeSocket.refuse = false;
    const api = createSocketApi('ws://app/api/socket', fallback(), FakeSocket as unknown as typeof WebSocket);
    const first = api.getAppInfo();
    const second = api.fetchAiaIssuers('http://aia.example/ca.der', null);
    await settle();
    const [socket] = FakeSocket.instances;
    expect(socket.url).toBe('ws://app/api/socket');
    expect(socket.sent.map(({ method, args }) => ({ method, args }))).toEqual([
      { method: 'getAppInfo', args: [] },
      { method: 'fetchAiaIssuers', args: ['http://aia.example/ca.der', null] },
    ]);
    socket.answer({
      id: socket.sent[1].id,
      ok: false,
      error: { name: 'AiaFetchError', message: 'no answer', code: 'x' },
    });
    socket.answer({ id: socket.sent[0].id, ok: true, result: { name: 'Certscope' } });
    await expect(first).resolves.toEqual({ name: 'Certscope' });
    const error = await second.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ message: 'no answer', code: 'x' });
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('fails the calls in flight when the socket closes, and opens a new one for the next', async () => {
    FakeSocket.instances = [];
    FakeSocket.refuse = false;
    const api = createSocketApi('ws://app/api/socket', fallback(), FakeSocket as unknown as typeof WebSocket);
    const lost = api.getAppInfo();
    await settle();
    FakeSocket.instances[0].close();
    await expect(lost).rejects.toThrow(/lost its connection/);
    const again = api.getAppInfo();
    await settle();
    expect(FakeSocket.instances).toHaveLength(2);
    const socket = FakeSocket.instances[1];
    socket.answer({ id: socket.sent[0].id, ok: true, result: 'back' });
    await expect(again).resolves.toBe('back');
  });

  it('hands every call to HTTP when the socket cannot be opened', async () => {
    FakeSocket.instances = [];
    FakeSocket.refuse = true;
    const http = fallback();
    const api = createSocketApi('ws://app/api/socket', http, FakeSocket as unknown as typeof WebSocket);
    await expect(api.getAppInfo()).resolves.toEqual({ name: 'over HTTP' });
    await expect(api.getAppInfo()).resolves.toEqual({ name: 'over HTTP' });
    expect(http.getAppInfo).toHaveBeenCalledTimes(2);
    expect(FakeSocket.instances).toHaveLength(1);
  });
});
