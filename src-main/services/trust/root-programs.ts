/**
 * The root programs shipped in resources/root-programs/, loaded on first use: nothing here runs
 * at start-up or for a default verdict (which uses the `public`, `system` and `user` stores of
 * ./stores). `programs.json` alone answers "which programs include this root"; `roots.pem` is read
 * only when certificates are needed, and each one is checked against its SHA-256 as it is read.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  attachRootDers,
  readRootProgramIndex,
  type RootProgramCertificates,
  type RootProgramId,
  type RootProgramIndex,
  type RootProgramsView,
} from '../../../src-core/trust/root-programs';
import { pemToDer, splitPem } from './stores';
import { programAnchors, programStores, type ProgramAnchors } from '../../../src-core/clients/program-stores';
import type { ProgramStores } from '../../../src-core/clients/verdicts';
import { sha256Hex } from './user-trust';

/** resources/root-programs, found by walking up from this file (works from src/ and from out/). */
export function defaultRootProgramsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'root-programs');
    if (existsSync(join(candidate, 'programs.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('the root program data (resources/root-programs) is missing from this installation');
}

const indexes = new Map<string, Promise<RootProgramIndex>>();
const certificates = new Map<string, Promise<RootProgramCertificates>>();
const stores = new Map<string, Promise<ProgramStores>>();

/** Forgets what was loaded (tests that swap the data). */
export function forgetRootPrograms(): void {
  indexes.clear();
  certificates.clear();
  stores.clear();
}

function cached<T>(cache: Map<string, Promise<T>>, dir: string, load: () => Promise<T>): Promise<T> {
  let loading = cache.get(dir);
  if (!loading) {
    loading = load();
    cache.set(dir, loading);
    // A failed load is tried again next time (the file may have been put back).
    loading.catch(() => cache.delete(dir));
  }
  return loading;
}

export function loadRootProgramIndex(dir = defaultRootProgramsDir()): Promise<RootProgramIndex> {
  return cached(indexes, dir, async () => {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(join(dir, 'programs.json'), 'utf8'));
    } catch (error) {
      throw new Error(
        `the root program data can't be read (${join(dir, 'programs.json')}): ${(error as Error).message}`,
      );
    }
    return readRootProgramIndex(data);
  });
}

/** The index with every root's DER, each checked against its SHA-256. */
export function loadRootProgramCertificates(
  dir = defaultRootProgramsDir(),
): Promise<RootProgramCertificates> {
  return cached(certificates, dir, async () => {
    const [index, text] = await Promise.all([
      loadRootProgramIndex(dir),
      readFile(join(dir, 'roots.pem'), 'utf8'),
    ]);
    const ders = splitPem(text).map(pemToDer);
    if (ders.length !== index.roots.length)
      throw new Error(`roots.pem has ${ders.length} certificates, programs.json lists ${index.roots.length}`);
    ders.forEach((der, at) => {
      const actual = sha256Hex(der);
      if (actual !== index.roots[at].sha256)
        throw new Error(
          `roots.pem certificate ${at + 1} hashes to ${actual}, not ${index.roots[at].sha256}: the root program data was altered`,
        );
    });
    return attachRootDers(index, ders);
  });
}

/** The profiles' view of the programs: anchors, blocked lists, Chrome's distrust dates. */
export function loadProgramStores(dir = defaultRootProgramsDir()): Promise<ProgramStores> {
  // One object per data folder: verdicts key their anchor index on it.
  return cached(stores, dir, async () => {
    const [index, certificates] = await Promise.all([
      loadRootProgramIndex(dir),
      loadRootProgramCertificates(dir),
    ]);
    return programStores(index, certificates);
  });
}

/** What `getProgramAnchors` answers. */
export async function loadProgramAnchors(program: RootProgramId, dir?: string): Promise<ProgramAnchors> {
  return programAnchors(await loadProgramStores(dir), program);
}

/** What the API answers: the programs, and the facts of each root asked about, in order. */
export async function rootProgramsView(sha256s: string[], dir?: string): Promise<RootProgramsView> {
  const index = await loadRootProgramIndex(dir);
  return {
    programs: index.programs,
    chromeVersionMajor: index.chromeVersionMajor,
    roots: sha256s.map((sha256) => index.factsFor(sha256)),
  };
}
