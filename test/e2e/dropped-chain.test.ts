/**
 * From dropped files to an answer: a bundle (root first, as CAs often send it) dropped and checked
 * as a chain for a host name — the verdict, the tree root → leaf, the findings; a wrong name gives
 * the hostname finding; a chain node opens in the details view.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario } from '../../src-main/services/lab';
import { dataDirTrusting, dropFiles, screenshot, openAppPage, type WebApp } from './support/browser';

describe('dropped files checked as a chain', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;

  beforeAll(async () => {
    scenario = await buildScenario('good');
    ({ app, browser, page } = await openAppPage(
      { CERTSCOPE_DATA_DIR: await dataDirTrusting([scenario.root.der]) },
      {},
      'drop-zone',
    ));
    const [leaf, intermediate] = scenario.presented;
    await dropFiles(page, [
      { name: 'bundle.pem', content: `${scenario.root.pem}${leaf.pem}${intermediate.pem}` },
    ]);
    await page.getByTestId('dropped-check').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function check(host: string): Promise<void> {
    await page.getByTestId('dropped-host').fill(host);
    await page.getByTestId('dropped-check-button').click();
    await page.getByTestId('verdict').waitFor();
  }

  it('suggests the leaf name, builds root → intermediate → leaf and says who trusts it', async () => {
    await expect(page.getByTestId('dropped-host').getAttribute('placeholder')).resolves.toBe(scenario.host);
    await check(scenario.host);
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(
      /^Trusted on this machine only: it chains to “Certscope Lab Root \(good\)” in the user trust store/,
    );
    // The chain is drawn a frame after the verdict.
    await expect
      .poll(() => page.getByTestId('chain-node-role').allTextContents())
      .toEqual(['root', 'intermediate', 'leaf']);
    await screenshot(page, 'dropped-chain-verdict');
  });

  it('a name the certificate does not cover gives the hostname finding', async () => {
    await check('other.example');
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toContain('Not trusted');
    await expect(page.getByTestId('dropped-check').textContent()).resolves.toContain('hostname-mismatch');
  });

  it('a node of the chain opens in the details view', async () => {
    await page.getByTestId('chain-node').first().click();
    await expect(page.getByTestId('detail-subject').textContent()).resolves.toContain(
      'Certscope Lab Root (good)',
    );
  });
});
