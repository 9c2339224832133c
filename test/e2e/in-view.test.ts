/**
 * Every click shows what it changed (issue 17, items 5–7), in Chromium against web mode at
 * 1280×700: a chain node or a finding's certificate link brings the details below into view; a
 * byte clicked in the hex dump scrolls its ASN.1 node into the tree's view; files dropped while a
 * result fills the page are brought into view and announced; a CSR opens with its requested
 * names and signature, a CRL with its entries and their reasons.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, startNodeTlsServer, type LabServer } from '../../src-main/services/lab';
import { issueFromCa, opensslCa, opensslWorkspace, type OpensslWorkspace } from '../support/openssl';
import { dataDirTrusting, dropFiles, openAppPage, screenshot, type WebApp } from './support/browser';

/** Whether the element's top 40 px show in the window, below the header, inside every scroller around it. */
function inView(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    let top = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
    let bottom = window.innerHeight;
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      const overflow = getComputedStyle(parent).overflowY;
      if (overflow !== 'auto' && overflow !== 'scroll') continue;
      const box = parent.getBoundingClientRect();
      top = Math.max(top, box.top);
      bottom = Math.min(bottom, box.bottom);
    }
    return rect.top >= top - 1 && rect.top + Math.min(40, rect.height) <= bottom + 1;
  });
}

async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('.app__main')?.scrollTo({ top: 0 }));
}

describe('what a click changes comes into view', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let server: LabServer;
  let lab: OpensslWorkspace;

  beforeAll(async () => {
    // Its extra certificate gives findings with "on <certificate>" links.
    const scenario = await buildScenario('extra-certificate');
    server = await startNodeTlsServer({ chain: scenario.presented });
    ({ app, browser, page } = await openAppPage(
      { CERTSCOPE_DATA_DIR: await dataDirTrusting([scenario.root.der]) },
      { viewport: { width: 1280, height: 700 } },
    ));
    await page.getByTestId('host-input').fill(`localhost:${server.port}`);
    await page.getByTestId('host-input').press('Enter');
    await page.getByTestId('chain-node').first().waitFor();
    await page.getByTestId('certificate-details').waitFor();

    lab = opensslWorkspace('e2e-in-view');
    lab.selfSigned('ca', '/O=In View Lab/CN=In View Root');
    issueFromCa(lab, 'leaf', 'ca', '/CN=shop.in-view.test', {
      extensions: ['subjectAltName=DNS:shop.in-view.test,DNS:www.in-view.test,IP:192.0.2.7'],
    });
    issueFromCa(lab, 'old', 'ca', '/CN=old.in-view.test');
    const ca = opensslCa(lab, 'ca', { crlNumber: '2a' });
    ca.revoke('leaf.pem', 'keyCompromise');
    ca.revoke('old.pem', 'superseded');
    ca.gencrl('list.crl');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await server?.close();
    lab?.remove();
  });

  it('a chain node brings its details into view', async () => {
    await scrollToTop(page);
    const title = page.locator('#details-title');
    await page.getByTestId('chain-node').first().click();
    await expect.poll(() => title.textContent()).toContain('Certscope Lab Root');
    await expect.poll(() => inView(title)).toBe(true);
  });

  it("a finding's certificate link brings that certificate's details into view", async () => {
    await scrollToTop(page);
    const link = page.getByTestId('finding-certificate').first();
    const name = (await link.textContent())?.trim() ?? '';
    expect(await inView(page.locator('#details-title'))).toBe(false);
    await link.click();
    await expect.poll(() => page.locator('#details-title').textContent()).toBe(name);
    await expect.poll(() => inView(page.locator('#details-title'))).toBe(true);
  });

  it("a byte clicked at the end of the dump scrolls its ASN.1 node into the tree's view", async () => {
    await page.getByTestId('details-tab-asn1').click();
    const tree = page.getByTestId('asn1-tree');
    await tree.evaluate((element) => (element.scrollTop = 0));
    const hex = page.getByTestId('asn1-hex');
    await hex.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await page.locator('.asn1__byte').last().click();
    // The innermost node holding the signature's last byte, far down the tree: scrolled to.
    const selected = page.locator('[data-testid="asn1-node"][aria-pressed="true"]');
    await expect.poll(() => inView(selected)).toBe(true);
    expect(await tree.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    expect(await page.getByTestId('asn1-selection').getAttribute('data-end')).toBe(
      await page.locator('.asn1__byte').last().getAttribute('data-offset'),
    );
    // And the other way: a node at the top of the tree scrolls the dump back to its first byte.
    await page.getByTestId('asn1-node').first().click();
    await expect.poll(() => inView(page.locator('.asn1__byte[data-offset="0"]'))).toBe(true);
  });

  it('files dropped while a result fills the page are brought into view and announced', async () => {
    await scrollToTop(page);
    await dropFiles(page, [{ name: 'request.csr', content: lab.read('leaf.csr') }]);
    const card = page.getByTestId('loaded-file').last();
    await card.waitFor();
    await expect.poll(() => inView(card)).toBe(true);
    await expect
      .poll(() => page.getByTestId('loaded-announcement').textContent())
      .toBe('Opened request.csr: 1 certificate signing request.');
  });

  it('a CSR opens with its subject, requested names and a valid signature', async () => {
    await page.getByTestId('loaded-document').first().click();
    const details = page.getByTestId('csr-details');
    await expect.poll(() => inView(details)).toBe(true);
    await expect(page.getByTestId('csr-subject').textContent()).resolves.toBe('CN=shop.in-view.test');
    expect(await page.getByTestId('csr-san').allTextContents()).toEqual([
      'DNS name shop.in-view.test',
      'DNS name www.in-view.test',
      'IP address 192.0.2.7',
    ]);
    await expect(page.getByTestId('csr-signature').textContent()).resolves.toMatch(
      /: valid — signed by the key/,
    );
    await details.getByTestId('details-tab-extensions').click();
    await expect(details.getByTestId('extension').first().getAttribute('data-oid')).resolves.toBe(
      '2.5.29.17',
    );
    await details.screenshot({
      path: `${await screenshot(page, 'csr-page')}`.replace('csr-page', 'csr-details'),
    });
  });

  it('a CRL opens with its issuer, number and every entry with its reason', async () => {
    await dropFiles(page, [{ name: 'list.crl', content: lab.read('list.crl') }]);
    const card = page.getByTestId('loaded-file').last();
    await expect.poll(() => card.getByTestId('loaded-file-summary').textContent()).toBe('1 revocation list');
    await card.getByTestId('loaded-document').click();
    const details = page.getByTestId('crl-details');
    await expect.poll(() => inView(details)).toBe(true);
    await expect(page.getByTestId('crl-issuer').textContent()).resolves.toBe('CN=In View Root,O=In View Lab');
    await expect(page.getByTestId('crl-count').textContent()).resolves.toContain('2 certificates');
    await details.getByTestId('details-tab-entries').click();
    expect(await page.getByTestId('crl-entry-reason').allTextContents()).toEqual([
      'keyCompromise',
      'superseded',
    ]);
    const serial = (await page.getByTestId('crl-entry-serial').first().textContent()) ?? '';
    expect(serial).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2})*$/);
    // Found by its serial typed without colons.
    await page.getByTestId('crl-find').fill(serial.replace(/:/g, '').toLowerCase());
    await expect.poll(() => page.getByTestId('crl-entry').count()).toBe(1);
    await details.screenshot({
      path: (await screenshot(page, 'crl-page')).replace('crl-page', 'crl-details'),
    });
  });
});
