/** AIA issuer fetching against the lab's HTTP server: DER, PEM, PKCS#7, and every refusal. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../src-core/verify';
import { aiaLimits, fetchIssuers } from '../../../src-main/services/aia/fetch';
import {
  buildScenario,
  issueCert,
  startHttpFileServer,
  startLabProxy,
  type LabHttpServer,
  type Scenario,
} from '../../lab';

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
      expect(await fetchIssuers(http.url(path))).toEqual([scenario.intermediates[0].der]);
    });
  }

  it("goes through the user's HTTP proxy, and says when the proxy refuses or is not there", async () => {
    const proxy = await startLabProxy({ username: 'user', password: 'secret' });
    try {
      await expect(fetchIssuers(http.url('/proxied.der'), { url: proxy.url })).rejects.toThrow(
        `the proxy 127.0.0.1:${proxy.port} asks for credentials (give a user name and password)`,
      );
      await expect(
        fetchIssuers(http.url('/proxied.der'), { url: proxy.url, username: 'user', password: 'nope' }),
      ).rejects.toThrow(/refused the credentials given/);
      await expect(fetchIssuers(http.url('/proxied.der'), { url: 'http://127.0.0.1:1' })).rejects.toThrow(
        'could not reach the proxy 127.0.0.1:1: connection refused (nothing listens there)',
      );
      const direct = http.requests.filter((path) => path === '/proxied.der').length;
      expect(
        await fetchIssuers(http.url('/proxied.der'), { url: `http://user:secret@127.0.0.1:${proxy.port}` }),
      ).toEqual([scenario.intermediates[0].der]);
      expect(proxy.requests.at(-1)).toBe(`GET ${http.url('/proxied.der')} HTTP/1.1`);
      // The lab server saw the proxy's request, not one from us.
      expect(http.requests.filter((path) => path === '/proxied.der').length).toBe(direct + 1);
    } finally {
      await proxy.close();
    }
  });

  it('is cached for the session', async () => {
    const before = http.requests.filter((path) => path === '/int.der').length;
    await fetchIssuers(http.url('/int.der'));
    expect(http.requests.filter((path) => path === '/int.der').length).toBe(before);
  });

  it('refuses what is not a certificate, a 404, an over-large answer, https, and a silent server', async () => {
    await expect(fetchIssuers(http.url('/garbage'))).rejects.toThrow(/holds no certificate/);
    await expect(fetchIssuers(http.url('/missing'))).rejects.toThrow(/answered HTTP 404/);
    await expect(fetchIssuers(http.url('/huge'))).rejects.toThrow(/more than 1048576 bytes/);
    expect(await fetchIssuers(http.url('/at-limit'))).toEqual([scenario.intermediates[0].der]);
    await expect(fetchIssuers('https://127.0.0.1:1/x.der')).rejects.toThrow(/http only/);
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const started = Date.now();
    await expect(
      fetchIssuers(`http://127.0.0.1:${(silent.address() as { port: number }).port}/x`),
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
      fetchIssuers,
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
});
