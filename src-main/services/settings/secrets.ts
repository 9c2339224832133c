/**
 * Where the few secrets the settings need (the default proxy's password) are kept — never in clear
 * in settings.json. By default in memory only: after a restart the user gives the password again.
 * The desktop app seals them with the OS keychain where Electron's safeStorage has a real one
 * (Keychain, DPAPI, libsecret/kwallet), into `secrets.json` beside the settings.
 */
import { dataDir } from '../data-dir';
import { createJsonStore } from '../storage/json-store';

export interface SecretStore {
  /** Kept across restarts (sealed on disk), or for this process only. */
  readonly persistent: boolean;
  get(name: string): Promise<string | undefined>;
  /** `undefined` forgets it. */
  set(name: string, value: string | undefined): Promise<void>;
}

export function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    persistent: false,
    get: async (name) => values.get(name),
    set: async (name, value) => {
      if (value === undefined) values.delete(name);
      else values.set(name, value);
    },
  };
}

/** The part of Electron's `safeStorage` this needs (so it can be type checked and tested here). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means a hard-coded key, no keychain at all. */
  getSelectedStorageBackend?(): string;
}

/** True when safeStorage seals with a real OS keychain (not Linux's hard-coded fallback key). */
export function keychainAvailable(safeStorage: SafeStorageLike): boolean {
  return (
    safeStorage.isEncryptionAvailable() &&
    (safeStorage.getSelectedStorageBackend?.() ?? 'keychain') !== 'basic_text'
  );
}

/** Secrets sealed with the OS keychain, stored (base64) in `secrets.json` in the data folder. */
export function sealedSecretStore(safeStorage: SafeStorageLike, dir: () => string = dataDir): SecretStore {
  const store = () =>
    createJsonStore<Record<string, string>>({
      dir: dir(),
      name: 'secrets.json',
      schemaVersion: 1,
      defaults: () => ({}),
      validate: (data) => {
        if (typeof data !== 'object' || data === null || Array.isArray(data))
          throw new Error('not a list of sealed secrets');
        for (const value of Object.values(data))
          if (typeof value !== 'string') throw new Error('not sealed text');
        return data as Record<string, string>;
      },
    });
  return {
    persistent: true,
    async get(name) {
      const sealed = (await store().load()).data[name];
      if (sealed === undefined) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return undefined; // sealed under another OS account or keychain: ask again
      }
    },
    async set(name, value) {
      await store().update((current) => {
        const next = { ...current };
        if (value === undefined) delete next[name];
        else next[name] = safeStorage.encryptString(value).toString('base64');
        return next;
      });
    },
  };
}

let current: SecretStore = memorySecretStore();

/** The desktop app installs the sealed store at start; everything else keeps the memory one. */
export function useSecretStore(store: SecretStore): void {
  current = store;
}

export function secretStore(): SecretStore {
  return current;
}
