/**
 * Two-way TLS in the app against a real Apache (issue 16 points 1 and 2): over TLS 1.2 with no
 * client certificate the server ends the handshake, and the app still shows the chain it sent,
 * the diagnosis and the acceptable CAs by name; over TLS 1.3 the summary says a certificate is
 * required and names the CAs.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApache, type RunningApache } from '../servers/apache';
import { tempDir, type TempDir } from '../servers/harness';
import { serverPki, writeHierarchy } from '../servers/pki';
import { openAppPage, screenshot, type WebApp } from './support/browser';

const caName = 'CN=Real Test Client Root,O=Certscope Real Servers';

describe('two-way TLS against Apache, in the app', () => {
  let apache: RunningApache<'require12' | 'require13'> | undefined;
  let files: TempDir;
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const pki = await serverPki();
    files = tempDir('e2e-apache');
    const rsa = writeHierarchy(files, pki.rsa, 'rsa');
    const caFile = files.write('client-ca.pem', pki.clientRoot.pem);
    apache = await startApache({
      require12: { certificates: [rsa], protocol: 'TLSv1.2', verifyClient: { mode: 'require', caFile } },
      require13: { certificates: [rsa], protocol: 'TLSv1.3', verifyClient: { mode: 'require', caFile } },
    });
    ({ app, browser, page } = await openAppPage());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await apache?.stop();
    files?.remove();
  });

  async function inspect(port: number): Promise<void> {
    await page.getByTestId('host-input').fill(`127.0.0.1:${port}`);
    await page.getByTestId('host-input').press('Enter');
  }

  it('TLS 1.2, no client certificate: the diagnosis, the CA names and the chain sent before the end', async () => {
    await inspect(apache!.ports.require12);
    await page.getByTestId('probe-failure').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('probe-failure-message').textContent()).resolves.toBe(
      `the server requires a client certificate (it asked for one from these CAs: ${caName}); we sent none, and it ended the handshake with the alert "handshake_failure"`,
    );
    await expect(page.getByTestId('presented-certificate').count()).resolves.toBe(2);
    const request = page.getByTestId('handshake-message').filter({ hasText: 'CertificateRequest' });
    await expect(request.textContent()).resolves.toContain(caName);
    await screenshot(page, 'two-way-tls-required-tls12');
  });

  it('TLS 1.3, no client certificate: "requires a client certificate", with the CAs in its title', async () => {
    await inspect(apache!.ports.require13);
    await page.getByTestId('probe-summary').waitFor({ timeout: 30_000 });
    const fact = page.getByTestId('client-certificate-fact');
    await expect(fact.textContent()).resolves.toBe('requires a client certificate (none sent)');
    await expect(fact.getAttribute('title')).resolves.toContain(caName);
    await screenshot(page, 'two-way-tls-required-tls13');
  });
});
