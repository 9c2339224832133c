/**
 * Display and verdict read the same bytes the same way (issue 13): the disagreements the two old
 * readers had, and the files they refused, each as a regression test — a SAN dNSName holding
 * UTF-8 bytes, T61String, an empty RDN, invalid UTF-8 in a UTF8String, a CRL entry with one bad
 * extension — plus the CRL extension parsers.
 */
import { describe, expect, it } from 'vitest';
import { childrenOf, readTlv, readWhole } from '../../../src-core/asn1/der';
import { encode, encodeOid } from '../../../src-core/asn1/encode';
import { readCrl as readVerifierCrl } from '../../../src-core/verify/crl';
import { readVerifyCert } from '../../../src-core/verify/cert';
import { decodeInput } from '../../../src-core/inspect/decode-input';
import { parseCrl } from '../../../src-core/x509/crl';
import { readCertificate } from '../../../src-core/x509/certificate';
import { describeExtension } from '../../../src-core/x509/extensions/registry';
import type { ExtensionNode } from '../../../src-core/x509/extensions/nodes';
import { nodeLines } from '../../../src-core/x509/format';
import { createCrl, issueCert } from '../../../src-main/services/lab';

const utf8 = (text: string) => new TextEncoder().encode(text);
const seq = (...parts: Uint8Array[]) => encode(0x30, ...parts);
const set = (...parts: Uint8Array[]) => encode(0x31, ...parts);
const attribute = (oid: string, tag: number, value: Uint8Array) =>
  set(seq(encodeOid(oid), encode(tag, value)));
const cn = '2.5.4.3';
const o = '2.5.4.10';

/** The certificate with its subject Name replaced by `subject` (the signature no longer matches: not needed here). */
function withSubject(der: Uint8Array, subject: Uint8Array): Uint8Array {
  const [tbs, algorithm, signature] = childrenOf(der, readWhole(der));
  const fields = childrenOf(der, tbs).map((field) => der.subarray(field.start, field.end));
  const subjectIndex = der[tbs.contentStart] === 0xa0 ? 5 : 4;
  fields[subjectIndex] = subject;
  return seq(
    seq(...fields),
    der.subarray(algorithm.start, algorithm.end),
    der.subarray(signature.start, signature.end),
  );
}

const texts = (nodes: ExtensionNode[]): string[] => nodeLines(nodes);

