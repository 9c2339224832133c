/**
 * Names: host name matching (RFC 6125 as browsers apply it) and name constraints (RFC 5280
 * §4.2.1.10) for DNS names, IP addresses, email addresses and directory names.
 */
import type { WorkMeter } from './budget';
import { type NameConstraints, type VerifyCert } from './cert';
import type { GeneralNames } from './general-names';
import { equalBytes } from '../bytes/equal';

export type ExpectedName = { kind: 'dns' | 'ip' | 'email'; value: string };

/** How a client reads wildcards: `label` (RFC 6125, browsers), `partial` (OpenSSL), `anywhere` (Java). */
export type WildcardRule = 'label' | 'partial' | 'anywhere';

/** RFC 6125 §6.4: case-insensitive; a wildcard only as the whole left-most label, never partial. */
export function dnsNameMatches(pattern: string, host: string, wildcards: WildcardRule = 'label'): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const candidate = pattern.toLowerCase().replace(/\.$/, '');
  if (!candidate || !name) return false;
  if (candidate === name) return !candidate.includes('*');
  if (wildcards === 'partial') return partialWildcardMatches(candidate, name);
  if (wildcards === 'anywhere') return anyLabelWildcardMatches(candidate, name);
  if (!candidate.startsWith('*.')) return false;
  const suffix = candidate.slice(2);
  if (suffix.includes('*') || !suffix.includes('.')) return false; // no wildcards elsewhere, none over a TLD
  const firstDot = name.indexOf('.');
  if (firstDot <= 0) return false;
  return name.slice(firstDot + 1) === suffix;
}

/** OpenSSL's X509_check_host: one `*` in the first label, at its start or end; two labels after it; no IDN labels. */
function partialWildcardMatches(pattern: string, name: string): boolean {
  const [first, ...rest] = pattern.split('.');
  const [nameFirst, ...nameRest] = name.split('.');
  if (rest.length < 2 || rest.join('.') !== nameRest.join('.') || rest.some((label) => label.includes('*')))
    return false;
  const star = first.indexOf('*');
  if (
    star < 0 ||
    first.indexOf('*', star + 1) >= 0 ||
    first.startsWith('xn--') ||
    nameFirst.startsWith('xn--')
  )
    return false;
  if (star !== 0 && star !== first.length - 1) return false;
  const prefix = first.slice(0, star);
  const suffix = first.slice(star + 1);
  return (
    nameFirst.length >= prefix.length + suffix.length &&
    nameFirst.startsWith(prefix) &&
    nameFirst.endsWith(suffix) &&
    (first !== '*' || nameFirst.length > 0)
  );
}

