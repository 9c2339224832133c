/**
 * The app against a real Apache. Two-way TLS (issue 16 points 1 and 2): over TLS 1.2 with no
 * client certificate the server ends the handshake, and the app still shows the chain it sent,
 * the diagnosis and the acceptable CAs by name; over TLS 1.3 the summary says a certificate is
 * required and names the CAs. A dual RSA + ECDSA host (point 12): "Every certificate the server
 * has" shows both chains.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApache, type RunningApache } from '../servers/apache';
import { tempDir, type TempDir } from '../servers/harness';
import { serverPki, writeHierarchy } from '../servers/pki';
import { openAppPage, screenshot, type WebApp } from './support/browser';

const caName = 'CN=Real Test Client Root,O=Certscope Real Servers';

describe('Apache, in the app', () => {
  let apache: RunningApache<'require12' | 'require13' | 'dual'> | undefined;
  let files: TempDir;
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const pki = await serverPki();
    files = tempDir('e2e-apache');
    const rsa = writeHierarchy(files, pki.rsa, 'rsa');
    const ecdsa = writeHierarchy(files, pki.ecdsa, 'ecdsa');
    const caFile = files.write('client-ca.pem', pki.clientRoot.pem);
    apache = await startApache({
      require12: { certificates: [rsa], protocol: 'TLSv1.2', verifyClient: { mode: 'require', caFile } },
      require13: { certificates: [rsa], protocol: 'TLSv1.3', verifyClient: { mode: 'require', caFile } },
      dual: { certificates: [rsa, ecdsa] },
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

  it('a dual RSA + ECDSA host: "Every certificate the server has" lists both chains', async () => {
    await inspect(apache!.ports.dual);
    await page.getByTestId('probe-summary').waitFor({ timeout: 30_000 });
    await page.getByTestId('every-certificate-button').click();
    await page.getByTestId('every-certificate-summary').waitFor({ timeout: 30_000 });
    const families = page.getByTestId('every-certificate-family');
    await expect(families.count()).resolves.toBe(3);
    await expect(families.nth(0).textContent()).resolves.toMatch(
      /^ECDSA:\s*TLS 1\.3, 2 certificates,.*Real Servers ECDSA Intermediate/s,
    );
    await expect(families.nth(1).textContent()).resolves.toMatch(
      /^RSA:\s*TLS 1\.3, 2 certificates,.*Real Servers RSA Intermediate/s,
    );
    await expect(families.nth(2).textContent()).resolves.toMatch(
      /^EdDSA:\s*none — the server has no EdDSA certificate/,
    );
    await expect(page.getByTestId('every-certificate-summary').textContent()).resolves.toContain(
      'The server has 2 different certificates.',
    );
    await screenshot(page, 'every-certificate');
  });
});
