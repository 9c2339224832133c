/**
 * Private keys and passwords never reach disk: a two-way TLS inspection from the UI (client
 * certificate as PEM files, then as a PKCS#12 file with its password) against an openssl server
 * that demands one, and a dropped PKCS#12 import — then every file in the app's data folder
 * (history, settings, trust) is searched for the key's secret scalar, its PKCS#8 and PKCS#12
 * bytes, and the passwords.
 */
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, startOpensslServer, type LabServer } from '../lab';
import { opensslWorkspace, type OpensslWorkspace } from '../support/openssl';
import { dropFiles, screenshot, openAppPage, type WebApp } from './support/browser';

const password = 'Tr0ub4dor&3-never-on-disk';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every form the secrets could be written in: raw bytes, hex, base64 at each alignment, base64url. */
function traces(secrets: Buffer[]): Buffer[] {
  return secrets.flatMap((secret) => [
    secret.subarray(0, 24),
    Buffer.from(secret.subarray(0, 24).toString('hex')),
    ...[0, 1, 2].map((shift) => Buffer.from(secret.subarray(shift, shift + 24).toString('base64'))),
    Buffer.from(secret.subarray(0, 24).toString('base64url')),
  ]);
}

describe('secrets never reach the data folder', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let server: LabServer;
  let lab: OpensslWorkspace;
  let dataDir: string;
  let secrets: Buffer[];

  beforeAll(async () => {
    const scenario = await buildScenario('client-auth');
    const { client, clientRoot } = scenario.others;
    server = await startOpensslServer({
      chain: scenario.presented,
      verifyClient: [clientRoot],
      tlsVersion: '1.2',
    });
    lab = opensslWorkspace('e2e-secrets');
    writeFileSync(lab.file('client.pem'), client.pem);
    writeFileSync(lab.file('client.key'), client.key.pkcs8Pem, { mode: 0o600 });
    lab.run(
      'pkcs12',
      '-export',
      '-in',
      lab.file('client.pem'),
      '-inkey',
      lab.file('client.key'),
      '-passout',
      `pass:${password}`,
      '-out',
      lab.file('client.p12'),
    );
    const privateKey = createPrivateKey(client.key.pkcs8Pem);
    const scalar = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
    expect(scalar.length).toBeGreaterThanOrEqual(32);
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
    secrets = [
      scalar,
      pkcs8.subarray(pkcs8.length - 40),
      Buffer.from(lab.read('client.p12')).subarray(100, 160),
      Buffer.from(password),
    ];
    dataDir = mkdtempSync(join(tmpdir(), 'certscope-e2e-secrets-data-'));
    ({ app, browser, page } = await openAppPage({ CERTSCOPE_DATA_DIR: dataDir }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await server?.close();
  });

  async function inspectWithClientCertificate(): Promise<void> {
    await page.getByTestId('host-input').fill(`127.0.0.1:${server.port}`);
    await page.getByTestId('host-input').press('Enter');
    await page.getByTestId('probe-summary').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('client-certificate-fact').textContent()).resolves.toBe(
      'asks for a client certificate: nothing in TLS refused ours',
    );
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
  }

  it('two-way TLS with PEM files and with a PKCS#12 file, then a PKCS#12 import: no secret on disk', async () => {
    await page.getByRole('button', { name: 'Options' }).click();
    await page.getByTestId('option-client-cert').setInputFiles(lab.file('client.pem'));
    await page.getByTestId('option-client-key').setInputFiles(lab.file('client.key'));
    await inspectWithClientCertificate();
    await page.getByTestId('option-client-p12').setInputFiles(lab.file('client.p12'));
    await page.getByTestId('option-client-p12-password').fill(password);
    await inspectWithClientCertificate();
    await screenshot(page, 'two-way-tls');

    await dropFiles(page, [{ name: 'client.p12', content: lab.read('client.p12') }]);
    await page.getByTestId('password-input').fill(password);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('certificate-row').first().waitFor();

    // History is written after each inspection; wait until both are there.
    await expect
      .poll(
        () => {
          const history = join(dataDir, 'history.json');
          try {
            return (JSON.parse(readFileSync(history, 'utf8')) as { data: { entries: unknown[] } }).data
              .entries.length;
          } catch {
            return 0;
          }
        },
        { timeout: 20_000 },
      )
      .toBe(2);
    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const trace of traces(secrets))
        if (bytes.includes(trace)) found.push(`${file}: ${trace.toString('latin1').slice(0, 20)}`);
    }
    expect(found).toEqual([]);
  });
});
