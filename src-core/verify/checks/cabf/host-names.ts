/**
 * The facts about DNS names and IP addresses the subscriber rules need (BR §1.6.1, §3.2.2.6,
 * §7.1.2.7.12): label syntax, the TLD and public-suffix look-ups over the dated Public Suffix
 * List snapshot, and the IANA special-purpose blocks.
 */
import { parseIp, ipWithinConstraint } from '../../names';
import { publicSuffixSnapshot } from './data/public-suffixes';
import { reservedIpSnapshot } from './data/reserved-ips';
import { isPunycode } from './punycode';

/** Why a dNSName is not a Fully-Qualified or Wildcard Domain Name of P-/Non-Reserved LDH labels, if it isn't. */
export function dnsNameProblem(name: string): string | undefined {
  if (name === '') return 'empty name';
  if (name.endsWith('.')) return 'trailing dot (the root label must not be included)';
  if (name.length > 253) return 'longer than 253 characters';
  const labels = name.split('.');
  const wildcard = labels[0] === '*';
  if (name.includes('*') && (!wildcard || labels.slice(1).some((label) => label.includes('*'))))
    return 'a wildcard other than “*.” followed by a domain name';
  if (wildcard && labels.length < 2) return 'a bare wildcard';
  for (const label of wildcard ? labels.slice(1) : labels) {
    if (label === '') return 'an empty label';
    if (label.length > 63) return `label longer than 63 octets: ${label.slice(0, 20)}…`;
    if (label.includes('_')) return `underscore in “${label}”`;
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(label)) return `“${label}” is not an LDH label`;
    if (label.slice(2, 4) === '--') {
      if (!/^xn--/i.test(label)) return `“${label}” is a reserved LDH label (“--” in 3rd and 4th positions)`;
      if (!isPunycode(label.slice(4))) return `“${label}” is not valid Punycode`;
    }
  }
  return undefined;
}

let rules: Set<string> | undefined;
let tlds: Set<string> | undefined;
function suffixRules(): Set<string> {
  return (rules ??= new Set(publicSuffixSnapshot.rules.split(' ')));
}

/** The IANA root zone TLDs: the top labels of the PSL's ICANN section (it lists every one). */
function topLevelDomains(): Set<string> {
  if (tlds) return tlds;
  tlds = new Set<string>();
  for (const rule of suffixRules()) tlds.add(rule.slice(rule.lastIndexOf('.') + 1));
  return tlds;
}

export const suffixSnapshot = `${publicSuffixSnapshot.source}, ${publicSuffixSnapshot.date}`;

/** Whether the name ends in a TLD of the root zone (case-insensitively). */
export function hasPublicTld(name: string): boolean {
  const tld = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return topLevelDomains().has(tld);
}

/** Whether the domain is itself a public suffix under the ICANN rules (`*.` and `!` rules included). */
export function isPublicSuffix(domain: string): boolean {
  const name = domain.toLowerCase();
  const known = suffixRules();
  if (known.has(`!${name}`)) return false;
  if (known.has(name)) return true;
  const dot = name.indexOf('.');
  if (dot < 0) return topLevelDomains().has(name);
  return known.has(`*.${name.slice(dot + 1)}`);
}

export function inReverseZone(name: string): boolean {
  return /(^|\.)(in-addr|ip6)\.arpa$/i.test(name);
}

let reserved: Uint8Array[] | undefined;
/** The address (4 or 16 octets) lies in an IANA special-purpose block. */
export function isReservedIp(ip: Uint8Array): boolean {
  reserved ??= [...reservedIpSnapshot.v4, ...reservedIpSnapshot.v6].map(cidrConstraint);
  return reserved.some((block) => block.length === ip.length * 2 && ipWithinConstraint(ip, block));
}

function cidrConstraint(cidr: string): Uint8Array {
  const [address, prefixText] = cidr.split('/');
  const ip = parseIp(address)!;
  const mask = new Uint8Array(ip.length);
  for (let bit = 0; bit < Number(prefixText); bit++) mask[bit >> 3] |= 0x80 >> (bit & 7);
  return Uint8Array.of(...ip, ...mask);
}
