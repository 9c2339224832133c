/**
 * What the user typed → host, port, SNI default and STARTTLS protocol. Accepts `host`,
 * `host:port`, URLs (the scheme picks the port and STARTTLS), `[v6]:port`, bare IPv6 and IPv4, and
 * internationalised names (kept in Unicode for display, punycode on the wire).
 */
import type { StarttlsProtocol } from './types';

export interface ParsedTarget {
  host: string;
  asciiHost: string;
  port: number;
  isIp: boolean;
  starttls?: StarttlsProtocol;
}

export class TargetError extends Error {
  override name = 'TargetError';
  readonly code = 'bad-target';
}

const schemes: Record<string, { port: number; starttls?: StarttlsProtocol }> = {
  https: { port: 443 },
  wss: { port: 443 },
  http: { port: 443 },
  smtp: { port: 25, starttls: 'smtp' },
  submission: { port: 587, starttls: 'smtp' },
  smtps: { port: 465 },
  imap: { port: 143, starttls: 'imap' },
  imaps: { port: 993 },
  pop3: { port: 110, starttls: 'pop3' },
  pop3s: { port: 995 },
  ftp: { port: 21, starttls: 'ftp' },
  ftps: { port: 990 },
  ldap: { port: 389, starttls: 'ldap' },
  ldaps: { port: 636 },
  xmpp: { port: 5222, starttls: 'xmpp' },
  postgres: { port: 5432, starttls: 'postgres' },
  postgresql: { port: 5432, starttls: 'postgres' },
};

export function parseTarget(input: string): ParsedTarget {
  const text = input.trim();
  if (!text) throw new TargetError('enter a host name, host:port or URL');
  if (text.length > 2048) throw new TargetError('the target is too long');
  let scheme: string | undefined;
  let rest = text;
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    if (!schemes[scheme])
      throw new TargetError(
        `unknown scheme "${scheme}://"; use https, smtp, imap, pop3, ftp, ldap, xmpp or postgres`,
      );
    rest = text.slice(schemeMatch[0].length);
  }
  rest = rest.replace(/[/?#].*$/, '').replace(/^[^@]*@/, '');
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d*))?$/.exec(rest);
  if (bracketed) {
    host = bracketed[1];
    portText = bracketed[2];
  } else if ((rest.match(/:/g) ?? []).length > 1) {
    host = rest; // bare IPv6, no port
  } else {
    const [name, port] = rest.split(':');
    host = name;
    portText = port;
  }
  if (!host) throw new TargetError(`no host name in "${input}"`);
  const defaults = scheme ? schemes[scheme] : { port: 443 };
  let port = defaults.port;
  if (portText !== undefined && portText !== '') {
    if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      throw new TargetError(`"${portText}" is not a port number (1–65535)`);
    }
    port = Number(portText);
  }
  if (isIpv6(host))
    return { host, asciiHost: host.toLowerCase(), port, isIp: true, starttls: defaults.starttls };
  if (isIpv4(host)) return { host, asciiHost: host, port, isIp: true, starttls: defaults.starttls };
  const asciiHost = toAscii(host);
  return { host: toUnicode(asciiHost), asciiHost, port, isIp: false, starttls: defaults.starttls };
}

export function isIpv4(host: string): boolean {
  return /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}

export function isIpv6(host: string): boolean {
  if (!host.includes(':') || !/^[0-9a-f:.]+$/i.test(host)) return false;
  try {
    new URL(`http://[${host}]/`);
    return true;
  } catch {
    return false;
  }
}

/** IDNA to ASCII through the platform's URL parser (the same in Node and in the page). */
export function toAscii(host: string): string {
  try {
    const ascii = new URL(`http://${host}/`).hostname;
    if (!ascii || ascii.includes('%')) throw new Error('invalid');
    return ascii;
  } catch {
    throw new TargetError(`"${host}" is not a valid host name`);
  }
}

/** Punycode labels back to Unicode for display (RFC 3492 decoding). */
export function toUnicode(asciiHost: string): string {
  return asciiHost
    .split('.')
    .map((label) =>
      label.toLowerCase().startsWith('xn--') ? (decodePunycode(label.slice(4)) ?? label) : label,
    )
    .join('.');
}

function decodePunycode(input: string): string | undefined {
  const base = 36;
  const tMin = 1;
  const tMax = 26;
  const skew = 38;
  const damp = 700;
  let n = 128;
  let i = 0;
  let bias = 72;
  const delimiter = input.lastIndexOf('-');
  const output = delimiter > 0 ? Array.from(input.slice(0, delimiter), (c) => c.codePointAt(0) ?? 0) : [];
  let index = delimiter > 0 ? delimiter + 1 : 0;
  const digit = (code: number) =>
    code - 48 < 10 ? code - 22 : code - 65 < 26 ? code - 65 : code - 97 < 26 ? code - 97 : base;
  const adapt = (delta: number, points: number, first: boolean) => {
    let k = 0;
    delta = first ? Math.floor(delta / damp) : delta >> 1;
    delta += Math.floor(delta / points);
    for (; delta > ((base - tMin) * tMax) >> 1; k += base) delta = Math.floor(delta / (base - tMin));
    return Math.floor(k + ((base - tMin + 1) * delta) / (delta + skew));
  };
  while (index < input.length) {
    const oldI = i;
    for (let w = 1, k = base; ; k += base) {
      if (index >= input.length) return undefined;
      const d = digit(input.charCodeAt(index++));
      if (d >= base) return undefined;
      i += d * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (d < t) break;
      w *= base - t;
      if (w > 0x7fffffff) return undefined;
    }
    bias = adapt(i - oldI, output.length + 1, oldI === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) return undefined;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}
