/**
 * The desktop shell, driven by Playwright's Electron support. Runs where the Electron runtime
 * exists; on machines where it could not be downloaded it is reported as skipped, with why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMethodNames } from '../../src-core/api/contract';
import { repoRoot } from '../e2e/support/browser';

function electronBinary(): { path?: string; reason?: string } {
  const packageDir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      reason:
        'the Electron runtime was never downloaded (node_modules/electron/path.txt is missing; offline machine)',
    };
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { reason: `the Electron binary ${binary} is missing` };
}

const binary = electronBinary();
if (binary.reason) console.warn(`[electron tests skipped] ${binary.reason}`);

describe.skipIf(!binary.path)(`Electron shell${binary.reason ? ` (skipped: ${binary.reason})` : ''}`, () => {
  let app: ElectronApplication;

  beforeAll(async () => {
    app = await electron.launch({ executablePath: binary.path, args: [repoRoot], cwd: repoRoot });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens the Certscope window on the app:// origin with the empty inspector', async () => {
    const window = await app.firstWindow();
    await window.waitForSelector('[data-testid="drop-zone"]');
    expect(await window.title()).toBe('Certscope');
    expect(window.url()).toMatch(/^app:\/\/certscope\//);
    await expect(window.getByTestId('host-input').isVisible()).resolves.toBe(true);
  });

  it('gives the renderer no Node globals and exactly the contract as window.certscope', async () => {
    const window = await app.firstWindow();
    const globals = await window.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      module: typeof (globalThis as Record<string, unknown>).module,
      Buffer: typeof (globalThis as Record<string, unknown>).Buffer,
      api: Object.keys((window as unknown as { certscope: object }).certscope).sort(),
    }));
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      api: [...apiMethodNames].sort(),
    });
  });

  it('answers a contract call through the preload', async () => {
    const window = await app.firstWindow();
    const info = await window.evaluate(() =>
      (
        window as unknown as { certscope: { getAppInfo(): Promise<{ mode: string }> } }
      ).certscope.getAppInfo(),
    );
    expect(info.mode).toBe('electron');
  });

  it('verifies in its Web Worker on app:// (the CSP lets our own module worker load)', async () => {
    const window = await app.firstWindow();
    const pem = rootCertificates[0];
    const dataTransfer = await window.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'root.pem'));
      return transfer;
    }, pem);
    await window.dispatchEvent('body', 'dragenter', { dataTransfer });
    await window.dispatchEvent('body', 'drop', { dataTransfer });
    await window.getByTestId('dropped-check-button').click();
    // A verdict, not "the verification worker stopped: …".
    await window.getByTestId('dropped-check').getByTestId('verdict').waitFor();
  });
});
