/**
 * AIA issuer fetching against the lab's HTTP server: DER, PEM, PKCS#7, every failure, and the
 * address policy — a certificate from a public host can't send us to 127.0.0.1 or any other
 * private address, however the URL spells it, with or without DNS, directly or through a proxy.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../src-core/verify';
import { aiaLimits, clearAiaCache, fetchIssuers } from '../../../src-main/services/aia/fetch';
import { addressKind, policyFor } from '../../../src-main/services/http/address-policy';
import type { ProxySettings } from '../../../src-core/tls/types';
import {
  buildScenario,
  issueCert,
  startHttpFileServer,
  startLabProxy,
  type LabHttpServer,
  type Scenario,
} from '../../lab';

/** Everything here listens on 127.0.0.1: a lab inspecting its own servers may fetch from them. */
const lab = { inspectedAddresses: ['127.0.0.1'] };
/** An inspection of a host on the internet (only its address matters; nothing is sent to it). */
const publicHost = { inspectedAddresses: ['93.184.216.34'] };
const fetchHere = (url: string, proxy?: ProxySettings) => fetchIssuers(url, proxy, lab);
/** The issuers, or the reason as a rejection (to read like the old API in the cases below). */
const issuers = async (url: string, proxy?: ProxySettings) => {
  const outcome = await fetchHere(url, proxy);
  if (outcome.status !== 'fetched') throw new Error(outcome.detail);
  return outcome.certificates;
};

