/**
 * Certificate details end to end, in Chromium against web mode: the selected chain node's fields,
 * its extensions as a tree, and the ASN.1 view where choosing a field highlights its bytes and
 * clicking a byte selects the field it belongs to. Also a dropped PKCS#12 file: the password
 * dialog, a wrong password, then the certificates with their friendly names and the key matched.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, startNodeTlsServer, type LabServer } from '../../src-main/services/lab';
import { dropFiles, screenshot, screenshotDir, openAppPage, type WebApp } from './support/browser';
import { selfSigned } from '../support/openssl';

describe('certificate details', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let server: LabServer;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;

  beforeAll(async () => {
    scenario = await buildScenario('good');
    server = await startNodeTlsServer({ chain: scenario.presented });
    ({ app, browser, page } = await openAppPage({
      CERTSCOPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'certscope-e2e-details-')),
    }));
    await page.getByTestId('host-input').fill(`127.0.0.1:${server.port}`);
    await page.getByTestId('host-input').press('Enter');
    await page.getByTestId('chain-node').last().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await server?.close();
  });

  /** The details panel sits below the fold of the scrolling main area: shoot the panel itself. */
  async function detailsShot(name: string): Promise<void> {
    mkdirSync(screenshotDir, { recursive: true });
    await page.getByTestId('certificate-details').screenshot({ path: join(screenshotDir, `${name}.png`) });
  }

  it('shows the leaf extensions as a tree with criticality', async () => {
    await page.getByTestId('chain-node').last().click();
    await page.getByTestId('details-tab-extensions').click();
    const extensions = page.getByTestId('extension');
    await extensions.first().waitFor();
    const oids = await extensions.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-oid')));
    expect(oids).toContain('2.5.29.17');
    const san = page.locator('[data-testid="extension"][data-oid="2.5.29.17"]');
    await expect(san.textContent()).resolves.toContain(scenario.host);
    await expect(san.textContent()).resolves.toContain('DNS name');
    const basic = page.locator('[data-testid="extension"][data-oid="2.5.29.19"]');
    await expect(basic.textContent()).resolves.toContain('critical');
    await detailsShot('details-extensions');
  });

  it('highlights the bytes of a field, and a clicked byte selects its field', async () => {
    await page.getByTestId('details-tab-fields').click();
    await page.getByTestId('field-subject').click();
    const view = page.getByTestId('asn1-view');
    await view.waitFor();
    const selected = page.locator('[data-testid="asn1-node"][aria-pressed="true"]');
    await expect(selected.getAttribute('data-field')).resolves.toBe('subject');
    const status = page.getByTestId('asn1-selection');
    const [start, end] = [await status.getAttribute('data-start'), await status.getAttribute('data-end')];
    // Offsets read in hex, like the dump beside them.
    await expect(status.textContent()).resolves.toContain(
      `${Number(start).toString(16).padStart(5, '0')}–${Number(end).toString(16).padStart(5, '0')} (hex`,
    );
    const highlighted = await page
      .locator('.asn1__byte--header, .asn1__byte--content')
      .evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-offset'))));
    expect(highlighted[0]).toBe(Number(start));
    expect(highlighted[highlighted.length - 1]).toBe(Number(end));
    expect(highlighted.length).toBe(Number(end) - Number(start) + 1);
    await detailsShot('details-asn1-highlight');

    // The other way round: a byte inside the serial number selects the serialNumber node.
    const serialNode = page.locator('[data-testid="asn1-node"][data-field="serialNumber"]');
    await serialNode.click();
    const serialStart = await page.getByTestId('asn1-selection').getAttribute('data-start');
    await page.getByTestId('asn1-node').first().click();
    await page.locator(`[data-offset="${Number(serialStart) + 3}"]`).click();
    const innermost = await selected.textContent();
    expect(innermost).toContain('INTEGER');
    await expect(selected.getAttribute('data-field')).resolves.toBe('serialNumber');
  });
});

describe('a dropped PKCS#12 file', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let p12: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-e2e-p12-'));
    const file = (name: string) => join(dir, name);
    selfSigned(file, 'p12', '/CN=p12.lab.test', { days: 5 });
    execFileSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-in',
        file('p12.pem'),
        '-inkey',
        file('p12.key'),
        '-name',
        'My laptop key',
        '-passout',
        'pass:s3cret',
        '-out',
        file('bundle.p12'),
      ],
      { stdio: 'pipe' },
    );
    p12 = readFileSync(file('bundle.p12')).toString('base64');
    ({ app, browser, page } = await openAppPage(
      { CERTSCOPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'certscope-e2e-p12-data-')) },
      {},
      'drop-zone',
    ));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('asks for the password, says when it is wrong, then lists the certificate and the matched key', async () => {
    await dropFiles(page, [{ name: 'bundle.pfx', content: Buffer.from(p12, 'base64') }]);
    const dialog = page.getByTestId('password-dialog');
    await page.getByTestId('password-input').waitFor();
    await expect(dialog.textContent()).resolves.toContain('Password for bundle.pfx');
    await page.getByTestId('password-input').fill('wrong');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-wrong').waitFor();
    await screenshot(page, 'pkcs12-wrong-password');
    await page.getByTestId('password-input').fill('s3cret');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('certificate-row').first().waitFor();
    await expect(page.getByTestId('certificate-subject').first().textContent()).resolves.toContain(
      'p12.lab.test',
    );
    await expect(page.getByTestId('certificate-friendly-name').textContent()).resolves.toContain(
      'My laptop key',
    );
    const note = await page.getByTestId('input-note').first().textContent();
    expect(note).toContain('belongs to CN=p12.lab.test');
    expect(note).toContain('not kept');
    expect(await dialog.isVisible()).toBe(false);
    // A dropped certificate opens in the same details view as a chain node.
    await page.getByTestId('certificate-subject').first().click();
    await expect(page.getByTestId('detail-subject').textContent()).resolves.toContain('CN=p12.lab.test');
    await screenshot(page, 'pkcs12-loaded');
  });
});
