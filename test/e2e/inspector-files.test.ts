/**
 * First vertical slice, end to end: the built app in web mode, in Debian's Chromium. A user drops a
 * PEM bundle of several real certificates (Mozilla roots shipped with Node — nobody here wrote them)
 * and sees each listed with subject, issuer and validity; a file that isn't a certificate gets a
 * clear message while the good one still loads.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, launchChromium, screenshot, startWebApp, type WebApp } from './support/browser';

const bundle = rootCertificates.slice(0, 4);
const expected = bundle.map((pem) => {
  const certificate = new X509Certificate(pem);
  const commonName =
    /(?:^|\n)CN=([^\n]+)/.exec(certificate.subject)?.[1] ??
    /(?:^|\n)OU=([^\n]+)/.exec(certificate.subject)?.[1];
  return { commonName: commonName ?? '', notAfter: new Date(certificate.validTo).toISOString().slice(0, 10) };
});

describe('inspector: dropped files', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(app.url);
    await page.getByTestId('drop-zone').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the empty inspector: a host field and a drop zone', async () => {
    await expect(page.getByTestId('host-input').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('drop-zone').textContent()).resolves.toContain('drop files');
    await screenshot(page, 'empty-inspector');
  });

  it('lists every certificate of a dropped multi-certificate PEM', async () => {
    const pem = `Some text a CA puts before the blocks\r\n${bundle.join('\r\n')}\r\ntrailing words\r\n`;
    await dropFiles(page, [{ name: 'mozilla-roots.pem', content: pem }]);
    const rows = page.getByTestId('certificate-row');
    await rows.nth(bundle.length - 1).waitFor();
    expect(await rows.count()).toBe(bundle.length);
    const subjects = await page.getByTestId('certificate-subject').allTextContents();
    const validities = await page.getByTestId('certificate-validity').allTextContents();
    expected.forEach((certificate, index) => {
      expect(subjects[index]).toContain(certificate.commonName);
      expect(validities[index]).toContain(certificate.notAfter);
    });
    // Roots are self-issued: issuer and subject read the same.
    const issuers = await page.getByTestId('certificate-issuer').allTextContents();
    expect(issuers).toEqual(subjects);
    await expect(page.getByTestId('loaded-file-name').first().textContent()).resolves.toBe(
      'mozilla-roots.pem',
    );
    await screenshot(page, 'dropped-pem-list');
  });

  it('says clearly when a dropped file is not a certificate, and still loads the good ones', async () => {
    await dropFiles(page, [
      { name: 'notes.txt', content: 'these are meeting notes, not a certificate' },
      { name: 'one-root.pem', content: bundle[0] },
    ]);
    const error = page.getByTestId('input-error');
    await error.first().waitFor();
    const files = await page.getByTestId('loaded-file-name').allTextContents();
    expect(files).toEqual(expect.arrayContaining(['notes.txt', 'one-root.pem']));
    const errorText = (await error.first().textContent()) ?? '';
    expect(errorText.toLowerCase()).toMatch(/not .*certificate|no certificate|unrecognised|unrecognized/);
    expect(await page.getByTestId('certificate-row').count()).toBe(bundle.length + 1);
    await screenshot(page, 'dropped-bad-file');
  });

  it('loads files picked with Open…', async () => {
    await page.getByTestId('file-picker').setInputFiles({
      name: 'picked.pem',
      mimeType: 'application/x-pem-file',
      buffer: Buffer.from(bundle[1]),
    });
    await page.getByTestId('loaded-file-name').filter({ hasText: 'picked.pem' }).waitFor();
    expect(await page.getByTestId('certificate-row').count()).toBe(bundle.length + 2);
  });

  it('raised no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