describe('AIA caIssuers fetching', () => {
  let http: LabHttpServer;
  let scenario: Scenario;
  beforeAll(async () => {
    scenario = await buildScenario('good');
    const intermediate = scenario.intermediates[0];
    const dir = mkdtempSync(join(tmpdir(), 'certscope-aia-'));
    writeFileSync(join(dir, 'int.pem'), intermediate.pem);
    execFileSync('openssl', [
      'crl2pkcs7',
      '-nocrl',
      '-certfile',
      join(dir, 'int.pem'),
      '-outform',
      'DER',
      '-out',
      join(dir, 'int.p7c'),
    ]);
    http = await startHttpFileServer({
      '/int.der': { body: intermediate.der, contentType: 'application/pkix-cert' },
      '/int.pem': { body: intermediate.pem, contentType: 'application/x-pem-file' },
      '/int.p7c': {
        body: new Uint8Array(readFileSync(join(dir, 'int.p7c'))),
        contentType: 'application/pkcs7-mime',
      },
      '/proxied.der': { body: intermediate.der, contentType: 'application/pkix-cert' },
      '/garbage': { body: 'hello' },
      '/huge': { body: new Uint8Array(aiaLimits.maxBytes + 1) },
      // Exactly at the limit: the issuer's PEM padded with prose to 1 MiB.
      '/at-limit': {
        body: intermediate.pem + 'x'.repeat(aiaLimits.maxBytes - intermediate.pem.length),
        contentType: 'application/x-pem-file',
      },
    });
  });
  afterAll(async () => {
    await http.close();
  });

  for (const path of ['/int.der', '/int.pem', '/int.p7c']) {
    it(`reads ${path}`, async () => {
      expect(await fetchHere(http.url(path))).toMatchObject({
        status: 'fetched',
        certificates: [scenario.intermediates[0].der],
        address: '127.0.0.1',
      });
    });
  }

  it("goes through the user's HTTP proxy, and says when the proxy refuses or is not there", async () => {
    const proxy = await startLabProxy({ username: 'user', password: 'secret' });
    try {
      await expect(issuers(http.url('/proxied.der'), { url: proxy.url })).rejects.toThrow(
        `the proxy 127.0.0.1:${proxy.port} asks for credentials (give a user name and password)`,
      );
      await expect(
        issuers(http.url('/proxied.der'), { url: proxy.url, username: 'user', password: 'nope' }),
      ).rejects.toThrow(/refused the credentials given/);
      await expect(issuers(http.url('/proxied.der'), { url: 'http://127.0.0.1:1' })).rejects.toThrow(
        'could not reach the proxy 127.0.0.1:1: connection refused (nothing listens there)',
      );
      const direct = http.requests.filter((path) => path === '/proxied.der').length;
      expect(
        await issuers(http.url('/proxied.der'), { url: `http://user:secret@127.0.0.1:${proxy.port}` }),
      ).toEqual([scenario.intermediates[0].der]);
      expect(proxy.requests.at(-1)).toBe(`GET ${http.url('/proxied.der')} HTTP/1.1`);
      // The lab server saw the proxy's request, not one from us.
      expect(http.requests.filter((path) => path === '/proxied.der').length).toBe(direct + 1);
    } finally {
      await proxy.close();
    }
  });

  it('is cached for the session, failures included', async () => {
    const count = (path: string) => http.requests.filter((seen) => seen === path).length;
    const before = count('/int.der');
    expect(await fetchHere(http.url('/int.der'))).toMatchObject({ status: 'fetched', cached: true });
    expect(count('/int.der')).toBe(before);
    await fetchHere(http.url('/missing-once'));
    const missing = count('/missing-once');
    expect(await fetchHere(http.url('/missing-once'))).toMatchObject({
      status: 'failed',
      cached: true,
      detail: expect.stringMatching(/answered HTTP 404/),
    });
    expect(count('/missing-once')).toBe(missing);
  });

  it('refuses what is not a certificate, a 404, an over-large answer, https, and a silent server', async () => {
    await expect(issuers(http.url('/garbage'))).rejects.toThrow(/holds no certificate/);
    await expect(issuers(http.url('/missing'))).rejects.toThrow(/answered HTTP 404/);
    await expect(issuers(http.url('/huge'))).rejects.toThrow(/more than 1048576 bytes/);
    expect(await issuers(http.url('/at-limit'))).toEqual([scenario.intermediates[0].der]);
    await expect(issuers('https://127.0.0.1:1/x.der')).rejects.toThrow(/http only/);
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const started = Date.now();
    await expect(
      issuers(`http://127.0.0.1:${(silent.address() as { port: number }).port}/x`),
    ).rejects.toThrow(/within 5 s|longer than 5 s/);
    expect(Date.now() - started).toBeLessThan(8000);
    silent.closeAllConnections();
    silent.close();
  }, 15_000);

  it('completes a chain whose server sends only the leaf (verifier + this service)', async () => {
    const leaf = await issueCert({
      commonName: scenario.host,
      issuer: scenario.intermediates[0],
      dnsNames: [scenario.host],
      aiaCaIssuersUrl: http.url('/int.p7c'),
    });
    const result = await verifyChain({
      leaf: leaf.der,
      intermediates: [],
      presented: [leaf.der],
      anchors: [{ name: 'public', certificates: [scenario.root.der] }],
      host: { kind: 'dns', value: scenario.host },
      fetchIssuers: issuers,
      expiryDays: 0,
    });
    expect(result.trusted).toBe(true);
    expect(result.findings.map((item) => item.code)).toEqual(['incomplete-chain']);
    expect(result.paths[0].certificates.map((certificate) => certificate.source)).toEqual([
      'sent',
      'aia',
      'store',
    ]);
  });

  describe('the address policy', () => {
    const count = (path: string) => http.requests.filter((seen) => seen === path).length;
    beforeAll(() => clearAiaCache());

    it('fetches nothing from loopback, however the URL spells it, for a public host', async () => {
      const port = new URL(http.url('/')).port;
      for (const spelling of [
        '127.0.0.1',
        'localhost',
        '127.1',
        '2130706433',
        '0x7f.0.0.1',
        '[::1]',
        '[::ffff:127.0.0.1]',
        '0.0.0.0',
      ]) {
        const url = `http://${spelling}:${port}/int.der`;
        const before = count('/int.der');
        const outcome = await fetchIssuers(url, undefined, publicHost);
        expect(outcome, spelling).toMatchObject({ status: 'refused', certificates: [] });
        expect(outcome.detail).toMatch(
          /^refused: .* (loopback|unspecified) address; the inspected host is public/,
        );
        expect(count('/int.der'), spelling).toBe(before);
      }
    });

    it('fetches nothing private for files unless allowed, and says where to allow it', async () => {
      const before = count('/int.pem');
      const refused = await fetchIssuers(http.url('/int.pem'), undefined, {});
      expect(refused.detail).toMatch(/off for files \(Settings, or --allow-private-fetches\)/);
      expect(count('/int.pem')).toBe(before);
      const allowed = await fetchIssuers(http.url('/int.pem'), undefined, { allowPrivate: true });
      expect(allowed).toMatchObject({ status: 'fetched', certificates: [scenario.intermediates[0].der] });
      expect(count('/int.pem')).toBe(before + 1);
    });

    it("refuses before the user's proxy is asked to go there", async () => {
      const proxy = await startLabProxy();
      try {
        const outcome = await fetchIssuers(http.url('/proxied.der'), { url: proxy.url }, publicHost);
        expect(outcome).toMatchObject({ status: 'refused' });
        expect(proxy.requests).toEqual([]);
        // A name only the proxy can resolve goes to the proxy (it decides what it reaches).
        await fetchIssuers('http://aia.only-the-proxy-knows.invalid/x.der', { url: proxy.url }, publicHost);
        expect(proxy.requests).toEqual(['GET http://aia.only-the-proxy-knows.invalid/x.der HTTP/1.1']);
      } finally {
        await proxy.close();
      }
    });

    it('connects to the address it checked, naming the host only in the Host header (no rebinding)', async () => {
      const hosts: string[] = [];
      const server = createServer((request, response) => {
        hosts.push(request.headers.host ?? '');
        response.end(scenario.intermediates[0].der);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const port = (server.address() as { port: number }).port;
      // A resolver that answers a private and a "public" address (127.0.0.1 passes for public here).
      const lookups: string[] = [];
      const policy = policyFor(publicHost, {
        kindOf: (address) => (address === '127.0.0.1' ? 'public' : addressKind(address)),
        resolve: async (host) => {
          lookups.push(host);
          return ['10.0.0.1', '127.0.0.1'];
        },
      });
      try {
        const outcome = await fetchIssuers(
          `http://aia.rebinding.test:${port}/int.der`,
          undefined,
          publicHost,
          policy,
        );
        expect(outcome).toMatchObject({ status: 'fetched', address: '127.0.0.1' });
        expect(lookups).toEqual(['aia.rebinding.test']);
        expect(hosts).toEqual([`aia.rebinding.test:${port}`]);
      } finally {
        server.close();
      }
    });
  });
});
