/**
 * Inspecting a host end to end: the built app in web mode, in Chromium, against lab TLS servers
 * on 127.0.0.1. The user types host:port, presses Enter, and sees the certificates in wire order
 * (extras and duplicates marked) and the handshake drawn as a sequence of messages.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createHash, X509Certificate } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, startNodeTlsServer, startOpensslServer, type LabServer } from '../lab';
import { dataDirTrusting, screenshot, openAppPage, type WebApp } from './support/browser';

describe('inspector: a host', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const servers: LabServer[] = [];

  let trusted: Awaited<ReturnType<typeof buildScenario>>;

  beforeAll(async () => {
    // The user's own anchors: the lab root of one scenario, so a chain can be trusted end to end.
    trusted = await buildScenario('good');
    const dataDir = await dataDirTrusting([trusted.root.der]);
    ({ app, browser, page } = await openAppPage({ CERTSCOPE_DATA_DIR: dataDir }, { acceptDownloads: true }));
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await browser?.close();
    await app?.stop();
  });

  async function inspect(target: string): Promise<void> {
    await page.getByTestId('host-input').fill(target);
    await page.getByTestId('host-input').press('Enter');
  }

  it('shows the chain exactly as sent, with the duplicate marked, and the TLS 1.3 handshake', async () => {
    const scenario = await buildScenario('extra-certificate');
    const [intermediate] = scenario.intermediates;
    const chain = [scenario.leaf, scenario.others.unrelated, intermediate, intermediate];
    const server = await startOpensslServer({ chain, tlsVersion: '1.3' });
    servers.push(server);

    await inspect(`127.0.0.1:${server.port}`);
    await page.getByTestId('probe-summary').waitFor();
    // What was sent is drawn a frame after the summary and the verdict.
    await page.getByTestId('presented-subject').first().waitFor();
    const subjects = await page.getByTestId('presented-subject').allTextContents();
    expect(subjects).toHaveLength(4);
    expect(subjects[0]).toContain(scenario.leaf.subject);
    expect(subjects[1]).toContain('Unrelated Lab CA');
    expect(subjects[2]).toContain('Certscope Lab Intermediate (extra-certificate)');
    expect(subjects[3]).toContain('Certscope Lab Intermediate (extra-certificate)');
    await expect(page.getByTestId('duplicate-mark').textContent()).resolves.toContain('duplicate of #3');
    await expect(page.getByTestId('not-linked-mark').first().textContent()).resolves.toContain(
      'not issued by #2',
    );

    const messages = await page.getByTestId('handshake-message-name').allTextContents();
    expect(messages).toEqual([
      'ClientHello',
      'ServerHello',
      'EncryptedExtensions',
      'Certificate',
      'CertificateVerify',
      'Finished',
      'Finished',
    ]);
    await expect(page.getByTestId('probe-summary').textContent()).resolves.toContain('TLS 1.3');
    await screenshot(page, 'inspect-host-tls13');
    // The calls went over the API socket: the page made no HTTP request to /api (but its one login).
    const apiFetches = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.startsWith('/api/') && path !== '/api/login'),
    );
    expect(apiFetches).toEqual([]);
  });

  it('gives the verdict, the chain from root to leaf and the findings of an untrusted chain', async () => {
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(
      /^Not trusted: Chrome would refuse this certificate for 127\.0\.0\.1/,
    );
    // The findings and the chain are drawn a frame after the verdict.
    await page.getByTestId('chain-node').first().waitFor();
    const codes = await page.getByTestId('finding-code').allTextContents();
    expect(codes).toEqual(
      expect.arrayContaining(['unknown-issuer', 'extra-certificate', 'duplicate-certificate']),
    );
    const roles = await page.getByTestId('chain-node-role').allTextContents();
    expect(roles.at(-1)).toBe('leaf');
    await screenshot(page, 'verdict-untrusted');
  });

  it('"Trust this certificate" makes the chain trusted on this machine, and removing it undoes that', async () => {
    await page.getByTestId('chain-node').first().click();
    await page.getByTestId('trust-this').click();
    await expect
      .poll(() => page.getByTestId('verdict-sentence').textContent())
      .toMatch(
        /^Trusted on this machine only: it chains to “Certscope Lab Intermediate \(extra-certificate\)”/,
      );
    await screenshot(page, 'trusted-after-trust-this');
    await page.getByTestId('untrust-this').click();
    await expect.poll(() => page.getByTestId('verdict-sentence').textContent()).toMatch(/^Not trusted/);
  });

  it("trusts a chain that leads to one of the user's own anchors, and says it is local only", async () => {
    const server = await startNodeTlsServer({ chain: trusted.presented });
    servers.push(server);
    await inspect(`localhost:${server.port}`);
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(
      /^Trusted on this machine only: it chains to “Certscope Lab Root \(good\)” in the user trust store/,
    );
    await page.getByTestId('chain-node').first().waitFor();
    expect(await page.getByTestId('chain-node-role').allTextContents()).toEqual([
      'root',
      'intermediate',
      'leaf',
    ]);
    expect(await page.getByTestId('chain-node-source').allTextContents()).toEqual([
      'from the user trust store',
      'sent by the server',
      'sent by the server',
    ]);
    expect(await page.getByTestId('finding-code').allTextContents()).toContain('local-anchor-only');
    await screenshot(page, 'verdict-trusted-tree');
  });

  it("shows the selected certificate's details: fields, fingerprints, pin and PEM", async () => {
    // The leaf is selected first; clicking the root in the tree selects it.
    await expect(page.getByTestId('detail-sans').textContent()).resolves.toContain('DNS:localhost');
    await page.getByTestId('chain-node').first().click();
    const rootDer = Buffer.from(trusted.root.der);
    const sha256 = createHash('sha256').update(rootDer).digest('hex').toUpperCase().match(/../g)?.join(':');
    await expect(page.getByTestId('detail-sha256').textContent()).resolves.toContain(sha256);
    await expect(page.getByTestId('detail-subject').textContent()).resolves.toBe(
      'CN=Certscope Lab Root (good),O=Certscope Lab',
    );
    const spki = new X509Certificate(rootDer).publicKey.export({ type: 'spki', format: 'der' });
    await expect(page.getByTestId('detail-pin').textContent()).resolves.toContain(
      `sha256/${createHash('sha256').update(spki).digest('base64')}`,
    );
    await screenshot(page, 'certificate-details');
    await page.getByTestId('details-tab-pem').click();
    await expect(page.getByTestId('detail-pem').textContent()).resolves.toBe(trusted.root.pem);
    await page.getByTestId('details-tab-fields').click();
  });

  it("time travel: moving the date past the leaf's expiry re-evaluates the chain, and back to now", async () => {
    await expect(page.getByTestId('validity-window').textContent()).resolves.toMatch(
      /^\s*The whole chain is valid from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\.\s*$/,
    );
    const slider = page.getByTestId('travel-slider');
    const max = Number(await slider.getAttribute('max'));
    await slider.fill(String(max));
    await slider.dispatchEvent('change');
    await expect.poll(() => page.getByTestId('finding-code').allTextContents()).toContain('expired');
    await screenshot(page, 'time-travel');
    await page.getByTestId('travel-now').click();
    await expect
      .poll(() => page.getByTestId('verdict-sentence').textContent())
      .toMatch(/^Trusted on this machine only/);
  });

  it('exports the report (HTML, JSON) and the fixed chain as downloads', async () => {
    const html = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-button').click(),
    ]).then(([download]) => download);
    expect(html.suggestedFilename()).toMatch(/^localhost-\d+-\d{4}-\d\d-\d\d-report\.html$/);
    const htmlText = readFileSync(await html.path(), 'utf8');
    expect(htmlText).toContain('Trusted on this machine only');
    expect(htmlText).toContain('local-anchor-only');
    // The report is one page that renders on its own, with no network requests.
    const reportPage = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    const requests: string[] = [];
    reportPage.on('request', (request) => requests.push(request.url()));
    await reportPage.setContent(htmlText);
    await expect(reportPage.locator('.verdict').textContent()).resolves.toMatch(
      /^Trusted on this machine only/,
    );
    await screenshot(reportPage, 'report-html');
    expect(requests.filter((url) => !url.startsWith('data:') && url !== 'about:blank')).toEqual([]);
    await reportPage.close();
    await page.getByTestId('export-kind').selectOption('json');
    const json = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-button').click(),
    ]).then(([download]) => download);
    const report = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
      schemaVersion: number;
      trusted: boolean;
      presented: { role: string }[];
    };
    expect(report).toMatchObject({ schemaVersion: 2, trusted: true });
    expect(report.presented.map((item) => item.role)).toEqual(['leaf', 'intermediate']);
    await page.getByTestId('export-kind').selectOption('fixed-chain-pem');
    const chain = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-button').click(),
    ]).then(([download]) => download);
    expect(readFileSync(await chain.path(), 'utf8')).toBe(trusted.leaf.pem + trusted.intermediates[0].pem);
    await page.getByTestId('export-kind').selectOption('html');
  });

  it('takes options from the folded panel: no SNI, and a validation date in the future', async () => {
    const server = await startNodeTlsServer({ chain: trusted.presented });
    servers.push(server);
    await page.getByTestId('options-toggle').click();
    await page.getByTestId('option-sni-mode').selectOption('none');
    await page.getByTestId('option-date').fill('2099-01-01');
    await screenshot(page, 'host-options');
    await inspect(`localhost:${server.port}`);
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('probe-summary').textContent()).resolves.toContain('SNI none');
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(/^Not trusted/);
    await page.getByTestId('chain-node').first().waitFor();
    expect(await page.getByTestId('finding-code').allTextContents()).toContain('expired');
    await page.getByTestId('option-sni-mode').selectOption('host');
    await page.getByTestId('option-date').fill('');
    await page.getByTestId('options-toggle').click();
  });

  it('draws a TLS 1.2 handshake with its plaintext messages', async () => {
    const scenario = await buildScenario('good');
    const server = await startNodeTlsServer({ chain: scenario.presented, maxVersion: 'TLSv1.2' });
    servers.push(server);
    await inspect(`localhost:${server.port}`);
    await page.getByText('ServerHelloDone').waitFor();
    const messages = await page.getByTestId('handshake-message-name').allTextContents();
    expect(messages.slice(0, 5)).toEqual([
      'ClientHello',
      'ServerHello',
      'Certificate',
      'ServerKeyExchange',
      'ServerHelloDone',
    ]);
    await expect(page.getByTestId('probe-summary').textContent()).resolves.toContain('SNI localhost');
    await screenshot(page, 'inspect-host-tls12');
  });

  it('shows progress while it connects, and Esc cancels', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const port = (silent.address() as { port: number }).port;
    try {
      await inspect(`127.0.0.1:${port}`);
      await page.getByTestId('probe-progress').waitFor();
      await expect(page.getByTestId('probe-progress').textContent()).resolves.toContain(`127.0.0.1:${port}`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('probe-cancelled').textContent()).resolves.toMatch(/^\s*Cancelled\./);
      // Said neutrally: no failure, no red alert.
      await expect(page.getByTestId('probe-failure').count()).resolves.toBe(0);
    } finally {
      silent.close();
    }
  });

  it('explains a failure in plain words', async () => {
    const server = await startNodeTlsServer({ chain: (await buildScenario('good')).presented });
    const port = server.port;
    await server.close();
    await inspect(`127.0.0.1:${port}`);
    const message = page.getByTestId('probe-failure-message');
    await message.waitFor();
    await expect(message.textContent()).resolves.toMatch(/nothing is listening on 127\.0\.0\.1:\d+/);
    await screenshot(page, 'inspect-host-refused');
  });
});
