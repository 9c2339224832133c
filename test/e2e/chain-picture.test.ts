/**
 * The chain as a picture, and time travel that says it is hypothetical (issue 17, major point 9):
 * the cross-signed Lab scenario draws both candidate paths as branches from the shared leaf —
 * each node with its role, source and status, the chosen path highlighted — and picking the other
 * root in the picture shows its path in the cards. Travelling in time names the date in the
 * verdict and says it is hypothetical; "expired N days ago" stays counted from today, with what
 * the travel date makes of each certificate beside it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebApp } from './support/browser';
import { inspectLabScenario, openLabPage } from './support/lab';
import { screenshotEveryWay } from './support/views';

describe('the chain picture and time travel', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openLabPage('chain-picture'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const inspectScenario = (name: string) => inspectLabScenario(page, name);

  const nodes = () =>
    page.getByTestId('graph-node').evaluateAll((elements) =>
      elements.map((element) => ({
        role: element.getAttribute('data-role'),
        chosen: element.getAttribute('data-chosen') === 'true',
        source: element.getAttribute('data-source'),
        name: element.querySelector('[data-testid="graph-node-name"]')?.textContent ?? '',
        label: element.querySelector('[data-testid="graph-node-role"]')?.textContent ?? '',
        status: element.querySelector('[data-testid="graph-node-status"]')?.textContent ?? '',
        where: element.querySelector('[data-testid="graph-node-source"]')?.textContent ?? '',
        box: element.getBoundingClientRect().toJSON() as DOMRect,
      })),
    );

  it('cross-signed: both paths as branches from the one leaf, the chosen one highlighted', async () => {
    await inspectScenario('cross-signed');
    const drawn = await nodes();
    expect(drawn).toHaveLength(5);
    expect(drawn.filter((node) => node.role === 'leaf')).toHaveLength(1);
    expect(drawn.filter((node) => node.role === 'intermediate').map((node) => node.name)).toEqual([
      'Certscope Lab Cross Intermediate',
      'Certscope Lab Cross Intermediate',
    ]);
    const roots = drawn.filter((node) => node.role === 'root');
    expect(roots.map((node) => node.name).sort()).toEqual([
      'Certscope Lab New Root',
      'Certscope Lab Old Root',
    ]);
    expect(roots.every((node) => node.where === 'in the lab store' && node.status === 'no problems')).toBe(
      true,
    );
    // The chosen path: leaf, one intermediate, one root — drawn highlighted.
    expect(drawn.filter((node) => node.chosen).map((node) => node.role)).toEqual([
      'leaf',
      'intermediate',
      'root',
    ]);
    // Branches: the two roots side by side above the leaf, nothing overlapping.
    const leaf = drawn.find((node) => node.role === 'leaf')!;
    expect(roots.every((root) => root.box.bottom < leaf.box.top)).toBe(true);
    const [left, right] = roots.sort((a, b) => a.box.left - b.box.left);
    expect(left.box.right).toBeLessThanOrEqual(right.box.left);
    expect(drawn.filter((node) => node.source === 'sent').length).toBe(3);
    expect(await screenshotEveryWay(page, 'chain-picture-cross-signed')).toEqual([]);
  });

  it('picking the other root in the picture shows its path in the cards, and selects it', async () => {
    const chosenRoot = (await nodes()).find((node) => node.role === 'root' && node.chosen)!;
    const otherName = await page
      .locator(
        '[data-testid="graph-node"][data-role="root"][data-chosen="false"] [data-testid="graph-node-name"]',
      )
      .textContent();
    const other = page.locator('[data-testid="graph-node"][data-role="root"]', { hasText: otherName! });
    expect(otherName).not.toBe(chosenRoot.name);
    await other.click();
    await expect.poll(() => page.getByTestId('path-select').inputValue()).toBe('1');
    await expect(page.getByTestId('chain-node-name').first().textContent()).resolves.toContain(otherName!);
    await expect(page.getByTestId('detail-subject').textContent()).resolves.toContain(otherName!);
    // Now that path is the one highlighted.
    await expect(other.getAttribute('data-chosen')).resolves.toBe('true');
  });

  it('a dead end draws its missing issuer: missing-intermediate', async () => {
    await inspectScenario('missing-intermediate');
    const drawn = await nodes();
    expect(drawn.map((node) => node.role)).toEqual(['leaf', 'missing']);
    expect(drawn[1].name).toBe('Certscope Lab Intermediate (missing-intermediate)');
    expect(drawn[1].status).toBe('issuer not found');
  });

  it('time travel names the date, says it is hypothetical, and counts expiry from today', async () => {
    await inspectScenario('expired');
    expect(await page.getByTestId('verdict-when').count()).toBe(0);
    const leafExpiry = page.locator(
      '[data-testid="chain-node"][data-role="leaf"] [data-testid="chain-node-expiry"]',
    );
    await expect(leafExpiry.textContent()).resolves.toBe('expired 10 days ago');
    // Back to 50 days ago, when the leaf was valid: the slider starts at today's position.
    const slider = page.getByTestId('travel-slider');
    const today = Number(await slider.inputValue());
    await slider.fill(String(today - 50));
    await slider.dispatchEvent('change');
    const date = (await page.getByTestId('travel-date').textContent())!.trim();
    await expect
      .poll(() => page.getByTestId('verdict-when').textContent(), { timeout: 10_000 })
      .toContain(`a hypothetical date: this is the verdict as of ${date}, not today`);
    await expect(page.getByTestId('verdict').getAttribute('class')).resolves.toContain(
      'verdict--hypothetical',
    );
    await expect(page.getByTestId('verdict').getAttribute('class')).resolves.toContain('verdict--ok');
    await expect(leafExpiry.textContent()).resolves.toMatch(
      new RegExp(`^expired 10 days ago\\s*\\(on ${date}: valid\\)$`),
    );
    expect(await screenshotEveryWay(page, 'time-travel')).toEqual([]);

    await page.getByTestId('travel-now').click();
    await expect.poll(() => page.getByTestId('verdict-when').count()).toBe(0);
    await expect(page.getByTestId('verdict-sentence').textContent()).resolves.toMatch(/\(expired\)\.$/);
  });
});