describe('one reader: display and verdict agree', () => {
  it('a SAN dNSName with UTF-8 bytes: the same marked text in the model, the extension view and the verdict, flagged, no mojibake', async () => {
    const ca = await issueCert({ commonName: 'One Reader CA', isCa: true });
    const bytes = utf8('biztosítás.hu');
    const leaf = await issueCert({
      commonName: 'idn leaf',
      issuer: ca,
      extraExtensions: [{ oid: '2.5.29.17', critical: false, valueDer: seq(encode(0x82, bytes)) }],
    });
    const marked = 'biztos\\xc3\\xadt\\xc3\\xa1s.hu';
    const model = readCertificate(leaf.der);
    expect(model.subjectAltNames).toEqual([`DNS:${marked}`]);
    expect(model.sans).toEqual([
      { type: 'dns', value: marked, problem: 'bytes outside ASCII in a IA5String' },
    ]);
    const view = describeExtension(model.extensions.find((extension) => extension.oid === '2.5.29.17')!);
    expect(texts(view.nodes)).toEqual([`DNS name: ${marked} [bytes outside ASCII in a IA5String]`]);
    const verifier = await readVerifyCert(leaf.der);
    expect(verifier.san?.dns).toEqual([marked]);
    expect(verifier.malformed).toContain(`invalid DNS name in subjectAltName: ${marked}`);
    for (const shown of [...model.subjectAltNames, ...verifier.malformed])
      expect(shown).not.toMatch(/Ã|í|\uFFFD/);
  });

  it('a T61String is ISO 8859-1, one byte a character, for the display, the name key and the host check alike', async () => {
    const leaf = await issueCert({ commonName: 'placeholder' });
    const subject = seq(
      attribute(o, 0x14, Uint8Array.of(0x43, 0x61, 0x66, 0xe9)),
      attribute(cn, 0x14, utf8('t61.example')),
    );
    const der = withSubject(leaf.der, subject);
    const model = readCertificate(der);
    expect(model.subjectAttributes.map((a) => a.value)).toEqual(['Café', 't61.example']);
    expect(model.problems).toBeUndefined();
    const verifier = await readVerifyCert(der);
    expect(verifier.subjectKey).toBe('2.5.4.10=café/2.5.4.3=t61.example');
    expect(verifier.commonNames).toEqual(['t61.example']);
    // A C1 byte (0x80–0x9f) is a control character in ISO 8859-1: shown, never hidden.
    const c1 = readCertificate(withSubject(leaf.der, seq(attribute(cn, 0x14, Uint8Array.of(0x41, 0x85)))));
    expect(c1.subjectAttributes[0]).toMatchObject({
      value: 'A\\x85',
      problem: 'control characters in a T61String',
    });
  });

  it('a Name with an empty RDN still decodes; the problem is said by the model and is the verdict’s profile problem', async () => {
    const leaf = await issueCert({ commonName: 'placeholder' });
    const der = withSubject(
      leaf.der,
      seq(attribute(o, 0x0c, utf8('Org')), set(), attribute(cn, 0x0c, utf8('empty.example'))),
    );
    const result = await decodeInput({ name: 'empty-rdn.der', bytes: der });
    expect(result.errors).toEqual([]);
    const [model] = result.items;
    expect(model.subject).toBe('CN=empty.example,O=Org');
    expect(model.problems).toEqual([expect.stringMatching(/^subject: an empty relative distinguished name/)]);
    const verifier = await readVerifyCert(der);
    expect(verifier.malformed).toEqual(expect.arrayContaining(model.problems!));
  });

  it('invalid UTF-8 in a UTF8String CN is shown with \\xNN marks and flagged, never as U+FFFD', async () => {
    const leaf = await issueCert({ commonName: 'placeholder' });
    const der = withSubject(leaf.der, seq(attribute(cn, 0x0c, Uint8Array.of(0x61, 0xc3, 0x28, 0xff, 0x62))));
    const model = readCertificate(der);
    expect(model.subjectAttributes[0]).toMatchObject({
      value: 'a\\xc3(\\xffb',
      problem: 'invalid UTF-8 in a UTF8String',
    });
    expect(model.subject).not.toContain('\uFFFD');
    expect(model.problems).toEqual(['subject: CN: invalid UTF-8 in a UTF8String']);
    const verifier = await readVerifyCert(der);
    expect(verifier.commonNames).toEqual(['a\\xc3(\\xffb']);
    expect(verifier.malformed).toContain('subject: CN: invalid UTF-8 in a UTF8String');
  });

  it('a CRL entry with one bad extension: the CRL decodes, the entry keeps its serial and says what is wrong', async () => {
    const ca = await issueCert({ commonName: 'CRL CA', isCa: true });
    const { der } = await createCrl(ca, [
      { serial: 0x1001n, reason: 1 },
      { serial: 0x1002n, reason: 4 },
    ]);
    const broken = der.slice();
    // reasonCode's ENUMERATED (0a 01 04) of the second entry made an INTEGER.
    const at = Buffer.from(broken).indexOf(Buffer.from('0603551d150403 0a0104'.replace(' ', ''), 'hex'));
    expect(at).toBeGreaterThan(0);
    broken[at + 7] = 0x02;
    const result = await decodeInput({ name: 'bad-entry.crl', bytes: broken });
    expect(result.errors).toEqual([]);
    const crl = result.others[0];
    if (crl.kind !== 'crl') throw new Error('expected a CRL');
    expect(crl.entries.map((entry) => [entry.serialHex, entry.reason])).toEqual([
      ['1001', 'keyCompromise'],
      ['1002', undefined],
    ]);
    expect(crl.entries[1].problems).toEqual([
      expect.stringMatching(/entry extension 2\.5\.29\.21 is malformed/),
    ]);
    expect(crl.problems).toEqual(["1 entry has extensions that can't be used"]);
    // The verifier reads the same CRL, and such a CRL vouches for nothing.
    const verifier = await readVerifierCrl(broken);
    expect(verifier?.problems).toEqual(["the CRL is malformed: 1 entry has extensions that can't be used"]);
  });
});