/** Java's HTTPS identification: `*` in any label, several allowed, the label counts equal. */
function anyLabelWildcardMatches(pattern: string, name: string): boolean {
  const patternLabels = pattern.split('.');
  const nameLabels = name.split('.');
  if (patternLabels.length !== nameLabels.length || patternLabels.length < 3) return false;
  return patternLabels.every((label, index) => {
    const expression = new RegExp(`^${label.split('*').map(escapeRegExp).join('[^.]*')}$`);
    return expression.test(nameLabels[index]);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

export interface NameRules {
  wildcards: WildcardRule;
  /** The CN counts for a DNS name when the leaf has no DNS SAN (OpenSSL's X509_check_host, Java). */
  commonNameFallback: boolean;
}

const browserNameRules: NameRules = { wildcards: 'label', commonNameFallback: false };

/** Does the leaf's SAN cover the expected name? (The CN does not count, as in browsers, unless the rules say.) */
export function leafMatchesName(
  leaf: VerifyCert,
  expected: ExpectedName,
  rules: NameRules = browserNameRules,
): boolean {
  const san = leaf.san;
  if (expected.kind === 'dns' && rules.commonNameFallback && !san?.dns.length)
    return leaf.commonNames.some((cn) => dnsNameMatches(cn, expected.value, rules.wildcards));
  if (!san) return false;
  if (expected.kind === 'dns')
    return san.dns.some((pattern) => dnsNameMatches(pattern, expected.value, rules.wildcards));
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

export function ipWithinConstraint(ip: Uint8Array, constraint: Uint8Array): boolean {
  const half = constraint.length / 2;
  if (ip.length !== half) return false;
  for (let i = 0; i < half; i++) {
    if ((ip[i] & constraint[half + i]) !== (constraint[i] & constraint[half + i])) return false;
  }
  return true;
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

/** A certificate's names read once for constraint checking: lower-cased, split, URIs' hosts parsed. */
export interface PreparedNames {
  names: NamesToCheck;
  dns: { name: string; host: string; wildcardSuffix?: string }[];
  email: { address: string; local: string; domain: string }[];
  uri: { uri: string; host?: string }[];
}

/** A constraint list read once: the same lower-casing and splitting, done per constraint, not per comparison. */
interface PreparedConstraints {
  dns: { base: string; dotted: string; afterFirstLabel?: string }[];
  email: ({ mailbox: { local: string; domain: string } } | { domainSuffix: string } | { domain: string })[];
  uri: string[];
}

const preparedByCert = new WeakMap<VerifyCert, { leaf?: PreparedNames; other?: PreparedNames }>();
const preparedByNames = new WeakMap<NamesToCheck, PreparedNames>();
const preparedConstraints = new WeakMap<GeneralNames, PreparedConstraints>();

/** `namesOf` prepared, once per certificate (and whether it is the leaf). */
export function preparedNamesOf(certificate: VerifyCert, isLeaf: boolean): PreparedNames {
  let entry = preparedByCert.get(certificate);
  if (!entry) preparedByCert.set(certificate, (entry = {}));
  const slot = isLeaf ? 'leaf' : 'other';
  return (entry[slot] ??= prepareNames(namesOf(certificate, isLeaf)));
}

function prepareNames(names: NamesToCheck): PreparedNames {
  let prepared = preparedByNames.get(names);
  if (prepared) return prepared;
  prepared = {
    names,
    dns: names.dns.map((name) => ({
      name,
      host: name.toLowerCase().replace(/\.$/, ''),
      ...(name.startsWith('*.') ? { wildcardSuffix: name.slice(2).toLowerCase() } : {}),
    })),
    email: names.email.map((address) => {
      const [local, domain] = splitEmail(address);
      return { address, local, domain: domain.toLowerCase() };
    }),
    uri: names.uri.map((uri) => ({ uri, ...hostOfUri(uri) })),
  };
  preparedByNames.set(names, prepared);
  return prepared;
}

function hostOfUri(uri: string): { host?: string } {
  try {
    const host = new URL(uri).hostname;
    return host ? { host: host.toLowerCase() } : {};
  } catch {
    return {};
  }
}

function prepareConstraints(list: GeneralNames): PreparedConstraints {
  let prepared = preparedConstraints.get(list);
  if (prepared) return prepared;
  prepared = {
    dns: list.dns.map((constraint) => {
      const base = constraint.toLowerCase().replace(/\.$/, '');
      const undotted = constraint.toLowerCase().replace(/^\./, '');
      const firstDot = undotted.indexOf('.');
      return {
        base,
        dotted: '.' + base,
        ...(firstDot > 0 ? { afterFirstLabel: undotted.slice(firstDot + 1) } : {}),
      };
    }),
    email: list.email.map((constraint) => {
      if (constraint.includes('@')) {
        const [local, domain] = splitEmail(constraint);
        return { mailbox: { local, domain: domain.toLowerCase() } };
      }
      return constraint.startsWith('.')
        ? { domainSuffix: constraint.toLowerCase() }
        : { domain: constraint.toLowerCase() };
    }),
    uri: list.uri.map((constraint) => constraint.toLowerCase()),
  };
  preparedConstraints.set(list, prepared);
  return prepared;
}

type DnsName = PreparedNames['dns'][number];
type DnsConstraint = PreparedConstraints['dns'][number];

/** RFC 5280: a DNS constraint matches the name itself and any subdomain; a leading dot means subdomains only. */
function dnsWithin({ host }: DnsName, { base, dotted }: DnsConstraint): boolean {
  if (base === '') return true;
  if (base.startsWith('.')) return host.endsWith(base);
  return host === base || host.endsWith(dotted);
}

/** For exclusions: a wildcard SAN violates if any name it can match is excluded. */
function dnsIntersects(name: DnsName, constraint: DnsConstraint): boolean {
  if (dnsWithin(name, constraint)) return true;
  return name.wildcardSuffix !== undefined && constraint.afterFirstLabel === name.wildcardSuffix;
}

function emailWithin(
  { local, domain }: PreparedNames['email'][number],
  constraint: PreparedConstraints['email'][number],
): boolean {
  if ('mailbox' in constraint)
    return local === constraint.mailbox.local && domain === constraint.mailbox.domain;
  if ('domainSuffix' in constraint) return domain.endsWith(constraint.domainSuffix);
  return domain === constraint.domain;
}

function uriWithin({ host }: PreparedNames['uri'][number], constraint: string): boolean {
  if (!host) return false;
  return constraint.startsWith('.') ? host.endsWith(constraint) : host === constraint;
}

/**
 * Returns a description of the first violated constraint, or undefined when the names are
 * allowed. Every comparison is spent from `meter` (the verdict's work budget) before it is made.
 */
export function checkNameConstraints(
  names: NamesToCheck | PreparedNames,
  constraints: NameConstraints,
  meter?: WorkMeter,
  /** A wildcard SAN is compared as the literal string (OpenSSL, Go 1.19), not as every name it matches. */
  literalWildcards = false,
): string | undefined {
  const prepared = 'names' in names ? names : prepareNames(names);
  const raw = prepared.names;
  const { permitted, excluded } = constraints;
  const constraintCount = countNames(permitted) + countNames(excluded);
  const nameCount = raw.dns.length + raw.ip.length + raw.email.length + raw.dirNames.length + raw.uri.length;
  // Quadratic work is bounded per pair too: past a million comparisons, refuse without trying (x509-limbo nc-dos).
  if (constraintCount * nameCount > 1_048_576)
    return `too many names (${nameCount}) against too many constraints (${constraintCount}) to check`;
  for (const type of raw.other) {
    if (permitted?.other.includes(type) || excluded?.other.includes(type))
      return `a name of a form this verifier cannot check (tag ${type}) is constrained`;
  }
  const spend = (units: number) => {
    if (units) meter?.spend('nameComparisons', units);
  };
  if (permitted) {
    const violation = firstOutside(prepared, permitted, prepareConstraints(permitted), spend);
    if (violation) return violation;
  }
  if (excluded) {
    const list = prepareConstraints(excluded);
    for (const dns of prepared.dns) {
      spend(list.dns.length);
      const excludes = literalWildcards ? dnsWithin : dnsIntersects;
      if (list.dns.some((constraint) => excludes(dns, constraint))) return `DNS name ${dns.name} is excluded`;
    }
    for (const ip of raw.ip) {
      spend(excluded.ip.length);
      if (excluded.ip.some((constraint) => ipWithinConstraint(ip, constraint)))
        return `IP address ${formatIp(ip)} is excluded`;
    }
    for (const email of prepared.email) {
      spend(list.email.length);
      if (list.email.some((constraint) => emailWithin(email, constraint)))
        return `email ${email.address} is excluded`;
    }
    for (const dirName of raw.dirNames) {
      spend(excluded.dirNames.length);
      if (excluded.dirNames.some((constraint) => dirNameWithin(dirName, constraint)))
        return 'the subject name is excluded';
    }
    for (const uri of prepared.uri) {
      spend(list.uri.length);
      if (list.uri.some((constraint) => uriWithin(uri, constraint))) return `URI ${uri.uri} is excluded`;
    }
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

function firstOutside(
  prepared: PreparedNames,
  permitted: GeneralNames,
  list: PreparedConstraints,
  spend: (units: number) => void,
): string | undefined {
  const raw = prepared.names;
  if (list.dns.length) {
    for (const dns of prepared.dns) {
      spend(list.dns.length);
      // A wildcard SAN is permitted only if every name it can match is; `*` never equals a real label.
      if (!list.dns.some((constraint) => dnsWithin(dns, constraint)))
        return `DNS name ${dns.name} is not permitted`;
    }
  }
  if (permitted.ip.length) {
    for (const ip of raw.ip) {
      spend(permitted.ip.length);
      if (!permitted.ip.some((constraint) => ipWithinConstraint(ip, constraint)))
        return `IP address ${formatIp(ip)} is not permitted`;
    }
  }
  if (list.email.length) {
    for (const email of prepared.email) {
      spend(list.email.length);
      if (!list.email.some((constraint) => emailWithin(email, constraint)))
        return `email ${email.address} is not permitted`;
    }
  }
  if (permitted.dirNames.length) {
    for (const dirName of raw.dirNames) {
      spend(permitted.dirNames.length);
      if (dirName && !permitted.dirNames.some((constraint) => dirNameWithin(dirName, constraint)))
        return 'the subject name is not permitted';
    }
  }
  if (list.uri.length) {
    for (const uri of prepared.uri) {
      spend(list.uri.length);
      if (!list.uri.some((constraint) => uriWithin(uri, constraint)))
        return `URI ${uri.uri} is not permitted`;
    }
  }
  return undefined;
}

export function formatIp(ip: Uint8Array): string {
  if (ip.length === 4) return Array.from(ip).join('.');
  const groups: string[] = [];
  for (let i = 0; i < ip.length; i += 2) groups.push(((ip[i] << 8) | ip[i + 1]).toString(16));
  return groups.join(':');
}
