/**
 * Where AIA, OCSP and CRL fetches may go. The URLs come from certificates — from whoever runs the
 * inspected server or wrote the dropped file — so without a rule they could make Certscope send
 * GETs with their path and query to 127.0.0.1:PORT or any host on the user's network (GET-style
 * CSRF against local services). The rule: only public addresses, unless the inspected host is
 * itself non-public (a private lab inspecting its own servers keeps working), or the user allowed
 * private addresses (dropped files: a setting, off by default; the CLI: --allow-private-fetches).
 *
 * The check is on the addresses a name resolves to, and the fetch then connects to the very
 * address that was checked (with the name in the Host header), so DNS can't answer one address for
 * the check and another for the connection (rebinding).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { FetchScope } from '../../../src-core/api/contract';
import { parseIp } from '../../../src-core/verify/names';

export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared'
  | 'unique-local'
  | 'unspecified'
  | 'multicast'
  | 'documentation'
  | 'reserved';

const kindNames: Record<Exclude<AddressKind, 'public'>, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  'link-local': 'a link-local address',
  shared: 'a carrier-grade NAT address (RFC 6598)',
  'unique-local': 'an IPv6 unique local address',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  documentation: 'a documentation address',
  reserved: 'a reserved address',
};

/** [prefix, prefix length, kind]; the first match wins. */
const ipv4Ranges: [string, number, AddressKind][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

/** IPv6 ranges; those that embed an IPv4 address are handled before these. */
const ipv6Ranges: [string, number, AddressKind][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['64:ff9b:1::', 48, 'private'],
  ['100::', 64, 'reserved'],
  ['2001:db8::', 32, 'documentation'],
  ['2001::', 23, 'reserved'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'],
  ['ff00::', 8, 'multicast'],
];

function within(address: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const mask = 0x80 >> (bit & 7);
    if ((address[bit >> 3] & mask) !== (prefix[bit >> 3] & mask)) return false;
  }
  return true;
}

const parsedRanges = (ranges: [string, number, AddressKind][]) =>
  ranges.map(([prefix, bits, kind]) => ({ prefix: parseIp(prefix) as Uint8Array, bits, kind }));
const v4 = parsedRanges(ipv4Ranges);
const v6 = parsedRanges(ipv6Ranges);

/** An IPv6 address in the hex-group form `parseIp` reads (`::ffff:1.2.3.4` → `::ffff:102:304`). */
function normalise(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!bare.includes(':')) return bare;
  try {
    return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  } catch {
    return bare;
  }
}

/** What kind of address this is (IPv4, IPv6, IPv4 inside IPv6); undefined when it isn't an IP address. */
export function addressKind(address: string): AddressKind | undefined {
  const bytes = parseIp(normalise(address));
  if (!bytes) return undefined;
  if (bytes.length === 4)
    return v4.find((range) => within(bytes, range.prefix, range.bits))?.kind ?? 'public';
  const embedded = embeddedIpv4(bytes);
  if (embedded) return addressKind(embedded);
  return v6.find((range) => within(bytes, range.prefix, range.bits))?.kind ?? 'public';
}

/** The IPv4 address inside IPv4-mapped, -compatible, NAT64 (64:ff9b::/96) and 6to4 addresses. */
function embeddedIpv4(bytes: Uint8Array): string | undefined {
  const zeros = (from: number, to: number) => bytes.subarray(from, to).every((byte) => byte === 0);
  const dotted = (at: number) => Array.from(bytes.subarray(at, at + 4)).join('.');
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return dotted(12);
  // ::a.b.c.d (deprecated "compatible" form), but not :: and ::1 themselves.
  if (zeros(0, 12) && !zeros(12, 15)) return dotted(12);
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12))
    return dotted(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return dotted(2);
  return undefined;
}

export function describeKind(kind: Exclude<AddressKind, 'public'>): string {
  return kindNames[kind];
}

export interface AddressPolicy {
  /** Non-public addresses may be fetched from too. */
  allowPrivate: boolean;
  /** Why, for messages: the inspection's host is private, or the user allowed it. */
  reason: 'inspected-private' | 'allowed' | 'public-only-inspection' | 'public-only-files';
  /** Classifies an address (tests swap it to treat a loopback host as public). */
  kindOf: (address: string) => AddressKind | undefined;
  /** Resolves a host name to its addresses. */
  resolve: (host: string) => Promise<string[]>;
}

export async function systemResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
}

/** The policy for one verification's fetches. No scope: public addresses only. */
export function policyFor(
  scope: FetchScope | null | undefined,
  options: Partial<Pick<AddressPolicy, 'kindOf' | 'resolve'>> = {},
): AddressPolicy {
  const kindOf = options.kindOf ?? addressKind;
  const resolve = options.resolve ?? systemResolve;
  if (scope?.allowPrivate) return { allowPrivate: true, reason: 'allowed', kindOf, resolve };
  const inspected = scope?.inspectedAddresses;
  if (inspected?.some((address) => (kindOf(address) ?? 'public') !== 'public'))
    return { allowPrivate: true, reason: 'inspected-private', kindOf, resolve };
  return {
    allowPrivate: false,
    reason: inspected ? 'public-only-inspection' : 'public-only-files',
    kindOf,
    resolve,
  };
}

export class AddressRefused extends Error {
  override name = 'AddressRefused';
}

/**
 * The address to connect to for `host` (a name or an IP literal from a URL), checked against the
 * policy: a name's addresses are resolved here, and only an allowed one is returned. Throws
 * `AddressRefused` (with the reason) when none is allowed.
 */
export async function allowedAddress(host: string, policy: AddressPolicy): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [bare] : await policy.resolve(bare);
  if (addresses.length === 0) throw new Error(`${host} does not resolve`);
  if (policy.allowPrivate) return addresses[0];
  const allowed = addresses.find((address) => (policy.kindOf(address) ?? 'reserved') === 'public');
  if (allowed) return allowed;
  throw refusal(host, addresses[0], policy);
}

/**
 * Through the user's proxy the proxy connects, so there is no address to pin: an IP literal is
 * checked as it is, and a name by what it resolves to here — every address must be allowed. A
 * name that doesn't resolve here (only the proxy can resolve it) goes to the proxy.
 */
export async function checkProxiedHost(host: string, policy: AddressPolicy): Promise<void> {
  if (policy.allowPrivate) return;
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(bare) ? [bare] : await policy.resolve(bare);
  } catch {
    return;
  }
  const refused = addresses.find((address) => (policy.kindOf(address) ?? 'reserved') !== 'public');
  if (refused) throw refusal(host, refused, policy);
}

function refusal(host: string, address: string, policy: AddressPolicy): AddressRefused {
  const kind = policy.kindOf(address) ?? 'reserved';
  const what = kind === 'public' ? 'not a public address' : describeKind(kind);
  const where = host.replace(/^\[|\]$/g, '') === address ? address : `${host} (${address})`;
  const why =
    policy.reason === 'public-only-files'
      ? 'fetching from private addresses is off for files (Settings, or --allow-private-fetches)'
      : 'the inspected host is public, so its certificates may not send Certscope into your network';
  return new AddressRefused(`refused: ${where} is ${what}; ${why}`);
}
