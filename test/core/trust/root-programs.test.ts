/**
 * The root program index as shipped (resources/root-programs/programs.json): the counts are the
 * ones ../shared/trust-stores/README.md gives for each program, a known root's memberships, the
 * lookups, and the reader's refusals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readRootProgramIndex,
  rootProgramIds,
  type RootProgramsFile,
} from '../../../src-core/trust/root-programs';

const shipped = (): RootProgramsFile =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../resources/root-programs/programs.json'), 'utf8'),
  ) as RootProgramsFile;

const isrgRootX1 = '96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6';
const buypassClass2 = '9a114025197c5bb95d94e63d55cd43790847b646b23cdf11ada4a00eff15fb48';
const digicertGlobalRootCa = '4348a0e9444c78cb265e058d5e8944b4d84f9662bd26db257f8934a443c70161';

describe('the shipped root program index', () => {
  const index = readRootProgramIndex(shipped());

  it("has every program with the shared README's counts, and its roots agree with them", () => {
    const expected = {
      chrome: [104, 0],
      mozilla: [121, 0],
      apple: [156, 0],
      microsoft: [331, 218],
      android: [145, 0],
      openjdk: [89, 38],
      oracle: [93, 19],
    };
    for (const id of rootProgramIds) {
      const program = index.program(id);
      expect([program.trusted, program.blocked], id).toEqual(expected[id]);
      // Counted from the roots themselves, not copied from the header.
      expect(index.roots.filter((root) => root.trustedBy.includes(id)).length, id).toBe(expected[id][0]);
      expect(index.blockedBy(id).length, id).toBe(expected[id][1]);
    }
    expect(index.roots.length).toBe(398);
  });

  it('has each program its version, source and date', () => {
    expect(index.program('chrome')).toMatchObject({ version: '36', fetched: null });
    expect(index.chromeVersionMajor).toBe(36);
    expect(index.program('mozilla')).toMatchObject({ fetched: '2026-07-19' });
    expect(index.program('apple').fetched).toBe('2025-12-28');
    expect(index.program('microsoft').fetched).toBe('2026-07-19');
    expect(index.program('android')).toMatchObject({ version: '17.0.0_r1', fetched: '2026-06-21' });
    expect(index.program('openjdk')).toMatchObject({ version: 'jdk-17.0.2', fetched: '2022-01-23' });
    expect(index.program('oracle')).toMatchObject({ version: 'jdk-13.0.2', fetched: '2020-01-16' });
    for (const program of index.programs) expect(program.source).toMatch(/^https?:\/\//);
  });

  it("has Chrome's 104 anchors, 26 of them constrained and 59 with EV policy OIDs", () => {
    const anchors = index.roots.filter((root) => root.chrome);
    expect(anchors.length).toBe(104);
    expect(anchors.every((root) => root.trustedBy.includes('chrome'))).toBe(true);
    expect(anchors.filter((root) => root.chrome!.constraints.length > 0).length).toBe(26);
    expect(anchors.filter((root) => root.chrome!.evPolicyOids.length > 0).length).toBe(59);
  });

  it("knows ISRG Root X1: in every program, Chrome's anchor 45 with no constraint", () => {
    const facts = index.bySha256(isrgRootX1.toUpperCase())!;
    expect(facts.trustedBy).toEqual([...rootProgramIds]);
    expect(facts.blockedBy).toEqual([]);
    expect(facts.certificate).toMatchObject({
      name: 'ISRG Root X1',
      subject: 'CN=ISRG Root X1,O=Internet Security Research Group,C=US',
      subjectKeyId: '79b459e67bb6e5e40173800888c81a58f6e99b6e',
    });
    expect(facts.certificate!.notAfter.toISOString()).toBe('2035-06-04T11:04:38.000Z');
    expect(facts.chrome).toMatchObject({ crsRootId: 45, constraints: [], evPolicyOids: [] });
  });

  it('knows a root Chrome and Mozilla dropped that others keep (DigiCert Global Root CA)', () => {
    expect(index.bySha256(digicertGlobalRootCa)!.trustedBy).toEqual([
      'apple',
      'microsoft',
      'android',
      'openjdk',
      'oracle',
    ]);
  });

  it("reads Chrome's constraint on Buypass Class 2 as a date", () => {
    const constraints = index.bySha256(buypassClass2)!.chrome!.constraints;
    expect(constraints).toEqual([{ sctNotAfter: new Date('2025-10-31T23:59:59Z') }]);
  });

  it('looks roots up by key: SPKI SHA-256 and subjectKeyIdentifier', () => {
    const isrg = index.bySha256(isrgRootX1)!;
    expect(index.bySpkiSha256(isrg.certificate!.spkiSha256).map((root) => root.sha256)).toEqual([isrgRootX1]);
    expect(
      index.bySubjectKeyId('79B459E67BB6E5E40173800888C81A58F6E99B6E').map((root) => root.sha256),
    ).toEqual([isrgRootX1]);
    expect(index.bySpkiSha256('00'.repeat(32))).toEqual([]);
  });

  it('knows roots only by their hash when a program blocks them and none ships them', () => {
    const blocked = index.bySha256('001686cd181f83a1b1217d305b365c41e3470a78a1d37b134a98cd547b92dab3')!;
    expect(blocked).toEqual({
      sha256: '001686cd181f83a1b1217d305b365c41e3470a78a1d37b134a98cd547b92dab3',
      trustedBy: [],
      blockedBy: ['microsoft'],
    });
    const both = index.roots.find((root) => root.certificate?.name === 'AddTrust External CA Root')!;
    expect(both.trustedBy).toEqual(['openjdk', 'oracle']);
    expect(both.blockedBy).toEqual(['microsoft']);
  });

  it('answers for any SHA-256: a private root is in no program', () => {
    expect(index.bySha256('ab'.repeat(32))).toBeUndefined();
    expect(index.factsFor('ab'.repeat(32))).toEqual({
      sha256: 'ab'.repeat(32),
      trustedBy: [],
      blockedBy: [],
    });
  });

  it("knows Chrome's additional certificates (trust-anchor-ID intermediates)", () => {
    const additional = shipped().chrome.additional.find((cert) => cert.subject.startsWith('CN=R12,'))!;
    expect(index.bySha256(additional.sha256)).toMatchObject({
      trustedBy: [],
      chromeAdditional: { tlsTrustAnchor: true, trustAnchorId: '44947.2.18' },
    });
  });
});

describe('the reader refuses data it would misread', () => {
  it('a different schema version', () => {
    expect(() => readRootProgramIndex({ ...shipped(), schemaVersion: 2 })).toThrow(/schema 2, expected 1/);
  });

  it('a program it does not know, or a missing one', () => {
    const file = shipped();
    expect(() =>
      readRootProgramIndex({
        ...file,
        programs: [...file.programs, { ...file.programs[0], id: 'opera' as never }],
      }),
    ).toThrow(/unknown program opera/);
    expect(() => readRootProgramIndex({ ...file, programs: file.programs.slice(1) })).toThrow(
      /no program chrome/,
    );
  });

  it('a Chrome constraint it cannot read', () => {
    const file = shipped();
    const at = file.roots.findIndex((root) => root.chrome?.constraints);
    file.roots[at] = {
      ...file.roots[at],
      chrome: { ...file.roots[at].chrome!, constraints: [{ sct_not_after_sec: 1, permitted_dns: 'x' }] },
    };
    expect(() => readRootProgramIndex(file)).toThrow(/unknown Chrome constraint permitted_dns/);
  });

  it('a root listed twice', () => {
    const file = shipped();
    expect(() => readRootProgramIndex({ ...file, roots: [...file.roots, file.roots[0]] })).toThrow(
      /listed twice/,
    );
  });
});
