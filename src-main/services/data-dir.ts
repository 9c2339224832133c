/**
 * The app's data folder: `CERTSCOPE_DATA_DIR` when set (tests, portable use; the Electron shell
 * sets it to its userData folder), else `$XDG_CONFIG_HOME/certscope` or `~/.config/certscope`.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function dataDir(): string {
  if (process.env.CERTSCOPE_DATA_DIR) return process.env.CERTSCOPE_DATA_DIR;
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'certscope');
}
