/** Gives each test a fresh, empty Certscope data folder (CERTSCOPE_DATA_DIR) and restores the old one. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export function useTempDataDir(prefix: string): () => string {
  let previous: string | undefined;
  beforeEach(() => {
    previous = process.env.CERTSCOPE_DATA_DIR;
    process.env.CERTSCOPE_DATA_DIR = mkdtempSync(join(tmpdir(), `certscope-${prefix}-`));
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.CERTSCOPE_DATA_DIR;
    else process.env.CERTSCOPE_DATA_DIR = previous;
  });
  return () => process.env.CERTSCOPE_DATA_DIR as string;
}
