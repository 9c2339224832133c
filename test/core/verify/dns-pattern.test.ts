/**
 * The SAN DNS-name syntax check reads labels character by character; the pattern it replaced
 * (one regular expression per label) is kept here as its reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidDnsPattern } from '../../../src-core/verify/cert';

function byPattern(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  return labels.every(
    (label, index) =>
      (index === 0 && label === '*' && labels.length > 2) ||
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label),
  );
}

describe('isValidDnsPattern', () => {
  it('agrees with the per-label pattern on names built from the characters that matter', () => {
    const character = fc.constantFrom(
      'a',
      'Z',
      '0',
      '9',
      '-',
      '.',
      '*',
      '_',
      ' ',
      'é',
      'K',
      '\u212a',
      '\u0010',
    );
    const label = fc.oneof(
      fc.array(character, { maxLength: 6 }).map((list) => list.join('')),
      fc.integer({ min: 60, max: 66 }).map((length) => 'a'.repeat(length)),
    );
    const name = fc.oneof(
      fc.array(character, { maxLength: 20 }).map((list) => list.join('')),
      fc.array(label, { minLength: 1, maxLength: 6 }).map((list) => list.join('.')),
      fc.integer({ min: 250, max: 256 }).map((length) => `${'a.'.repeat(length)}`.slice(0, length)),
    );
    fc.assert(
      fc.property(name, (text) => {
        expect(isValidDnsPattern(text)).toBe(byPattern(text));
      }),
      { numRuns: 20000 },
    );
  });

  it('takes names and wildcards as certificates carry them', () => {
    expect(isValidDnsPattern('www.example.com')).toBe(true);
    expect(isValidDnsPattern('*.example.com')).toBe(true);
    expect(isValidDnsPattern('*.com')).toBe(false);
    expect(isValidDnsPattern('a.*.example.com')).toBe(false);
    expect(isValidDnsPattern('-a.example.com')).toBe(false);
    expect(isValidDnsPattern('a_b.example.com')).toBe(false);
    expect(isValidDnsPattern('biztosítás.hu')).toBe(false);
  });
});
