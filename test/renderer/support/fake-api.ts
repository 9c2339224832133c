/**
 * The renderer's API client takes `window.certscope` once per page; tests that need a fresh fake
 * per test install this forwarder once and point it at each test's fake.
 */
import type { CertscopeApi } from '../../../src-core/api/contract';

let current: Partial<CertscopeApi> = {};

export function useFakeApi<T extends Partial<Record<keyof CertscopeApi, unknown>>>(api: T): T {
  current = api as Partial<CertscopeApi>;
  window.certscope ??= new Proxy({} as CertscopeApi, {
    get:
      (_target, method: string) =>
      (...args: unknown[]) => {
        const implementation = (current as Record<string, ((...given: unknown[]) => unknown) | undefined>)[
          method
        ];
        if (!implementation) return Promise.reject(new Error(`the fake API has no ${method}`));
        return implementation(...args);
      },
  });
  return api;
}