describe('CRL extensions have registry parsers (no raw bytes in the tree)', () => {
  const view = (oid: string, value: Uint8Array) =>
    describeExtension({ oid, critical: false, value, range: { start: 0, end: 0 } });

  it('cRLNumber and deltaCRLIndicator', () => {
    expect(nodeLines(view('2.5.29.20', encode(0x02, Uint8Array.of(0x01, 0x00))).nodes)).toEqual([
      'CRL number: 256',
    ]);
    expect(nodeLines(view('2.5.29.27', encode(0x02, Uint8Array.of(0x07))).nodes)).toEqual([
      'Updates the CRL numbered: 7',
    ]);
  });

  it('issuingDistributionPoint: the point, the kinds of certificates, the reasons, indirect', () => {
    const uri = utf8('http://crl.example/ca.crl');
    const value = seq(
      encode(0xa0, encode(0xa0, encode(0x86, uri))),
      encode(0x81, Uint8Array.of(0xff)),
      encode(0x83, Uint8Array.of(0x07, 0x80 >> 1)),
      encode(0x84, Uint8Array.of(0xff)),
    );
    const result = view('2.5.29.28', value);
    expect(result.parsed).toBe(true);
    expect(nodeLines(result.nodes)).toEqual([
      'Full name',
      '  URI: http://crl.example/ca.crl',
      'Only user certificates: yes',
      'Indirect CRL (lists other issuers’ certificates): yes',
      'Only for reasons',
      '  Key compromise: yes',
    ]);
    expect(view('2.5.29.28', seq(encode(0x81, Uint8Array.of(1, 2)))).error).toMatch(/one byte/);
  });

  it('an entry’s reason code, invalidity date and certificate issuer', () => {
    expect(nodeLines(view('2.5.29.21', encode(0x0a, Uint8Array.of(1))).nodes)).toEqual([
      'Reason: keyCompromise',
      '  Code: 1',
    ]);
    expect(nodeLines(view('2.5.29.24', encode(0x18, utf8('20240229120000Z'))).nodes)).toEqual([
      'Invalid since: 2024-02-29T12:00:00.000Z',
    ]);
    const issuer = seq(encode(0xa4, seq(attribute(cn, 0x0c, utf8('Other CA')))));
    expect(nodeLines(view('2.5.29.29', issuer).nodes)).toEqual(['Directory name: CN=Other CA']);
  });

  it('a CRL read with them: number, delta base, reasons and certificate issuers in the model', async () => {
    const ca = await issueCert({ commonName: 'Delta CA', isCa: true });
    const { der } = await createCrl(ca, [{ serial: 5n, reason: 6 }], { crlNumber: 12 });
    const crl = parseCrl(der);
    expect(crl.crlNumber).toBe('0c');
    expect(crl.entries[0].reason).toBe('certificateHold');
    expect(crl.extensions.map((extension) => describeExtension(extension).parsed)).toEqual([true, true]);
  });
});

describe('times', () => {
  it('a GeneralizedTime year 0–99 comes out as written, in a certificate too', async () => {
    const leaf = await issueCert({ commonName: 'placeholder' });
    const [tbs] = childrenOf(leaf.der, readWhole(leaf.der));
    const fields = childrenOf(leaf.der, tbs);
    const validityIndex = leaf.der[tbs.contentStart] === 0xa0 ? 4 : 3;
    const validity = fields[validityIndex];
    expect(readTlv(leaf.der, validity.contentStart).tag).toBeGreaterThan(0);
    const patched = withField(
      leaf.der,
      validityIndex,
      seq(encode(0x18, utf8('00010101000000Z')), encode(0x18, utf8('99991231235959Z'))),
    );
    const model = readCertificate(patched);
    expect(model.notBefore.toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect((await readVerifyCert(patched)).notBefore.getUTCFullYear()).toBe(1);
  });
});

function withField(der: Uint8Array, index: number, field: Uint8Array): Uint8Array {
  const [tbs, algorithm, signature] = childrenOf(der, readWhole(der));
  const fields = childrenOf(der, tbs).map((tlv) => der.subarray(tlv.start, tlv.end));
  fields[index] = field;
  return seq(
    seq(...fields),
    der.subarray(algorithm.start, algorithm.end),
    der.subarray(signature.start, signature.end),
  );
}
