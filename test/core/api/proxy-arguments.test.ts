/** The contract's checks on the proxy that AIA and revocation fetches take from the renderer. */
import { describe, expect, it } from 'vitest';
import { apiMethods } from '../../../src-core/api/contract';
import { ApiArgumentError } from '../../../src-core/api/validate';

const url = 'http://aia.example/ca.der';
const der = new Uint8Array([0x30, 0x00]);

describe('proxy arguments', () => {
  it('take null (no proxy) or a proxy object, and keep only its known fields', () => {
    expect(apiMethods.fetchAiaIssuers([url, null])).toEqual([url, null, null]);
    const proxy = { url: 'http://proxy:3128', username: 'me', password: 'pw', extra: 'dropped' };
    expect(apiMethods.fetchAiaIssuers([url, proxy])).toEqual([
      url,
      { url: 'http://proxy:3128', username: 'me', password: 'pw' },
      null,
    ]);
    expect(apiMethods.fetchRevocation([[der], { url: 'http://proxy:3128' }])).toEqual([
      [der],
      { url: 'http://proxy:3128' },
      null,
    ]);
  });

  it('take a fetch scope as a third argument, keeping only its known fields', () => {
    const scope = { inspectedAddresses: ['127.0.0.1'], allowPrivate: false, extra: 'dropped' };
    expect(apiMethods.fetchAiaIssuers([url, null, scope])).toEqual([
      url,
      null,
      { inspectedAddresses: ['127.0.0.1'], allowPrivate: false },
    ]);
    for (const bad of [{ allowPrivate: 'yes' }, { inspectedAddresses: '127.0.0.1' }, 'scope'])
      expect(() => apiMethods.fetchAiaIssuers([url, null, bad])).toThrow(ApiArgumentError);
    expect(() => apiMethods.fetchAiaIssuers([url, null, null, null])).toThrow(ApiArgumentError);
  });

  it('refuse a missing argument, a bare string and a proxy without a URL', () => {
    for (const args of [[url], [url, 'http://proxy:3128'], [url, { username: 'me' }], [url, { url: 5 }]])
      expect(() => apiMethods.fetchAiaIssuers(args)).toThrow(ApiArgumentError);
    expect(() => apiMethods.fetchRevocation([[der]])).toThrow(ApiArgumentError);
  });
});
