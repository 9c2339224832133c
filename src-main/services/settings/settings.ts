/**
 * App settings in the data folder (`settings.json`, atomic, versioned), validated field by field.
 * The default proxy's password never goes into the file: it is taken out of the URL and kept by
 * the secret store (memory, or the OS keychain in the desktop app), and put back when read.
 */
import type { AppSettings } from '../../../src-core/api/contract';
import { clientIds, defaultClient, isClientId } from '../../../src-core/clients/profiles';
import { dataDir } from '../data-dir';
import { createJsonStore } from '../storage/json-store';
import { secretStore } from './secrets';

const proxyPassword = 'default-proxy-password';

export const defaultSettings: AppSettings = {
  expiryDays: 30,
  connectTimeoutSeconds: 10,
  deadlineSeconds: 20,
  proxy: '',
  theme: 'system',
  allowPrivateFetches: false,
  defaultClient,
};

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Checks a (partial) settings object; throws a sentence naming the bad field. */
export function validateSettings(value: unknown, base: AppSettings = defaultSettings): AppSettings {
  if (typeof value !== 'object' || value === null) throw new SettingsError('settings must be an object');
  const input = value as Record<string, unknown>;
  const next = { ...base };
  const whole = (
    key: 'expiryDays' | 'connectTimeoutSeconds' | 'deadlineSeconds',
    min: number,
    max: number,
    label: string,
  ) => {
    if (input[key] === undefined) return;
    const number = input[key];
    if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max)
      throw new SettingsError(`${label} must be a whole number from ${min} to ${max}`);
    next[key] = number;
  };
  whole('expiryDays', 0, 3650, 'the expiry warning threshold (days)');
  whole('connectTimeoutSeconds', 1, 120, 'the connect timeout (seconds)');
  whole('deadlineSeconds', 1, 300, 'the overall deadline (seconds)');
  if (input.proxy !== undefined) {
    if (typeof input.proxy !== 'string' || (input.proxy !== '' && !/^http:\/\/\S+$/.test(input.proxy)))
      throw new SettingsError('the proxy must be empty or an http:// URL');
    next.proxy = input.proxy;
  }
  if (input.theme !== undefined) {
    if (input.theme !== 'light' && input.theme !== 'dark' && input.theme !== 'system')
      throw new SettingsError('the theme is light, dark or system');
    next.theme = input.theme;
  }
  if (input.allowPrivateFetches !== undefined) {
    if (typeof input.allowPrivateFetches !== 'boolean')
      throw new SettingsError('fetching from private addresses is on or off (true or false)');
    next.allowPrivateFetches = input.allowPrivateFetches;
  }
  if (input.defaultClient !== undefined) {
    if (!isClientId(input.defaultClient))
      throw new SettingsError(`the default client is one of ${clientIds.join(', ')}`);
    next.defaultClient = input.defaultClient;
  }
  for (const key of Object.keys(input))
    if (!(key in defaultSettings)) throw new SettingsError(`unknown setting "${key}"`);
  return next;
}

const store = () =>
  createJsonStore<AppSettings>({
    dir: dataDir(),
    name: 'settings.json',
    schemaVersion: 1,
    defaults: () => ({ ...defaultSettings }),
    validate: (data) => validateSettings(data),
  });

/** The URL without its password, and the password. */
function splitProxy(url: string): { url: string; password?: string } {
  if (!url) return { url };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  if (!parsed.password) return { url };
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.href.replace(/\/$/, url.endsWith('/') ? '/' : ''), password };
}

async function withProxyPassword(settings: AppSettings): Promise<AppSettings> {
  const password = settings.proxy ? await secretStore().get(proxyPassword) : undefined;
  if (!password) return settings;
  try {
    const parsed = new URL(settings.proxy);
    if (!parsed.username) return settings;
    parsed.password = password;
    return { ...settings, proxy: parsed.href.replace(/\/$/, settings.proxy.endsWith('/') ? '/' : '') };
  } catch {
    return settings;
  }
}

export async function loadSettings(): Promise<{ settings: AppSettings; problem?: string }> {
  const loaded = await store().load();
  let settings = loaded.data;
  // A file from before passwords were kept apart: move the password out of it now.
  const split = splitProxy(settings.proxy);
  if (split.password !== undefined) {
    await secretStore().set(proxyPassword, split.password);
    settings = await store().update((current) => ({ ...current, proxy: splitProxy(current.proxy).url }));
  }
  return {
    settings: await withProxyPassword(settings),
    ...(loaded.problem ? { problem: loaded.problem.reason } : {}),
  };
}

/**
 * Overlapping saves run one after another, each on what the one before wrote: both changes land.
 * A proxy URL's password is kept by the secret store (a URL without one forgets it).
 */
export async function saveSettings(patch: Partial<AppSettings>): Promise<AppSettings> {
  let password: string | undefined;
  let cleaned = patch;
  if (typeof patch.proxy === 'string') {
    const split = splitProxy(patch.proxy);
    password = split.password;
    cleaned = { ...patch, proxy: split.url };
  }
  const saved = await store().update((current) => validateSettings(cleaned, current));
  if (typeof patch.proxy === 'string') await secretStore().set(proxyPassword, password);
  return withProxyPassword(saved);
}
