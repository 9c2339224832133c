/**
 * scripts/refresh-root-programs.ts against ../shared/trust-stores: the shipped files are exactly
 * what the snapshot gives, and a tampered PEM or list fails loudly, naming the file and entry.
 */
import { cpSync, chmodSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildRootPrograms,
  checkShipped,
  defaultOut,
  defaultSource,
  refresh,
} from '../../../scripts/refresh-root-programs';

function writableCopy(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'certscope-refresh-'));
  cpSync(from, dir, { recursive: true });
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o644);
  return dir;
}

/** Swaps one base64 character inside the n-th certificate of a PEM file. */
function tamper(path: string, certificate: number): void {
  const text = readFileSync(path, 'utf8');
  const blocks = text.split('-----BEGIN CERTIFICATE-----');
  const lines = blocks[certificate].split('\n');
  const line = lines[4];
  lines[4] = line.slice(0, 20) + (line[20] === 'Q' ? 'R' : 'Q') + line.slice(21);
  blocks[certificate] = lines.join('\n');
  writeFileSync(path, blocks.join('-----BEGIN CERTIFICATE-----'));
}

describe('refresh-root-programs', () => {
  it('finds the shipped data current with ../shared/trust-stores', async () => {
    expect(resolve(defaultSource)).toMatch(/shared[/\\]trust-stores$/);
    const message = await refresh({ from: defaultSource, out: defaultOut, check: true });
    expect(message).toContain('398 unique roots');
    expect(checkShipped(defaultOut)).toEqual([]);
  });

  it('writes the same files from the snapshot into a new folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'certscope-refresh-out-'));
    await refresh({ from: defaultSource, out, check: false });
    for (const name of ['programs.json', 'roots.pem', 'LICENSE.trust_stores_observatory'])
      expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join(defaultOut, name), 'utf8'));
  });

  it('fails on a snapshot PEM whose certificate no longer hashes to its list entry', async () => {
    const dir = writableCopy(defaultSource);
    tamper(join(dir, 'mozilla_nss.pem'), 7);
    await expect(buildRootPrograms(dir)).rejects.toThrow(
      /mozilla_nss\.pem certificate 7: its SHA-256 is [0-9a-f]{64}, mozilla_nss\.json lists [0-9a-f]{64}/,
    );
  });

  it('fails when a list and its PEM file disagree in count', async () => {
    const dir = writableCopy(defaultSource);
    const json = JSON.parse(readFileSync(join(dir, 'apple.json'), 'utf8')) as { trusted_sha256: string[] };
    json.trusted_sha256.pop();
    writeFileSync(join(dir, 'apple.json'), JSON.stringify(json));
    await expect(buildRootPrograms(dir)).rejects.toThrow(
      /apple\.pem has 156 certificates, apple\.json lists 155/,
    );
  });

  it('fails on a Chrome constraint it does not know', async () => {
    const dir = writableCopy(defaultSource);
    const json = JSON.parse(readFileSync(join(dir, 'chrome_root_store.json'), 'utf8')) as {
      trust_anchors: { constraints?: Record<string, unknown>[] }[];
    };
    json.trust_anchors[0].constraints = [{ permitted_dns_names: ['example'] }];
    writeFileSync(join(dir, 'chrome_root_store.json'), JSON.stringify(json));
    await expect(buildRootPrograms(dir)).rejects.toThrow(/unknown Chrome constraint permitted_dns_names/);
  });

  it('--check fails on a tampered shipped roots.pem, and on shipped data that is not current', async () => {
    const out = writableCopy(defaultOut);
    tamper(join(out, 'roots.pem'), 12);
    expect(checkShipped(out)).toEqual([
      expect.stringMatching(
        /^roots\.pem certificate 12: SHA-256 [0-9a-f]{64}, programs\.json lists [0-9a-f]{64}$/,
      ),
    ]);
    await expect(refresh({ from: defaultSource, out, check: true })).rejects.toThrow(/is not current/);
  });
});
