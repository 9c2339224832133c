/**
 * The name facts the subscriber rules stand on: P-Labels (Punycode), LDH syntax, the TLD and
 * public-suffix look-ups over the PSL snapshot, reverse zones and the IANA special-purpose blocks.
 */
import { describe, expect, it } from 'vitest';
import { domainToASCII } from 'node:url';
import { parseIp } from '../../../../../src-core/verify/names';
import {
  dnsNameProblem,
  hasPublicTld,
  inReverseZone,
  isPublicSuffix,
  isReservedIp,
} from '../../../../../src-core/verify/checks/cabf/host-names';
import { isPunycode } from '../../../../../src-core/verify/checks/cabf/punycode';

describe('CA/B Forum host names', () => {
  it('accepts real P-Labels and refuses what is not Punycode', () => {
    for (const name of ['bücher.example', 'münchen.de', '例え.テスト', 'пример.рф'])
      for (const label of domainToASCII(name)
        .split('.')
        .filter((label) => label.startsWith('xn--')))
        expect(isPunycode(label.slice(4)), label).toBe(true);
    for (const bad of ['99', 'a', '-', 'abc-', 'abc-9']) expect(isPunycode(bad), bad).toBe(false);
  });

  it('judges DNS name syntax as BR §7.1.2.7.12 words it', () => {
    for (const good of [
      'example.com',
      '*.example.com',
      'a-b.example.com',
      'xn--bcher-kva.example',
      'EXAMPLE.COM',
    ])
      expect(dnsNameProblem(good), good).toBeUndefined();
    const problems: Record<string, RegExp> = {
      'example.com.': /trailing dot/,
      'a..example.com': /empty label/,
      '_acme.example.com': /underscore/,
      '*.*.example.com': /wildcard/,
      'w*.example.com': /wildcard/,
      '*': /wildcard/,
      '-a.example.com': /LDH/,
      'ab--cd.example.com': /reserved LDH/,
      'xn--99.example.com': /Punycode/,
      [`${'a'.repeat(64)}.com`]: /63/,
    };
    for (const [name, problem] of Object.entries(problems))
      expect(dnsNameProblem(name), name).toMatch(problem);
  });

  it('knows the root zone TLDs and the ICANN public suffixes, wildcard and exception rules included', () => {
    expect(['example.com', 'a.b.co.uk', 'x.xn--p1ai', 'host.dev'].every(hasPublicTld)).toBe(true);
    expect(['server', 'printer.local', 'db.internal', 'x.corp', 'a.test'].some(hasPublicTld)).toBe(false);
    for (const suffix of ['com', 'co.uk', 'x.kawasaki.jp', 'anything.ck'])
      expect(isPublicSuffix(suffix), suffix).toBe(true);
    for (const domain of ['example.com', 'example.co.uk', 'city.kawasaki.jp', 'www.ck'])
      expect(isPublicSuffix(domain), domain).toBe(false);
  });

  it('recognises the IP reverse zones', () => {
    expect(inReverseZone('4.3.2.1.in-addr.arpa')).toBe(true);
    expect(inReverseZone('b.a.9.8.ip6.arpa')).toBe(true);
    expect(inReverseZone('in-addr.arpa.example.com')).toBe(false);
  });

  it('finds reserved addresses in the IANA special-purpose blocks, not public ones', () => {
    const reserved = [
      '10.1.2.3',
      '127.0.0.1',
      '169.254.1.1',
      '100.64.0.1',
      '192.0.2.7',
      '203.0.113.9',
      '255.255.255.255',
      '::1',
      'fe80::1',
      'fd00::1',
      '2001:db8::5',
      '2002::1',
    ];
    const open = ['8.8.8.8', '1.1.1.1', '2606:4700::1111', '2a00:1450::1'];
    for (const ip of reserved) expect(isReservedIp(parseIp(ip)!), ip).toBe(true);
    for (const ip of open) expect(isReservedIp(parseIp(ip)!), ip).toBe(false);
  });
});
