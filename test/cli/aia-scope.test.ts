/**
 * Where AIA fetches may go, end to end (issue 15): a server whose certificate's AIA URL points at
 * 127.0.0.1 gets it fetched only when the inspected host is itself on loopback (a lab inspecting
 * its own servers); the same chain from a public host — the probe's address swapped for a public
 * one, the rest as captured — is not fetched, and the verdict says so. Dropped files fetch from
 * public addresses only unless allowed (--allow-private-fetches, the app's setting).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchScopeForProbe, verifyProbeResult } from '../../src-core/inspect/verify-probe';
import type { ProbeResult } from '../../src-core/tls/types';
import { runCli } from '../../src-main/cli/main';
import { clearAiaCache } from '../../src-main/services/aia/fetch';
import { createApi } from '../../src-main/services/api';
import {
  buildScenario,
  issueCert,
  startHttpFileServer,
  startNodeTlsServer,
  type LabHttpServer,
  type LabServer,
  type Scenario,
} from '../lab';
import { probe } from '../../src-main/services/probe';
import { memoryIo } from '../main/support/cli-io';

describe('AIA fetches and the inspected host', () => {
  let scenario: Scenario;
  let files: LabHttpServer;
  let server: LabServer;
  let dir: string;
  let aiaUrl: string;
  const asked = () => files.requests.filter((path) => path === '/issuer.der').length;

  beforeAll(async () => {
    scenario = await buildScenario('good');
    files = await startHttpFileServer({ '/issuer.der': { body: scenario.intermediates[0].der } });
    aiaUrl = files.url('/issuer.der');
    const leaf = await issueCert({
      commonName: scenario.host,
      issuer: scenario.intermediates[0],
      dnsNames: [scenario.host],
      aiaCaIssuersUrl: aiaUrl,
    });
    // The server sends the leaf alone: the intermediate can only come from the AIA URL.
    server = await startNodeTlsServer({ chain: [leaf] });
    dir = await mkdtemp(join(tmpdir(), 'certscope-aia-scope-'));
    await writeFile(join(dir, 'root.pem'), scenario.root.pem);
    await writeFile(join(dir, 'leaf.pem'), leaf.pem);
  });
  afterAll(async () => {
    await Promise.all([files?.close(), server?.close()]);
  });
  beforeEach(() => clearAiaCache());

  const anchors = () => [{ name: 'public', certificates: [scenario.root.der] }];
  const api = createApi({ mode: 'web' });
  const verifyThroughApi = (result: ProbeResult) =>
    verifyProbeResult(result, {
      anchors: anchors(),
      expiryDays: 0,
      fetchIssuers: (url) => api.fetchAiaIssuers(url, null, fetchScopeForProbe(result)),
    });

  it('inspecting a loopback host: its AIA URL on loopback is fetched, and the verdict says so', async () => {
    const result = await probe({ target: `127.0.0.1:${server.port}`, sni: scenario.host });
    const before = asked();
    const verdict = await verifyThroughApi(result);
    expect(verdict?.trusted).toBe(true);
    expect(verdict?.aiaFetches).toEqual([
      { url: aiaUrl, status: 'fetched', certificates: 1, address: '127.0.0.1' },
    ]);
    expect(asked()).toBe(before + 1);
  });

  it('the same chain from a public host: the loopback URL is not fetched, and the verdict says why', async () => {
    const captured = await probe({ target: `127.0.0.1:${server.port}`, sni: scenario.host });
    // What a probe of a host on the internet would have captured: the same chain, a public address.
    const fromPublicHost: ProbeResult = {
      ...captured,
      target: { ...captured.target, address: '93.184.216.34', resolvedAddresses: ['93.184.216.34'] },
    };
    const before = asked();
    const verdict = await verifyThroughApi(fromPublicHost);
    expect(asked()).toBe(before);
    expect(verdict?.trusted).toBe(false);
    expect(verdict?.aiaFetches).toEqual([
      {
        url: aiaUrl,
        status: 'refused',
        certificates: 0,
        detail: expect.stringMatching(
          /^refused: 127\.0\.0\.1 is a loopback address; the inspected host is public/,
        ) as unknown,
      },
    ]);
  });

  it('certscope inspect of a loopback host fetches from loopback and lists the fetch', async () => {
    const io = memoryIo();
    const code = await runCli(
      [
        'inspect',
        `127.0.0.1:${server.port}`,
        '--sni',
        scenario.host,
        '--ca',
        join(dir, 'root.pem'),
        '--ca-only',
      ],
      io,
    );
    expect(io.out).toContain(`AIA fetches:\n  fetched ${aiaUrl}: 1 certificate from 127.0.0.1`);
    expect(io.out).toMatch(/\nChrome: TRUSTED/);
    expect(code).toBe(0); // trusted; the incomplete chain is a warning
  });

  it('certscope verify of a file: loopback refused by default, fetched with --allow-private-fetches', async () => {
    const args = ['verify', join(dir, 'leaf.pem'), '--ca', join(dir, 'root.pem'), '--ca-only'];
    const before = asked();
    const refused = memoryIo();
    expect(await runCli([...args, '--json'], refused)).toBe(1);
    const report = JSON.parse(refused.out) as { aiaFetches: { status: string; detail: string }[] };
    expect(report.aiaFetches).toEqual([
      expect.objectContaining({
        status: 'refused',
        detail: expect.stringMatching(/off for files \(Settings, or --allow-private-fetches\)/) as unknown,
      }),
    ]);
    expect(asked()).toBe(before);
    const allowed = memoryIo();
    expect(await runCli([...args, '--allow-private-fetches'], allowed)).toBe(0);
    expect(allowed.out).toContain(`fetched ${aiaUrl}: 1 certificate from 127.0.0.1`);
    expect(asked()).toBe(before + 1);
  });
});
