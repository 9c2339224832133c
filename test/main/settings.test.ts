import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDataDir } from './support/data-dir';
import { defaultSettings, loadSettings, saveSettings } from '../../src-main/services/settings/settings';
import {
  keychainAvailable,
  memorySecretStore,
  sealedSecretStore,
  useSecretStore,
  type SafeStorageLike,
} from '../../src-main/services/settings/secrets';

describe('settings', () => {
  const dataDir = useTempDataDir('settings');
  afterEach(() => useSecretStore(memorySecretStore()));

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

  it('keeps both of two overlapping saves, every time', async () => {
    for (let round = 0; round < 20; round++) {
      await Promise.all([
        saveSettings({ expiryDays: round }),
        saveSettings({ connectTimeoutSeconds: round + 1 }),
      ]);
      const { settings } = await loadSettings();
      expect(settings.expiryDays, `round ${round}`).toBe(round);
      expect(settings.connectTimeoutSeconds, `round ${round}`).toBe(round + 1);
    }
  });

  it('never writes the default proxy’s password to settings.json; gives it back in this session only', async () => {
    const saved = await saveSettings({ proxy: 'http://alice:s3cret-pw@proxy.example:3128' });
    expect(saved.proxy).toBe('http://alice:s3cret-pw@proxy.example:3128');
    const onDisk = readFileSync(join(dataDir(), 'settings.json'), 'utf8');
    expect(onDisk).not.toContain('s3cret-pw');
    expect(JSON.parse(onDisk).data.proxy).toBe('http://alice@proxy.example:3128');
    expect((await loadSettings()).settings.proxy).toBe('http://alice:s3cret-pw@proxy.example:3128');
    // A restart (a fresh memory store): the user name stays, the password is asked for again.
    useSecretStore(memorySecretStore());
    expect((await loadSettings()).settings.proxy).toBe('http://alice@proxy.example:3128');
    // Saving a URL without a password forgets the one kept.
    await saveSettings({ proxy: 'http://alice:again@proxy.example:3128' });
    await saveSettings({ proxy: 'http://alice@proxy.example:3128' });
    expect((await loadSettings()).settings.proxy).toBe('http://alice@proxy.example:3128');
  });

  it('moves a password an older settings.json holds in clear out of the file', async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(dataDir(), { recursive: true });
    writeFileSync(
      join(dataDir(), 'settings.json'),
      JSON.stringify({
        schemaVersion: 1,
        data: { ...defaultSettings, proxy: 'http://bob:old-clear@proxy:3128' },
      }),
    );
    expect((await loadSettings()).settings.proxy).toBe('http://bob:old-clear@proxy:3128');
    expect(readFileSync(join(dataDir(), 'settings.json'), 'utf8')).not.toContain('old-clear');
  });

  it('in the desktop app, seals it with the OS keychain so it survives a restart, never in clear', async () => {
    // Electron's safeStorage can't run here: this stands in for it with a reversible sealing.
    const fakeKeychain: SafeStorageLike = {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`),
      decryptString: (sealed) => Buffer.from(sealed.toString().slice('sealed:'.length), 'hex').toString(),
    };
    expect(keychainAvailable(fakeKeychain)).toBe(true);
    expect(keychainAvailable({ ...fakeKeychain, getSelectedStorageBackend: () => 'basic_text' })).toBe(false);
    useSecretStore(sealedSecretStore(fakeKeychain));
    await saveSettings({ proxy: 'http://carol:kept-sealed@proxy:3128' });
    for (const file of ['settings.json', 'secrets.json'])
      expect(readFileSync(join(dataDir(), file), 'utf8')).not.toContain('kept-sealed');
    useSecretStore(sealedSecretStore(fakeKeychain)); // a restart
    expect((await loadSettings()).settings.proxy).toBe('http://carol:kept-sealed@proxy:3128');
  });
});
