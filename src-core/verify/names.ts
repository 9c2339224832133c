/**
 * Names: host name matching (RFC 6125 as browsers apply it) and name constraints (RFC 5280
 * §4.2.1.10) for DNS names, IP addresses, email addresses and directory names.
 */
import { type NameConstraints, type VerifyCert } from './cert';
import type { GeneralNames } from './general-names';
import { equalBytes } from '../bytes/equal';

export type ExpectedName = { kind: 'dns' | 'ip' | 'email'; value: string };

/** RFC 6125 §6.4: case-insensitive; a wildcard only as the whole left-most label, never partial. */
export function dnsNameMatches(pattern: string, host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const candidate = pattern.toLowerCase().replace(/\.$/, '');
  if (!candidate || !name) return false;
  if (candidate === name) return !candidate.includes('*');
  if (!candidate.startsWith('*.')) return false;
  const suffix = candidate.slice(2);
  if (suffix.includes('*') || !suffix.includes('.')) return false; // no wildcards elsewhere, none over a TLD
  const firstDot = name.indexOf('.');
  if (firstDot <= 0) return false;
  return name.slice(firstDot + 1) === suffix;
}

export function parseIp(text: string): Uint8Array | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every((part) => part <= 255) ? Uint8Array.from(parts) : undefined;
  }
  if (!text.includes(':')) return undefined;
  const [head, tail] = text.split('::');
  if (text.split('::').length > 2) return undefined;
  const headParts = head ? head.split(':') : [];
  const tailParts = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? headParts
      : [...headParts, ...Array(8 - headParts.length - tailParts.length).fill('0'), ...tailParts];
  if (groups.length !== 8 || !groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    const value = parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
}

/** Does the leaf's SAN cover the expected name? (The CN does not count, as in browsers.) */
export function leafMatchesName(leaf: VerifyCert, expected: ExpectedName): boolean {
  const san = leaf.san;
  if (!san) return false;
  if (expected.kind === 'dns') return san.dns.some((pattern) => dnsNameMatches(pattern, expected.value));
  if (expected.kind === 'ip') {
    const ip = parseIp(expected.value);
    return Boolean(ip) && san.ip.some((candidate) => equalBytes(candidate, ip as Uint8Array));
  }
  return san.email.some((email) => emailEquals(email, expected.value));
}

function emailEquals(a: string, b: string): boolean {
  const [localA, domainA] = splitEmail(a);
  const [localB, domainB] = splitEmail(b);
  return localA === localB && domainA.toLowerCase() === domainB.toLowerCase();
}

function splitEmail(email: string): [string, string] {
  const at = email.lastIndexOf('@');
  return at < 0 ? ['', email] : [email.slice(0, at), email.slice(at + 1)];
}

/** RFC 5280: a DNS constraint matches the name itself and any subdomain; a leading dot means subdomains only. */
export function dnsWithinConstraint(name: string, constraint: string): boolean {
  const host = name.toLowerCase().replace(/\.$/, '');
  const base = constraint.toLowerCase().replace(/\.$/, '');
  if (base === '') return true;
  if (base.startsWith('.')) return host.endsWith(base);
  return host === base || host.endsWith('.' + base);
}

/** A wildcard SAN is permitted only if every name it can match is; `*` never equals a real label. */
function dnsPatternWithin(pattern: string, constraint: string): boolean {
  return dnsWithinConstraint(pattern, constraint);
}

/** For exclusions: a wildcard SAN violates if any name it can match is excluded. */
function dnsPatternIntersects(pattern: string, constraint: string): boolean {
  if (dnsWithinConstraint(pattern, constraint)) return true;
  if (!pattern.startsWith('*.')) return false;
  const suffix = pattern.slice(2).toLowerCase();
  const base = constraint.toLowerCase().replace(/^\./, '');
  const firstDot = base.indexOf('.');
  return firstDot > 0 && base.slice(firstDot + 1) === suffix;
}

export function ipWithinConstraint(ip: Uint8Array, constraint: Uint8Array): boolean {
  const half = constraint.length / 2;
  if (ip.length !== half) return false;
  for (let i = 0; i < half; i++) {
    if ((ip[i] & constraint[half + i]) !== (constraint[i] & constraint[half + i])) return false;
  }
  return true;
}

/** RFC 5280 email constraints: a full address, a host (`example.com`) or a domain (`.example.com`). */
export function emailWithinConstraint(email: string, constraint: string): boolean {
  const [, domain] = splitEmail(email);
  if (constraint.includes('@')) return emailEquals(email, constraint);
  if (constraint.startsWith('.')) return domain.toLowerCase().endsWith(constraint.toLowerCase());
  return domain.toLowerCase() === constraint.toLowerCase();
}

function dirNameWithin(name: string, constraint: string): boolean {
  return name === constraint || name.startsWith(constraint + '/');
}

export interface NamesToCheck {
  dns: string[];
  ip: Uint8Array[];
  email: string[];
  dirNames: string[];
  uri: string[];
  other: number[];
}

