/**
 * `npm start` on a machine without the Electron runtime: one clear line saying so, then the same
 * UI served in web mode on a loopback URL.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/browser';

const electronPresent = existsSync(join(repoRoot, 'node_modules/electron/path.txt'));

describe.skipIf(electronPresent)('npm start without the Electron runtime', () => {
  it('says why in one line and serves the UI in web mode', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: repoRoot, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no web-mode URL within 150 s:\n${output}`)),
          150_000,
        );
        const check = () => {
          const match = /web mode: open (\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', check);
        child.once('exit', (code) =>
          reject(new Error(`npm start exited (${code}) before serving:\n${output}`)),
        );
      });
      const reasonLines = output
        .split('\n')
        .filter((line) => line.includes('Electron runtime is not available'));
      expect(reasonLines).toHaveLength(1);
      expect(reasonLines[0]).toMatch(/serving the same UI in web mode/);
      // The reason is what is missing, not the last line of a stack trace ("Node.js v20…").
      expect(reasonLines[0]).toMatch(/not available here \(the Electron binary is not installed/);
      expect(reasonLines[0]).not.toMatch(/Node\.js v\d/);
      // The URL is printed once.
      expect(output.split(url).length - 1).toBe(1);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#code=[\w-]{40,}$/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
      // What the page does with the link: trade its one-time code for the API token, then call.
      const origin = new URL(url).origin;
      const login = await fetch(new URL('/api/login', url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin },
        body: JSON.stringify({ code: new URL(url).hash.slice('#code='.length) }),
      });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const call = await fetch(new URL('/api/getAppInfo', url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Certscope-Token': token },
        body: '{"args":[]}',
      });
      expect(call.status).toBe(200);
      // Stopping `npm start` stops the web-mode server it started (no orphan left listening).
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await expect
        .poll(
          () =>
            fetch(url).then(
              () => 'listening',
              () => 'stopped',
            ),
          { timeout: 10_000 },
        )
        .toBe('stopped');
    } finally {
      child.kill('SIGTERM');
    }
  }, 200_000);
});
