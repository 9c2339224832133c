/**
 * Who would trust it, per client (issue 14), end to end: a server that sends only its leaf (the
 * intermediate is at the leaf's AIA URL, the root is the user's) — Chrome fetches the intermediate
 * and trusts it, OpenSSL, Go and Java don't fetch and refuse, each saying why; a click leads with
 * another client, the chain drawn is that client's; the default client is a setting that survives
 * a reload; the chain's root opens its root programs, and a public root's show Chrome's constraint.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildScenario,
  issueCert,
  startHttpFileServer,
  startNodeTlsServer,
  type LabHttpServer,
  type LabServer,
} from '../lab';
import { horizontalScrollbars, seriousViolations } from './support/a11y';
import {
  dataDirTrusting,
  dropFiles,
  launchChromium,
  screenshot,
  startWebApp,
  type WebApp,
} from './support/browser';

describe('who would trust it, per client', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let files: LabHttpServer;
  let server: LabServer;
  let intermediateName: string;

  beforeAll(async () => {
    const scenario = await buildScenario('good');
    const intermediate = scenario.intermediates[0];
    intermediateName = new X509Certificate(intermediate.der).subject.match(/CN=(.*)/)?.[1] ?? '';
    files = await startHttpFileServer({ '/issuer.der': { body: intermediate.der } });
    const leaf = await issueCert({
      commonName: 'localhost',
      issuer: intermediate,
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
      aiaCaIssuersUrl: files.url('/issuer.der'),
    });
    server = await startNodeTlsServer({ chain: [leaf] });
    app = await startWebApp({ CERTSCOPE_DATA_DIR: await dataDirTrusting([scenario.root.der]) });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await page.goto(app.url);
    await page.getByTestId('host-input').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await server?.close();
    await files?.close();
  });

  const row = (client: string) => page.locator(`[data-testid="client-verdict"][data-client="${client}"]`);

  async function inspect(): Promise<void> {
    await page.getByTestId('host-input').fill(`localhost:${server.port}`);
    await page.getByTestId('host-input').press('Enter');
    await page.getByTestId('verdict').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('client-verdict').count(), { timeout: 20_000 }).toBe(10);
  }

  it('leads with Chrome (trusted: it fetches the intermediate); OpenSSL, Go and Java refuse and say why', async () => {
    await inspect();
    await expect(page.getByTestId('verdict').getAttribute('data-client')).resolves.toBe('chrome');
    await expect(page.getByTestId('verdict-lead').textContent()).resolves.toMatch(/✓\s*Chrome: trusted/);
    await expect(page.getByTestId('verdict').getAttribute('class')).resolves.toContain('verdict--ok');
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(
      /^Trusted on this machine only: .* which Chrome elsewhere would not have/,
    );
    await expect(row('chrome').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(row('chrome').getAttribute('data-trusted')).resolves.toBe('true');
    for (const [client, name] of [
      ['openssl', 'OpenSSL'],
      ['go', 'Go'],
      ['java', 'Java'],
    ]) {
      await expect(row(client).getAttribute('data-trusted')).resolves.toBe('false');
      await expect(row(client).getByTestId('client-answer').textContent()).resolves.toBe('refused');
      await expect(row(client).getByTestId('client-why').textContent()).resolves.toBe(
        `— the server doesn't send the intermediate ${intermediateName} and ${name} doesn't fetch it`,
      );
    }
    await expect(row('openssl').textContent()).resolves.toMatch(/^✗\s*curl \/ Python \/ Node \(OpenSSL\):/);
    expect(files.requests).toContain('/issuer.der');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'clients-row');
  });

  it('a click leads with another client: its verdict, its chain (no AIA: a missing link)', async () => {
    await row('openssl').click();
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-client')).toBe('openssl');
    await expect(page.getByTestId('verdict').getAttribute('class')).resolves.toContain('verdict--bad');
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(
      /^Not trusted: OpenSSL would refuse this certificate for localhost/,
    );
    await expect(row('openssl').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(row('chrome').getByTestId('client-why').textContent()).resolves.toMatch(
      /^— Chrome accepts what OpenSSL refuses/,
    );
    await expect
      .poll(() => page.locator('[data-testid="graph-node"][data-role="missing"]').count())
      .toBeGreaterThan(0);
    // Another client's chain is shorter: time travel's marker stays inside its own range.
    expect(await horizontalScrollbars(page)).toEqual([]);
    // Keyboard too: the row's entries are buttons.
    await row('chrome').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-client')).toBe('chrome');
    await expect.poll(() => page.locator('[data-testid="graph-node"][data-role="missing"]').count()).toBe(0);
  });

  it('time travel asks every client again at the date chosen', async () => {
    const slider = page.getByTestId('travel-slider');
    await slider.evaluate((input: HTMLInputElement) => {
      input.value = input.max;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.getByTestId('verdict-when').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('client-verdict').count(), { timeout: 20_000 }).toBe(10);
    // By then the leaf has expired: every client refuses, Chrome still leads.
    await expect(page.getByTestId('verdict').getAttribute('data-client')).resolves.toBe('chrome');
    await expect
      .poll(() => page.locator('[data-testid="client-verdict"][data-trusted="true"]').count())
      .toBe(0);
    await page.getByTestId('travel-now').click();
    await expect.poll(() => page.getByTestId('verdict-when').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => row('chrome').getAttribute('data-trusted'), { timeout: 20_000 }).toBe('true');
  });

  it("opens the root's root programs from the chain, and marks the root in the picture", async () => {
    await expect(page.getByTestId('graph-root-marks').textContent()).resolves.toContain('in no root program');
    await page.locator('[data-testid="chain-node"][data-role="root"]').click();
    await expect(page.getByTestId('root-programs-summary').textContent()).resolves.toMatch(
      /In none of the \d+ root programs Certscope ships/,
    );
  });

  it('the default client is a setting, kept after a reload', async () => {
    await page.getByTestId('settings-toggle').click();
    await page.getByTestId('setting-default-client').selectOption('go');
    await page.getByTestId('settings-save').click();
    await page.getByText('Saved.').waitFor();
    await page.goto(await app.loginUrl());
    await page.getByTestId('host-input').waitFor();
    await page.getByTestId('settings-toggle').click();
    await expect.poll(() => page.getByTestId('setting-default-client').inputValue()).toBe('go');
    await page.getByTestId('settings-toggle').click();
    await inspect();
    await expect(page.getByTestId('verdict').getAttribute('data-client')).resolves.toBe('go');
    await expect(page.getByTestId('verdict-lead').textContent()).resolves.toMatch(/✗\s*Go .*: refused/);
    await expect(row('chrome').getByTestId('client-why').textContent()).resolves.toMatch(
      /^— Chrome accepts what Go refuses/,
    );
  });

  it("a dropped public root shows its programs and Chrome's distrust date", async () => {
    const epki = rootCertificates.find((pem) =>
      new X509Certificate(pem).subject.includes('ePKI Root Certification Authority'),
    );
    expect(epki).toBeDefined();
    await dropFiles(page, [{ name: 'epki.pem', content: epki as string }]);
    await page.getByTestId('dropped-check-button').click();
    const check = page.getByTestId('dropped-check');
    await check.getByTestId('verdict').waitFor({ timeout: 20_000 });
    await expect.poll(() => check.getByTestId('client-verdict').count(), { timeout: 20_000 }).toBe(10);
    await check.getByTestId('chain-node').first().click();
    const chrome = check.locator('[data-testid="root-program"][data-program="chrome"]');
    await expect(chrome.getByTestId('root-program-note').allTextContents()).resolves.toContain(
      'Chrome 139 and later: distrusted for certificates issued after 2025-07-31',
    );
    await screenshot(page, 'clients-dropped-root');
  });
});
