/**
 * A hostile server in the UI: a TLS 1.3 server whose CertificateVerify is signed with another
 * certificate's key. The failure names the bad signature, and the chain it sent is still listed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, startHostileServer, type LabServer, type Scenario } from '../lab';
import { screenshot, openAppPage, type WebApp } from './support/browser';

describe('inspector: a hostile server', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let server: LabServer;
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await buildScenario('good');
    server = await startHostileServer({ behaviour: 'bad-certificate-verify', chain: scenario.presented });
    ({ app, browser, page } = await openAppPage());
  });

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    await app?.stop();
  });

  it('says the CertificateVerify signature fails and still lists the chain it sent', async () => {
    await page.getByTestId('host-input').fill(`127.0.0.1:${server.port}`);
    await page.getByTestId('host-input').press('Enter');
    await page.getByTestId('probe-failure').waitFor();
    await expect(page.getByTestId('probe-failure-message').textContent()).resolves.toMatch(
      /^the server's CertificateVerify signature does not verify with the key of the certificate it sent/,
    );
    await expect(page.getByTestId('probe-failure').textContent()).resolves.toContain('bad-signature');
    const subjects = await page.getByTestId('presented-subject').allTextContents();
    expect(subjects).toHaveLength(scenario.presented.length);
    expect(subjects[0]).toContain(scenario.leaf.subject);
    await screenshot(page, 'hostile-bad-certificate-verify');
  });
});
