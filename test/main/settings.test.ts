import { describe, expect, it } from 'vitest';
import { useTempDataDir } from './support/data-dir';
import { defaultSettings, loadSettings, saveSettings } from '../../src-main/services/settings/settings';

describe('settings', () => {
  useTempDataDir('settings');

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
