/**
 * The root programs service: the shipped data loads (index alone, certificates on demand), each
 * certificate is checked against its SHA-256 as it loads, a program's roots become a store the
 * verifier takes, and roots are found by subject for path building.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { locateSubject } from '../../../src-core/x509/certificate';
import {
  defaultRootProgramsDir,
  forgetRootPrograms,
  loadRootProgramCertificates,
  loadRootProgramIndex,
  rootProgramsView,
} from '../../../src-main/services/trust/root-programs';
import { sha256Hex } from '../../../src-main/services/trust/user-trust';
import { createApi } from '../../../src-main/services/api';
import { apiMethods } from '../../../src-core/api/contract';

const isrgRootX1 = '96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6';

function copyOfShipped(): string {
  const dir = mkdtempSync(join(tmpdir(), 'certscope-root-programs-'));
  cpSync(defaultRootProgramsDir(), dir, { recursive: true });
  return dir;
}

describe('root programs service', () => {
  afterEach(() => forgetRootPrograms());

  it('finds the shipped data and loads each program’s roots, every one hashing to its entry', async () => {
    const certificates = await loadRootProgramCertificates();
    const index = await loadRootProgramIndex();
    for (const program of index.programs) {
      const store = certificates.anchors(program.id);
      expect(store.name).toBe(program.id);
      expect(store.certificates.length, program.id).toBe(program.trusted);
    }
    const chrome = certificates.anchors('chrome').certificates.map(sha256Hex);
    expect(new Set(chrome)).toEqual(
      new Set(index.roots.filter((root) => root.chrome).map((root) => root.sha256)),
    );
    expect(sha256Hex(certificates.der(isrgRootX1)!)).toBe(isrgRootX1);
  });

  it('finds issuer candidates by subject Name (exact DER)', async () => {
    const certificates = await loadRootProgramCertificates();
    const der = certificates.der(isrgRootX1)!;
    const subject = locateSubject(der)!;
    const found = certificates.bySubject(der.subarray(subject.start, subject.end));
    expect(found.map((root) => root.certificate?.name)).toEqual(['ISRG Root X1']);
    expect(certificates.bySubject(new Uint8Array([0x30, 0x00]))).toEqual([]);
  });

  it('answers the API with the programs and one entry per SHA-256 asked about', async () => {
    const view = await rootProgramsView([isrgRootX1, 'ab'.repeat(32)]);
    expect(view.programs.map((program) => program.id)).toEqual([
      'chrome',
      'mozilla',
      'apple',
      'microsoft',
      'android',
      'openjdk',
      'oracle',
    ]);
    expect(view.chromeVersionMajor).toBe(36);
    expect(view.roots[0].trustedBy).toHaveLength(7);
    expect(view.roots[1]).toEqual({ sha256: 'ab'.repeat(32), trustedBy: [], blockedBy: [] });
    const api = createApi({ mode: 'web' });
    expect((await api.getRootPrograms([isrgRootX1])).roots[0].certificate?.name).toBe('ISRG Root X1');
  });

  it('validates the API arguments: SHA-256s only, at most 5000', () => {
    expect(apiMethods.getRootPrograms([[isrgRootX1]])).toEqual([[isrgRootX1]]);
    expect(() => apiMethods.getRootPrograms([['not-a-hash']])).toThrow(/SHA-256/);
    expect(() => apiMethods.getRootPrograms([isrgRootX1])).toThrow(/list/);
    expect(() => apiMethods.getRootPrograms([Array(5001).fill(isrgRootX1)])).toThrow(/5000/);
  });

  it('refuses a roots.pem whose certificate was altered, naming it', async () => {
    const dir = copyOfShipped();
    const pem = readFileSync(join(dir, 'roots.pem'), 'utf8');
    // Change one character inside the third certificate's body: still base64, other bytes.
    const third = pem.split('-----BEGIN CERTIFICATE-----\n')[3];
    const line = third.split('\n')[5];
    const changed = line.slice(0, 10) + (line[10] === 'A' ? 'B' : 'A') + line.slice(11);
    writeFileSync(join(dir, 'roots.pem'), pem.replace(line, changed));
    await expect(loadRootProgramCertificates(dir)).rejects.toThrow(
      /roots.pem certificate 3 hashes to .* altered/,
    );
    // The facts alone still load: they don't depend on the certificates.
    expect((await loadRootProgramIndex(dir)).roots.length).toBe(398);
  });

  it('says clearly when the data is missing or unreadable', async () => {
    const dir = copyOfShipped();
    writeFileSync(join(dir, 'programs.json'), '{"schemaVersion": 1');
    await expect(loadRootProgramIndex(dir)).rejects.toThrow(/root program data can't be read/);
    await expect(loadRootProgramIndex(join(dir, 'nowhere'))).rejects.toThrow(/can't be read/);
  });
});
