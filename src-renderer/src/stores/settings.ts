/** App settings: loaded once, applied (theme), saved through the API with its validation. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo, AppSettings } from '../../../src-core/api/contract';
import type { ProxySettings } from '../../../src-core/tls/types';
import { defaultClient } from '../../../src-core/clients/profiles';
import { useApi } from '../api/client';

const defaults: AppSettings = {
  expiryDays: 30,
  connectTimeoutSeconds: 10,
  deadlineSeconds: 20,
  proxy: '',
  theme: 'system',
  allowPrivateFetches: false,
  defaultClient,
};

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<AppSettings>({ ...defaults });
  const problem = ref<string | undefined>();
  const error = ref<string | undefined>();

  const systemDark =
    typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;
  systemDark?.addEventListener('change', () => applyTheme());

  function applyTheme(): void {
    const theme =
      settings.value.theme === 'system' ? (systemDark?.matches ? 'dark' : 'light') : settings.value.theme;
    document.documentElement.dataset.theme = theme;
  }

  async function load(): Promise<void> {
    try {
      const loaded = await useApi().getSettings();
      settings.value = loaded.settings;
      problem.value = loaded.problem;
    } catch (caught) {
      error.value = caught instanceof Error ? caught.message : String(caught);
    }
    applyTheme();
  }

  async function save(patch: Partial<AppSettings>): Promise<boolean> {
    error.value = undefined;
    try {
      settings.value = await useApi().saveSettings(patch);
      applyTheme();
      return true;
    } catch (caught) {
      error.value = caught instanceof Error ? caught.message : String(caught);
      return false;
    }
  }

  /** The default proxy, for connections and fetches that no host options chose one for. */
  function defaultProxy(): ProxySettings | null {
    const url = settings.value.proxy.trim();
    return url ? { url } : null;
  }

  let info: Promise<AppInfo> | undefined;
  /** The app's name, version and mode (asked once). */
  function appInfo(): Promise<AppInfo> {
    info ??= useApi().getAppInfo();
    return info;
  }

  return { settings, problem, error, load, save, defaultProxy, appInfo };
});
