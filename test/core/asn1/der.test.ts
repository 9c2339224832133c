/**
 * The DER reader and certificate model on bad input: every failure is a `DerError` saying what and
 * where (byte offset); BER that browsers reject parses but is flagged as non-strict DER; the
 * ASN.1 tree's nodes map back to the model's fields.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { buildAsn1Tree, certificateFields, type Asn1Node } from '../../../src-core/x509/asn1-tree';
import { readCertificate } from '../../../src-core/x509/certificate';
import { DerError, readOid, readTlv, readWhole } from '../../../src-core/asn1/der';
import { readTime, timeFromText } from '../../../src-core/asn1/time';
import fc from 'fast-check';

const root = new Uint8Array(new X509Certificate(rootCertificates[0]).raw);

function errorOf(action: () => unknown): DerError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DerError);
    return error as DerError;
  }
  throw new Error('expected a DerError');
}

/** Re-encodes a certificate with the outer SEQUENCE's length in a needless 4-byte form. */
function withLongOuterLength(der: Uint8Array): Uint8Array {
  const top = readTlv(der, 0);
  const length = top.contentEnd - top.contentStart;
  const header = [0x30, 0x84, length >>> 24, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff];
  return new Uint8Array([...header, ...der.subarray(top.contentStart)]);
}

