#!/usr/bin/env node
// The `certscope` command: the built CLI when `npm run build` has run, otherwise the sources
// through tsx (a development dependency), so a fresh checkout works either way.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out/main/cli.js');
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
  const result = spawnSync(
    process.execPath,
    [tsx, join(root, 'src-main/cli/entry.ts'), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(result.status ?? 2);
}
