/** App settings in the data folder (`settings.json`, atomic, versioned), validated field by field. */
import type { AppSettings } from '../../../src-core/api/contract';
import { dataDir } from '../data-dir';
import { createJsonStore } from '../storage/json-store';

export const defaultSettings: AppSettings = {
  expiryDays: 30,
  connectTimeoutSeconds: 10,
  deadlineSeconds: 20,
  proxy: '',
  theme: 'system',
  allowPrivateFetches: false,
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

export async function loadSettings(): Promise<{ settings: AppSettings; problem?: string }> {
  const loaded = await store().load();
  return { settings: loaded.data, ...(loaded.problem ? { problem: loaded.problem.reason } : {}) };
}

export async function saveSettings(patch: Partial<AppSettings>): Promise<AppSettings> {
  const next = validateSettings(patch, (await store().load()).data);
  await store().save(next);
  return next;
}