/** The names a certificate asserts, for constraint checking (subject DN, SANs, CN as DNS when no SAN). */
export function namesOf(certificate: VerifyCert, isLeaf: boolean): NamesToCheck {
  const san = certificate.san;
  const dns = [...(san?.dns ?? [])];
  // Like browsers: with no SAN, a host-name-shaped CN is treated as a DNS name for constraints.
  if (isLeaf && !san)
    dns.push(...certificate.commonNames.filter((cn) => /^[a-z0-9*-]+(\.[a-z0-9-]+)+$/i.test(cn)));
  return {
    dns,
    ip: [...(san?.ip ?? [])],
    email: [...(san?.email ?? []), ...certificate.emailAttributes],
    // RFC 5280 §4.2.1.10: directory-name constraints apply to the subject and to SAN directoryNames.
    dirNames: [...(certificate.subjectKey ? [certificate.subjectKey] : []), ...(san?.dirNames ?? [])],
    uri: [...(san?.uri ?? [])],
    other: [...(san?.other ?? [])],
  };
}

/** Returns a description of the first violated constraint, or undefined when the names are allowed. */
export function checkNameConstraints(names: NamesToCheck, constraints: NameConstraints): string | undefined {
  const { permitted, excluded } = constraints;
  const constraintCount = countNames(permitted) + countNames(excluded);
  const nameCount =
    names.dns.length + names.ip.length + names.email.length + names.dirNames.length + names.uri.length;
  // Quadratic work is bounded: past a million comparisons, refuse rather than hang (x509-limbo nc-dos).
  if (constraintCount * nameCount > 1_048_576)
    return `too many names (${nameCount}) against too many constraints (${constraintCount}) to check`;
  for (const type of names.other) {
    if (permitted?.other.includes(type) || excluded?.other.includes(type))
      return `a name of a form this verifier cannot check (tag ${type}) is constrained`;
  }
  if (permitted) {
    const violation = firstOutside(names, permitted);
    if (violation) return violation;
  }
  if (excluded) {
    for (const dns of names.dns)
      if (excluded.dns.some((constraint) => dnsPatternIntersects(dns, constraint)))
        return `DNS name ${dns} is excluded`;
    for (const ip of names.ip)
      if (excluded.ip.some((constraint) => ipWithinConstraint(ip, constraint)))
        return `IP address ${formatIp(ip)} is excluded`;
    for (const email of names.email)
      if (excluded.email.some((constraint) => emailWithinConstraint(email, constraint)))
        return `email ${email} is excluded`;
    for (const dirName of names.dirNames)
      if (excluded.dirNames.some((constraint) => dirNameWithin(dirName, constraint)))
        return 'the subject name is excluded';
    for (const uri of names.uri)
      if (excluded.uri.some((constraint) => uriWithin(uri, constraint))) return `URI ${uri} is excluded`;
  }
  return undefined;
}

function countNames(names: GeneralNames | undefined): number {
  return names
    ? names.dns.length +
        names.ip.length +
        names.email.length +
        names.dirNames.length +
        names.uri.length +
        names.other.length
    : 0;
}

function firstOutside(names: NamesToCheck, permitted: GeneralNames): string | undefined {
  if (permitted.dns.length) {
    for (const dns of names.dns)
      if (!permitted.dns.some((constraint) => dnsPatternWithin(dns, constraint)))
        return `DNS name ${dns} is not permitted`;
  }
  if (permitted.ip.length) {
    for (const ip of names.ip)
      if (!permitted.ip.some((constraint) => ipWithinConstraint(ip, constraint)))
        return `IP address ${formatIp(ip)} is not permitted`;
  }
  if (permitted.email.length) {
    for (const email of names.email)
      if (!permitted.email.some((constraint) => emailWithinConstraint(email, constraint)))
        return `email ${email} is not permitted`;
  }
  if (permitted.dirNames.length) {
    for (const dirName of names.dirNames) {
      if (dirName && !permitted.dirNames.some((constraint) => dirNameWithin(dirName, constraint)))
        return 'the subject name is not permitted';
    }
  }
  if (permitted.uri.length) {
    for (const uri of names.uri)
      if (!permitted.uri.some((constraint) => uriWithin(uri, constraint)))
        return `URI ${uri} is not permitted`;
  }
  return undefined;
}

function uriWithin(uri: string, constraint: string): boolean {
  let host: string;
  try {
    host = new URL(uri).hostname;
  } catch {
    return false;
  }
  if (!host) return false;
  return constraint.startsWith('.')
    ? host.toLowerCase().endsWith(constraint.toLowerCase())
    : host.toLowerCase() === constraint.toLowerCase();
}

export function formatIp(ip: Uint8Array): string {
  if (ip.length === 4) return Array.from(ip).join('.');
  const groups: string[] = [];
  for (let i = 0; i < ip.length; i += 2) groups.push(((ip[i] << 8) | ip[i + 1]).toString(16));
  return groups.join(':');
}
