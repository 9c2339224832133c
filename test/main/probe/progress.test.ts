/**
 * The probe's phase events against lab servers on 127.0.0.1: each phase starts and ends at the
 * moment it happens (DNS, connect, proxy, STARTTLS, handshake), a failing phase never ends, and the
 * service hands them out by probe id as a long poll while the probe is still running.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildScenario, startNodeTlsServer, startStarttlsServer, type LabServer } from '../../lab';
import { probe } from '../../../src-main/services/probe';
import { createProbeService } from '../../../src-main/services/probe/service';
import type { ProbePhaseEvent } from '../../../src-core/tls/progress';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function track(server: LabServer): LabServer {
  closers.push(() => server.close());
  return server;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => sockets.add(socket));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  );
  return (server.address() as { port: number }).port;
}

/** A CONNECT proxy without authentication. */
function connectProxy(): Server {
  return createServer((client) => {
    client.on('error', () => undefined);
    client.once('data', (chunk: Buffer) => {
      const [, host, port] = /^CONNECT \[?([^\]\s]+?)\]?:(\d+) /.exec(chunk.toString('latin1')) ?? [];
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  });
}

const steps = (events: ProbePhaseEvent[]) => events.map((event) => `${event.phase}:${event.kind}`);

describe('probe phase events', () => {
  it('a name: DNS, connect, handshake, each started and ended in order, matching the timings', async () => {
    const scenario = await buildScenario('good');
    const server = track(await startNodeTlsServer({ chain: scenario.presented }));
    const events: ProbePhaseEvent[] = [];
    const result = await probe({ target: `localhost:${server.port}` }, undefined, {
      onPhase: (event) => events.push(event),
    });
    expect(steps(events)).toEqual([
      'dns:start',
      'dns:end',
      'connect:start',
      'connect:end',
      'handshake:start',
      'handshake:end',
    ]);
    const times = events.map((event) => event.atMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(events[0].detail).toBe('localhost');
    expect(events[2].detail).toBe(`${result.target.address}:${server.port}`);
    expect(events[5].detail).toBe('TLSv1.3');
    // The handshake events bracket the probe's own TLS timing: they were taken when it happened.
    const handshakeMs = events[5].atMs - events[4].atMs;
    expect(Math.abs(handshakeMs - result.timings.tlsMs)).toBeLessThan(5);
    expect(Math.abs(events[3].atMs - events[2].atMs - result.timings.connectMs)).toBeLessThan(5);
  });

  it('an IP address needs no DNS; STARTTLS sits between connect and the handshake', async () => {
    const scenario = await buildScenario('good');
    const server = track(await startStarttlsServer('smtp', { chain: scenario.presented }));
    const events: ProbePhaseEvent[] = [];
    await probe({ target: `smtp://127.0.0.1:${server.port}` }, undefined, {
      onPhase: (event) => events.push(event),
    });
    expect(steps(events)).toEqual([
      'connect:start',
      'connect:end',
      'starttls:start',
      'starttls:end',
      'handshake:start',
      'handshake:end',
    ]);
    expect(events[2].detail).toBe('smtp');
  });

  it('through a proxy: connect (to the proxy), then the CONNECT tunnel, then the handshake', async () => {
    const scenario = await buildScenario('good');
    const server = track(await startNodeTlsServer({ chain: scenario.presented }));
    const proxyPort = await listen(connectProxy());
    const events: ProbePhaseEvent[] = [];
    await probe(
      { target: `localhost:${server.port}`, proxy: { url: `http://user:secret@127.0.0.1:${proxyPort}` } },
      undefined,
      { onPhase: (event) => events.push(event) },
    );
    expect(steps(events)).toEqual([
      'connect:start',
      'connect:end',
      'proxy:start',
      'proxy:end',
      'handshake:start',
      'handshake:end',
    ]);
    expect(events[0].detail).toBe(`proxy http://127.0.0.1:${proxyPort}`);
    expect(events[2].detail).toBe(`CONNECT localhost:${server.port}`);
    // The proxy's credentials never reach the progress line.
    expect(JSON.stringify(events)).not.toMatch(/secret|user/);
  });

  it('a refused connection: connect starts and never ends', async () => {
    const port = await listen(createServer());
    closers.splice(0).forEach((close) => void close());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const events: ProbePhaseEvent[] = [];
    await expect(
      probe({ target: `127.0.0.1:${port}` }, undefined, { onPhase: (event) => events.push(event) }),
    ).rejects.toMatchObject({ code: 'refused' });
    expect(steps(events)).toEqual(['connect:start']);
  });

  it('a listener that throws does not break the probe', async () => {
    const scenario = await buildScenario('good');
    const server = track(await startNodeTlsServer({ chain: scenario.presented }));
    const result = await probe({ target: `127.0.0.1:${server.port}` }, undefined, {
      onPhase: () => {
        throw new Error('listener bug');
      },
    });
    expect(result.presented).toHaveLength(scenario.presented.length);
  });
});

describe('probe service: progress by probe id (long poll)', () => {
  it('hands out the phases while the probe runs, answers at once with news, and says when it is done', async () => {
    // A server that accepts and never answers the ClientHello: the probe waits in the handshake.
    const port = await listen(createServer(() => undefined));
    const service = createProbeService({ progressWaitMs: 2000 });
    const outcome = service.probeHost({ target: `127.0.0.1:${port}` }, 'p1');
    const seen: ProbePhaseEvent[] = [];
    while (!seen.some((event) => event.phase === 'handshake')) {
      const started = performance.now();
      const next = await service.getProbeProgress('p1', seen.length);
      expect(next.done).toBe(false);
      expect(next.events.length).toBeGreaterThan(0);
      expect(performance.now() - started).toBeLessThan(1500);
      seen.push(...next.events);
    }
    expect(steps(seen)).toEqual(['connect:start', 'connect:end', 'handshake:start']);
    // Nothing new while it hangs: the poll waits, then answers with nothing.
    const quiet = createProbeService({ progressWaitMs: 150 });
    const quietOutcome = quiet.probeHost({ target: `127.0.0.1:${port}` }, 'q');
    await expect.poll(async () => (await quiet.getProbeProgress('q', 0)).events.length).toBe(3);
    const started = performance.now();
    await expect(quiet.getProbeProgress('q', 3)).resolves.toEqual({ events: [], done: false });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await quiet.cancelProbe('q');
    await quietOutcome;
    // A waiting poll is answered as soon as the probe ends (cancelled here).
    const waiting = service.getProbeProgress('p1', seen.length);
    await service.cancelProbe('p1');
    await expect(outcome).resolves.toMatchObject({ ok: false, failure: { code: 'cancelled' } });
    await expect(waiting).resolves.toEqual({ events: [], done: true });
    // The events stay readable after the answer.
    expect(steps((await service.getProbeProgress('p1', 0)).events)).toEqual(steps(seen));
  });

  it('gathers news that comes in a burst into one answer, but tells the end at once', async () => {
    const port = await listen(createServer(() => undefined));
    const service = createProbeService({ progressWaitMs: 2000, progressBatchMs: 150 });
    const started = performance.now();
    const outcome = service.probeHost({ target: `127.0.0.1:${port}` }, 'b');
    // Connect and the start of the handshake come within a few ms: one answer holds all three.
    const first = await service.getProbeProgress('b', 0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(steps(first.events)).toEqual(['connect:start', 'connect:end', 'handshake:start']);
    expect(first.done).toBe(false);
    // The probe's end is not held back by the batching.
    const waiting = service.getProbeProgress('b', 3);
    const cancelled = performance.now();
    await service.cancelProbe('b');
    await outcome;
    await expect(waiting).resolves.toEqual({ events: [], done: true });
    expect(performance.now() - cancelled).toBeLessThan(100);
  });

  it('an unknown probe id: nothing, after the wait', async () => {
    const service = createProbeService({ progressWaitMs: 50 });
    await expect(service.getProbeProgress('nobody', 0)).resolves.toEqual({ events: [], done: false });
  });
});
