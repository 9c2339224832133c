import { describe, expect, it } from 'vitest';
import { readWhole } from '../../../src-core/asn1/der';
import { nameKey, readName } from '../../../src-core/x509/name';
import { checkNameConstraints } from '../../../src-core/verify/names';

/** DER of a Name from RDNs of [oid byte (2.5.4.n), PrintableString/UTF8String text] attributes. */
function name(rdns: [number, string][][]): Uint8Array {
  const tlv = (tag: number, body: number[]) => [tag, body.length, ...body];
  const attribute = ([type, text]: [number, string]) =>
    tlv(0x30, [...tlv(0x06, [0x55, 0x04, type]), ...tlv(0x0c, [...new TextEncoder().encode(text)])]);
  return Uint8Array.from(
    tlv(
      0x30,
      rdns.flatMap((rdn) => tlv(0x31, rdn.flatMap(attribute))),
    ),
  );
}
const key = (rdns: [number, string][][]) => {
  const bytes = name(rdns);
  return nameKey(readName(bytes, readWhole(bytes)));
};
const none = { dns: [], ip: [], email: [], uri: [], other: [] };

describe('name keys', () => {
  it('fold case and whitespace, keep RDN boundaries, and escape separators in values', () => {
    expect(key([[[6, 'US']], [[10, '  Example   Org ']]])).toBe('2.5.4.6=us/2.5.4.10=example org');
    expect(
      key([
        [
          [10, 'A'],
          [3, 'B'],
        ],
      ]),
    ).toBe('2.5.4.10=a+2.5.4.3=b');
    expect(key([[[10, 'a/2.5.4.3=b']]])).toBe('2.5.4.10=a\\/2.5.4.3=b');
  });

  it('make directory-name constraints compare whole RDNs: a value with a slash is no way into a subtree', () => {
    const permitted = { ...none, dirNames: [key([[[6, 'US']], [[10, 'Good']]])] };
    const inside = key([[[6, 'US']], [[10, 'Good']], [[3, 'leaf']]]);
    const forged = key([[[6, 'US']], [[10, 'Good/2.5.4.3=leaf']]]);
    const multiValued = key([
      [[6, 'US']],
      [
        [10, 'Good'],
        [3, 'leaf'],
      ],
    ]);
    const check = (subject: string) =>
      checkNameConstraints({ ...none, dirNames: [subject] }, { permitted: { ...permitted } });
    expect(check(inside)).toBeUndefined();
    expect(check(forged)).toBeDefined();
    expect(check(multiValued)).toBeDefined();
  });
});
