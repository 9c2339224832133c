/**
 * Which addresses AIA, OCSP and CRL fetches may reach: every non-public range by name, the IPv4
 * forms hidden inside IPv6, and who may lift the rule (a private inspected host, the user).
 */
import { describe, expect, it } from 'vitest';
import { addressKind, allowedAddress, policyFor } from '../../../src-main/services/http/address-policy';
import { fetchScopeForProbe } from '../../../src-core/inspect/verify-probe';
import type { ProbeTarget } from '../../../src-core/tls/types';

describe('addressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['2001:db8::1', 'documentation'],
    // IPv4 inside IPv6: mapped, compatible, NAT64 and 6to4 forms of private addresses.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:c0a8:101::1', 'private'],
    ['[::1]', 'loopback'],
    ['fe80::1%eth0', 'link-local'],
    // Public ones.
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700::1111', 'public'],
    ['::ffff:8.8.8.8', 'public'],
  ])('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it('is undefined for names', () => {
    expect(addressKind('localhost')).toBeUndefined();
    expect(addressKind('example.com')).toBeUndefined();
  });
});

describe('policyFor', () => {
  it('allows private addresses when the inspected host was reached at one, or the user says so', () => {
    expect(policyFor({ inspectedAddresses: ['127.0.0.1'] }).allowPrivate).toBe(true);
    expect(policyFor({ inspectedAddresses: ['10.0.0.5'] }).allowPrivate).toBe(true);
    expect(policyFor({ allowPrivate: true }).allowPrivate).toBe(true);
    expect(policyFor({ inspectedAddresses: ['93.184.216.34'] }).allowPrivate).toBe(false);
    expect(policyFor({ inspectedAddresses: [] }).allowPrivate).toBe(false);
    expect(policyFor({}).allowPrivate).toBe(false);
    expect(policyFor(null).allowPrivate).toBe(false);
  });

  it('refuses a name that resolves only to private addresses, and picks a public one when there is', async () => {
    const resolving = (addresses: string[]) => policyFor(null, { resolve: async () => addresses });
    await expect(allowedAddress('intranet.example', resolving(['10.0.0.7']))).rejects.toThrow(
      /^refused: intranet\.example \(10\.0\.0\.7\) is a private address; fetching from private addresses is off for files/,
    );
    await expect(allowedAddress('mixed.example', resolving(['127.0.0.1', '93.184.216.34']))).resolves.toBe(
      '93.184.216.34',
    );
    await expect(allowedAddress('[::1]', resolving([]))).rejects.toThrow(
      /^refused: ::1 is a loopback address/,
    );
  });
});

describe('fetchScopeForProbe', () => {
  const target = (fields: Partial<ProbeTarget>) => ({
    target: {
      host: 'h',
      asciiHost: 'h',
      port: 443,
      sni: null,
      address: '203.0.113.9',
      resolvedAddresses: [],
      isIp: false,
      ...fields,
    },
  });

  it('is the address connected to, never a proxy’s', () => {
    expect(fetchScopeForProbe(target({ address: '10.0.0.5' }))).toEqual({ inspectedAddresses: ['10.0.0.5'] });
    const proxied = { proxy: 'http://127.0.0.1:3128', address: '127.0.0.1' };
    expect(fetchScopeForProbe(target({ ...proxied, asciiHost: 'example.com' }))).toEqual({
      inspectedAddresses: [],
    });
    expect(fetchScopeForProbe(target({ ...proxied, asciiHost: '10.0.0.5', isIp: true }))).toEqual({
      inspectedAddresses: ['10.0.0.5'],
    });
    expect(fetchScopeForProbe(target({ ...proxied, asciiHost: 'localhost' }))).toEqual({
      inspectedAddresses: ['127.0.0.1'],
    });
    expect(fetchScopeForProbe(target({}), true)).toEqual({
      inspectedAddresses: ['203.0.113.9'],
      allowPrivate: true,
    });
  });
});
