/**
 * The Lab teaches right out of the box (issue 17, major points 1, 3, 4, 8 and 2 for the Lab):
 * each scenario's own problem is its headline with no extra click — the good one green, expired
 * "expired", wrong-host the host name, revoked "revoked" via CRL and via OCSP — no scenario but
 * wrong-host has a wrong host name, the SHA-1 one starts, an untrusted self-signed root is a
 * root ("root — not trusted"), and "Trust its root" turns the verdict green on screen and into
 * "Remove its root". Screens reviewed at 1440 and 1024, light and dark, with axe on each.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebApp } from './support/browser';
import { inspectLabScenario, labRow, openLabPage } from './support/lab';
import { screenshotEveryWay } from './support/views';

describe('the Lab teaches right out of the box', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openLabPage('lab-teaching'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const row = (name: string): Locator => labRow(page, name);
  const sentence = () => page.getByTestId('verdict-sentence').textContent();
  const errorCodes = () =>
    page.locator('[data-testid="finding"].finding--error [data-testid="finding-code"]').allTextContents();
  const allCodes = () => page.getByTestId('finding-code').allTextContents();

  const inspectScenario = (name: string) => inspectLabScenario(page, name);

  it('lists the scenarios by title, in full (no six-row scroll box)', async () => {
    const titles = await page.getByTestId('lab-title').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['Good chain', 'Expired certificate', 'Revoked (OCSP)']));
    expect(titles.every((title) => !/^[a-z0-9]+(-[a-z0-9]+)+$/.test(title))).toBe(true);
    const list = page.locator('.lab__list');
    const box = await list.evaluate((element) => ({
      overflow: getComputedStyle(element).overflowY,
      scroll: element.scrollHeight,
      client: element.clientHeight,
    }));
    expect(box.overflow).toBe('visible');
    expect(box.scroll).toBe(box.client);
    expect(await screenshotEveryWay(page, 'lab-list')).toEqual([]);
  });

  it('good: green with no extra click, trusted in the Lab, no "trusted only by a local store"', async () => {
    await inspectScenario('good');
    await expect(page.getByTestId('verdict').getAttribute('class')).resolves.toContain('verdict--ok');
    await expect(sentence()).resolves.toMatch(
      /^Trusted in the Lab: it chains to “Certscope Lab Root \(good\)”, the root the Lab made for this scenario/,
    );
    expect(await allCodes()).not.toContain('unknown-issuer');
    expect(await allCodes()).not.toContain('local-anchor-only');
    await expect(row('good').getByTestId('lab-root-status').textContent()).resolves.toContain(
      'trusted for Lab inspections',
    );
    await page.getByTestId('chain-node').first().waitFor();
    expect(await screenshotEveryWay(page, 'lab-good')).toEqual([]);
  });

  it('expired: the headline is "expired"', async () => {
    await inspectScenario('expired');
    await expect(sentence()).resolves.toMatch(
      /^Not trusted: Chrome would refuse this certificate for localhost \(expired\)\.$/,
    );
    expect(await errorCodes()).toEqual(['expired']);
  });

  it('wrong-host: the headline is the host name', async () => {
    await inspectScenario('wrong-host');
    await expect(sentence()).resolves.toMatch(/\(wrong host name\)\.$/);
    expect(await errorCodes()).toEqual(['hostname-mismatch']);
  });

  it('long-chain, name-constraints and ca-without-basic-constraints teach their own problem, not a wrong host name', async () => {
    await inspectScenario('long-chain');
    await expect(page.getByTestId('verdict').getAttribute('class')).resolves.toContain('verdict--ok');
    expect(await allCodes()).not.toContain('hostname-mismatch');

    await inspectScenario('name-constraints');
    await expect(sentence()).resolves.toMatch(/\(outside the CA’s allowed names\)\.$/);
    expect(await allCodes()).not.toContain('hostname-mismatch');

    await inspectScenario('ca-without-basic-constraints');
    // "CA" stays upper-case inside the sentence.
    await expect(sentence()).resolves.toMatch(/\(issuer is not a CA\)\.$/);
    expect(await allCodes()).not.toContain('hostname-mismatch');
  });

  it('revoked via CRL and via OCSP: the headline is "revoked", with the answer that said so', async () => {
    for (const [name, how] of [
      ['revoked-crl', /listed on the CRL at http:\/\/127\.0\.0\.1:\d+\/intermediate\.crl/],
      ['revoked-ocsp', /according to the OCSP responder at http:\/\/127\.0\.0\.1:\d+\/ocsp/],
    ] as const) {
      await inspectScenario(name);
      await expect(sentence()).resolves.toMatch(/\(revoked\)\.$/);
      expect(await errorCodes()).toEqual(['revoked']);
      const revoked = page.locator('[data-testid="finding"]', { hasText: 'Revoked' });
      await expect(revoked.textContent()).resolves.toMatch(how);
    }
    expect(await screenshotEveryWay(page, 'lab-revoked-ocsp')).toEqual([]);
  });

  it('sha1-signature starts, and its problem is the weak signature, not raw OpenSSL text', async () => {
    await inspectScenario('sha1-signature');
    expect(await page.getByTestId('lab-problem').count()).toBe(0);
    await expect(sentence()).resolves.toMatch(/\(weak signature algorithm\)\.$/);
    await expect(page.getByTestId('lab-panel').textContent()).resolves.not.toMatch(/error:[0-9A-F]{8}/);
  });

  it('untrusted-root: the self-signed root is labelled a root, "root — not trusted", in the cards and the picture', async () => {
    await inspectScenario('untrusted-root');
    await expect(sentence()).resolves.toMatch(/\(root not trusted\)\.$/);
    await page.getByTestId('chain-node').first().waitFor();
    expect(await page.getByTestId('chain-node-role').allTextContents()).toEqual([
      'root — not trusted',
      'intermediate',
      'leaf',
    ]);
    const top = page.locator('[data-testid="graph-node"][data-role="root"]');
    await expect(top.getByTestId('graph-node-role').textContent()).resolves.toBe('root — not trusted');
    await expect(row('untrusted-root').getByTestId('lab-root-status').textContent()).resolves.toContain(
      'not trusted — that is the lesson',
    );
    expect(await screenshotEveryWay(page, 'lab-untrusted-root')).toEqual([]);
  });

  it('"Trust its root" turns the verdict green on screen and becomes "Remove its root", which undoes it', async () => {
    const item = row('untrusted-root');
    await expect(item.getByTestId('lab-trust').textContent()).resolves.toContain('Trust its root');
    await item.getByTestId('lab-trust').click();
    await expect.poll(sentence, { timeout: 10_000 }).toMatch(/^Trusted on this machine only/);
    await expect(item.getByTestId('lab-trust').textContent()).resolves.toContain('Remove its root');
    expect(await page.getByTestId('chain-node-role').allTextContents()).toEqual([
      'root',
      'intermediate',
      'leaf',
    ]);
    await page.getByTestId('chain-node').first().click();
    await expect(page.getByTestId('untrust-this').textContent()).resolves.toContain('Remove from my anchors');
    expect(await screenshotEveryWay(page, 'lab-untrusted-root-trusted')).toEqual([]);

    await item.getByTestId('lab-trust').click();
    await expect.poll(sentence, { timeout: 10_000 }).toMatch(/\(root not trusted\)\.$/);
    await expect(item.getByTestId('lab-trust').textContent()).resolves.toContain('Trust its root');
  });
});
