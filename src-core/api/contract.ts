/**
 * The one typed API between the renderer and the main-process services.
 *
 * Main (IPC handlers), preload (exposed functions), web mode (HTTP adapter) and the
 * renderer's clients all compile against this file. Adding a call means adding it to
 * `CertscopeApi` and to `apiMethods` below; the compiler then points at every place
 * that has to handle it.
 *
 * Only plain data crosses this boundary: strings, numbers, booleans, arrays, plain
 * objects, `Uint8Array` (DER bytes) and `Date`. Parsing happens in the core, on either side.
 */
import { ApiArgumentError, expectArgs } from './validate';

export interface AppInfo {
  name: string;
  version: string;
  /** `electron` inside the desktop shell, `web` when served over loopback. */
  mode: 'electron' | 'web';
  /** Runtime versions, for the About box and bug reports. */
  versions: Record<string, string>;
}

export interface CertscopeApi {
  /** Name, version and how the app is running. */
  getAppInfo(): Promise<AppInfo>;
}

export type ApiMethodName = keyof CertscopeApi;
export type ApiArgs<M extends ApiMethodName> = Parameters<CertscopeApi[M]>;
export type ApiResult<M extends ApiMethodName> = Awaited<ReturnType<CertscopeApi[M]>>;

/**
 * Every method with the validator its arguments must pass before a service sees them.
 * Validators run in main (IPC) and in the web adapter, never trusting the caller.
 */
export const apiMethods: { [M in ApiMethodName]: (args: unknown[]) => ApiArgs<M> } = {
  getAppInfo: (args) => {
    expectArgs(args, 0);
    return [];
  },
};

export const apiMethodNames = Object.keys(apiMethods) as ApiMethodName[];

export function isApiMethodName(name: string): name is ApiMethodName {
  return Object.prototype.hasOwnProperty.call(apiMethods, name);
}

/** The IPC channel a method travels on in the desktop app. */
export function ipcChannel(method: ApiMethodName): string {
  return `certscope:${method}`;
}

export { ApiArgumentError };
