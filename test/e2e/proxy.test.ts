/**
 * An inspection through the user's HTTP proxy, end to end: the TLS connection is a CONNECT tunnel
 * through it, and the intermediate the server left out is fetched (AIA) through it as well, with
 * the proxy's credentials; nothing goes around it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  issueCert,
  startHttpFileServer,
  startLabProxy,
  startNodeTlsServer,
  type LabHttpServer,
  type LabProxy,
  type LabServer,
} from '../lab';
import { dataDirTrusting, screenshot, openAppPage, type WebApp } from './support/browser';

describe('inspector: through an HTTP proxy', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let tls: LabServer;
  let files: LabHttpServer;
  let proxy: LabProxy;

  beforeAll(async () => {
    const root = await issueCert({ commonName: 'Certscope Proxy Root', isCa: true });
    const intermediate = await issueCert({
      commonName: 'Certscope Proxy Intermediate',
      isCa: true,
      issuer: root,
    });
    files = await startHttpFileServer({ '/intermediate.der': { body: intermediate.der } });
    const leaf = await issueCert({
      commonName: 'localhost',
      dnsNames: ['localhost'],
      issuer: intermediate,
      aiaCaIssuersUrl: files.url('/intermediate.der'),
    });
    tls = await startNodeTlsServer({ chain: [leaf] });
    proxy = await startLabProxy({ username: 'user', password: 'secret' });
    ({ app, browser, page } = await openAppPage({ CERTSCOPE_DATA_DIR: await dataDirTrusting([root.der]) }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await Promise.all([tls?.close(), files?.close(), proxy?.close()]);
  });

  it('tunnels the connection and fetches the missing intermediate through the proxy', async () => {
    await page.getByTestId('options-toggle').click();
    await page.getByTestId('option-proxy').fill(`http://user:secret@127.0.0.1:${proxy.port}`);
    await page.getByTestId('host-input').fill(`localhost:${tls.port}`);
    await page.getByTestId('host-input').press('Enter');
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(
      /^Trusted on this machine only/,
    );
    expect(await page.getByTestId('chain-node-source').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/AIA/i)]),
    );
    expect(proxy.requests).toEqual([
      `CONNECT localhost:${tls.port} HTTP/1.1`,
      `GET ${files.url('/intermediate.der')} HTTP/1.1`,
    ]);
    expect(files.requests).toEqual(['/intermediate.der']);
    await screenshot(page, 'inspect-through-proxy');
  });
});