describe('DER reader', () => {
  it('says where truncated data ends', () => {
    const error = errorOf(() => readCertificate(root.subarray(0, 500)));
    expect(error.message).toMatch(/claims \d+ bytes but only \d+ are left/);
    expect(error.offset).toBe(0);
  });

  it('refuses trailing garbage, with its offset', () => {
    const error = errorOf(() => readCertificate(new Uint8Array([...root, 0, 1, 2])));
    expect(error.message).toBe('3 unexpected bytes after the certificate');
    expect(error.offset).toBe(root.length);
  });

  it('refuses the wrong tag where a field belongs', () => {
    const broken = root.slice();
    const tbs = readTlv(broken, 4);
    const serialAt = broken[tbs.contentStart] === 0xa0 ? tbs.contentStart + 5 : tbs.contentStart;
    broken[serialAt] = 0x04;
    const error = errorOf(() => readCertificate(broken));
    expect(error.message).toMatch(/serial number: expected tag 0x02 but found 0x04/);
    expect(error.offset).toBe(serialAt);
  });

  it('refuses over-long lengths and absurd tag numbers', () => {
    expect(errorOf(() => readTlv(new Uint8Array([0x30, 0x85, 1, 0, 0, 0, 0]), 0)).message).toMatch(
      /too long/,
    );
    expect(
      errorOf(() => readTlv(new Uint8Array([0x1f, 0xff, 0xff, 0xff, 0xff, 0x7f, 0]), 0)).message,
    ).toMatch(/tag number too large/);
    expect(errorOf(() => readTlv(new Uint8Array([0x30]), 0)).message).toMatch(/length is missing/);
  });

  it('bounds nesting depth instead of recursing forever', () => {
    const depth = 5000;
    const bytes = new Uint8Array(depth * 2 + 2);
    for (let i = 0; i < depth; i++) bytes.set([0x30, 0x80], i * 2);
    const error = errorOf(() => readWhole(bytes));
    expect(error.message).toMatch(/nesting deeper than 64/);
    expect(errorOf(() => buildAsn1Tree(bytes)).message).toMatch(/nesting deeper than 64|no end-of-contents/);
  });

  it('reads OIDs with huge arcs and the two-arc first octet', () => {
    const oid = (bytes: number[]) =>
      readOid(
        new Uint8Array([6, bytes.length, ...bytes]),
        readTlv(new Uint8Array([6, bytes.length, ...bytes]), 0),
      );
    expect(oid([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d])).toBe('1.2.840.113549');
    expect(oid([0x69, 0x82, 0x03])).toBe('2.25.259');
    const uuidArc = [0x69, 0x8f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];
    expect(oid(uuidArc)).toBe(`2.25.${(2n ** 67n - 1n).toString()}`);
    expect(errorOf(() => oid([0x2a, 0x86])).message).toMatch(/ends mid-arc/);
  });

  it('reads times in their DER and BER forms, and refuses nonsense', () => {
    const time = (tag: number, text: string) => {
      const bytes = new Uint8Array([tag, text.length, ...new TextEncoder().encode(text)]);
      return readTime(bytes, readTlv(bytes, 0));
    };
    expect(time(0x17, '491231235959Z')).toMatchObject({ strict: true });
    expect(time(0x17, '491231235959Z').date.toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(time(0x17, '500101000000Z').date.getUTCFullYear()).toBe(1950);
    expect(time(0x17, '2501010000Z')).toMatchObject({ strict: false });
    expect(time(0x17, '250101000000+0100').date.toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(time(0x18, '20500101000000.5Z')).toMatchObject({ strict: false });
    expect(errorOf(() => time(0x17, '251301000000Z')).message).toMatch(/not a real date/);
    expect(errorOf(() => time(0x17, 'yesterday')).message).toMatch(/not a valid UTCTime/);
    // GeneralizedTime years 0–99 are as written (Date.UTC would make them 1900–1999).
    expect(time(0x18, '00010101000000Z').date.toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(time(0x18, '00991231235959Z').date.getUTCFullYear()).toBe(99);
    expect(time(0x18, '00000229000000Z').date.toISOString()).toBe('0000-02-29T00:00:00.000Z');
    expect(errorOf(() => time(0x18, '20230230000000Z')).message).toMatch(/not a real date/);
  });

  it('reads the DER form straight from the digits exactly as the general reading does', () => {
    // Digit strings of the DER length, leap days, second 60 and impossible dates included: the
    // quick reading must give the same instant (or leave the string to the general one, which throws).
    const digits = (count: number) =>
      fc
        .array(fc.integer({ min: 0, max: 9 }), { minLength: count, maxLength: count })
        .map((list) => list.join(''));
    const likely = fc.record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 24 }),
      minute: fc.integer({ min: 0, max: 60 }),
      second: fc.integer({ min: 0, max: 61 }),
    });
    const two = (value: number) => String(value).padStart(2, '0');
    const text = fc.oneof(
      fc.tuple(fc.boolean(), likely).map(([utc, t]) => ({
        utc,
        text: `${utc ? two(t.year % 100) : String(t.year).padStart(4, '0')}${two(t.month)}${two(t.day)}${two(t.hour)}${two(t.minute)}${two(t.second)}Z`,
      })),
      fc.tuple(fc.boolean(), digits(14)).map(([utc, all]) => ({ utc, text: `${all.slice(utc ? 2 : 0)}Z` })),
    );
    const outcome = (read: () => { date: Date; strict: boolean; text: string }) => {
      try {
        const time = read();
        return { at: time.date.getTime(), strict: time.strict, text: time.text };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    fc.assert(
      fc.property(text, ({ utc, text }) => {
        const bytes = new Uint8Array([utc ? 0x17 : 0x18, text.length, ...new TextEncoder().encode(text)]);
        expect(outcome(() => readTime(bytes, readTlv(bytes, 0)))).toEqual(
          outcome(() => timeFromText(text, utc, 0)),
        );
      }),
      { numRuns: 5000 },
    );
  });
});

describe('non-strict DER is read but flagged', () => {
  it('a BER length', () => {
    const model = readCertificate(withLongOuterLength(root));
    expect(model.subject).toBe(readCertificate(root).subject);
    expect(model.nonStrictDer.join()).toMatch(/non-minimal length encoding at byte 0/);
  });

  it('a negative serial number', async () => {
    const { issueCert } = await import('../../../src-main/services/lab');
    const cert = await issueCert({ commonName: 'negative', serial: 0x80n });
    const der = cert.der.slice();
    const tbs = readTlv(der, readTlv(der, 0).contentStart);
    const version = readTlv(der, tbs.contentStart);
    const serial = readTlv(der, version.end);
    // 0x00 0x80 → 0xff 0x80: the same length, now a negative integer.
    expect(Array.from(der.subarray(serial.contentStart, serial.contentEnd))).toEqual([0x00, 0x80]);
    der[serial.contentStart] = 0xff;
    const model = readCertificate(der);
    expect(model.serialHex).toBe('ff80');
    expect(model.nonStrictDer).toContain('negative serial number');
  });
});

describe('ASN.1 tree', () => {
  const model = readCertificate(root);
  const tree = buildAsn1Tree(model.der, { fields: certificateFields(model) });
  const all = (node: Asn1Node): Asn1Node[] => [node, ...(node.children ?? []).flatMap(all)];

  it('covers the bytes exactly and labels the model fields', () => {
    expect(tree).toMatchObject({ start: 0, end: model.der.length, type: 'SEQUENCE', field: 'certificate' });
    const labelled = new Map(
      all(tree)
        .filter((node) => node.field)
        .map((node) => [node.field!, node]),
    );
    for (const field of [
      'tbsCertificate',
      'serialNumber',
      'issuer',
      'subject',
      'notBefore',
      'notAfter',
      'subjectPublicKeyInfo',
      'signatureValue',
    ])
      expect(labelled.has(field), field).toBe(true);
    expect(labelled.get('serialNumber')).toMatchObject(model.ranges.serialNumber!);
    model.extensions.forEach((extension, index) =>
      expect(labelled.get(`extension:${index}`)).toMatchObject(extension.range),
    );
    for (const node of all(tree))
      if (node.children?.length) {
        expect(node.children[0].start).toBe(
          node.start + node.headerLength + (node.encapsulates && node.type === 'BIT STRING' ? 1 : 0),
        );
        expect(node.children[node.children.length - 1].end).toBe(node.end);
      }
  });

  it('decodes values and opens DER inside OCTET and BIT STRINGs', () => {
    const nodes = all(tree);
    const oids = nodes.filter((node) => node.type === 'OBJECT IDENTIFIER');
    expect(oids.some((node) => node.oidName === 'commonName')).toBe(true);
    const key = nodes.find((node) => node.field === 'publicKey')!;
    expect(key.encapsulates).toBe(true);
    expect(key.children![0].children!.map((child) => child.type)).toEqual(['INTEGER', 'INTEGER']);
    const cn = nodes.find((node, index) => nodes[index - 1]?.oidName === 'commonName')!;
    expect(cn.value).toBe(model.subjectAttributes.find((attribute) => attribute.label === 'CN')!.value);
  });
});
