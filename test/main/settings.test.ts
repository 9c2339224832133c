import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, loadSettings, saveSettings } from '../../src-main/services/settings/settings';

describe('settings', () => {
  let previous: string | undefined;
  beforeEach(() => {
    previous = process.env.CERTSCOPE_DATA_DIR;
    process.env.CERTSCOPE_DATA_DIR = mkdtempSync(join(tmpdir(), 'certscope-settings-'));
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.CERTSCOPE_DATA_DIR;
    else process.env.CERTSCOPE_DATA_DIR = previous;
  });

  it('starts from defaults, saves a patch, and keeps it across a restart', async () => {
    expect((await loadSettings()).settings).toEqual(defaultSettings);
    await saveSettings({ expiryDays: 14, theme: 'dark' });
    expect((await loadSettings()).settings).toEqual({ ...defaultSettings, expiryDays: 14, theme: 'dark' });
  });

  it.each([
    [{ expiryDays: -1 }, /expiry warning threshold \(days\) must be a whole number from 0 to 3650/],
    [{ connectTimeoutSeconds: 0 }, /connect timeout/],
    [{ deadlineSeconds: 1.5 }, /overall deadline/],
    [{ proxy: 'socks5://x' }, /the proxy must be empty or an http:\/\/ URL/],
    [{ theme: 'purple' }, /light, dark or system/],
    [{ colour: 'red' }, /unknown setting "colour"/],
  ])('refuses %j with a clear message, and keeps what was saved', async (patch, message) => {
    await saveSettings({ expiryDays: 7 });
    await expect(saveSettings(patch as never)).rejects.toThrow(message);
    expect((await loadSettings()).settings.expiryDays).toBe(7);
  });
});
