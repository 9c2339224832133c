/**
 * Root programs: which public root stores (Chrome, Mozilla, Apple, Microsoft, Android, Java)
 * include a root, which block it, and what Chrome constrains it to. The data ships as two files
 * (resources/root-programs/): `programs.json`, read by `readRootProgramIndex` into the facts and
 * lookups below, and `roots.pem`, the unique root certificates in the same order as its `roots[]`,
 * attached only when DER is needed (program anchors, lookups by subject) with `attachRootDers`.
 */
import { locateSubject } from '../x509/certificate';
import { toHex } from '../bytes/hex';
import { parseChromeConstraintSet, type ChromeConstraintSet } from './chrome-constraints';
import type { TrustAnchorStore } from '../verify';

export const rootProgramIds = [
  'chrome',
  'mozilla',
  'apple',
  'microsoft',
  'android',
  'openjdk',
  'oracle',
] as const;
export type RootProgramId = (typeof rootProgramIds)[number];

export interface RootProgram {
  id: RootProgramId;
  name: string;
  /** The clients that use this store, in a few words. */
  usedBy: string;
  /** The program's own version of the list, when it has one ("36", "17.0.0_r1"). */
  version: string | null;
  /** The day (YYYY-MM-DD) the list was fetched from its source; null where the snapshot doesn't say. */
  fetched: string | null;
  /** Where the list was published. */
  source: string;
  trusted: number;
  blocked: number;
}

export interface ChromeAnchorFacts {
  /** The anchor's id in the Chrome Root Store. */
  crsRootId: number;
  /** The policy OIDs Chrome shows as EV for chains ending here. */
  evPolicyOids: string[];
  /** Empty: no constraint. Else Chrome uses the anchor when at least one set holds. */
  constraints: ChromeConstraintSet[];
  /** Listed on the EU Trusted List (for qualified website certificates). */
  eutl: boolean;
  /** The anchor's Trust Anchor ID (relative OID), for Chrome's trust-anchor-ID experiments. */
  trustAnchorId?: string;
}

/** A certificate Chrome ships besides its anchors (EU-qualified intermediates, trust-anchor-ID certificates). */
export interface ChromeAdditionalCertificate {
  sha256: string;
  /** The subject as the Chrome Root Store's comment gives it. */
  subject: string;
  eutl: boolean;
  /** Chrome uses it as a TLS trust anchor (with its anchor's constraints and expiry). */
  tlsTrustAnchor: boolean;
  trustAnchorId?: string;
}

export interface RootCertificateFacts {
  /** RFC 4514. */
  subject: string;
  /** A short name for lists (CN, else O). */
  name: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the SubjectPublicKeyInfo (hex). */
  spkiSha256: string;
  /** The subjectKeyIdentifier (hex), when the certificate has one. */
  subjectKeyId?: string;
}

export interface RootFacts {
  /** SHA-256 of the certificate's DER, lowercase hex. */
  sha256: string;
  /** Absent for a certificate known only by its hash (the blocked lists carry no certificates). */
  certificate?: RootCertificateFacts;
  trustedBy: RootProgramId[];
  blockedBy: RootProgramId[];
  /** Set when the Chrome Root Store has it as an anchor. */
  chrome?: ChromeAnchorFacts;
  /** Set when Chrome ships it as an additional certificate. */
  chromeAdditional?: ChromeAdditionalCertificate;
}

/** What the app asks the main process for: the programs, and the facts of the roots it names. */
export interface RootProgramsView {
  programs: RootProgram[];
  /** The Chrome Root Store's `version_major`. */
  chromeVersionMajor: number;
  /** One entry per SHA-256 asked for, in order; a root in no program has empty lists. */
  roots: RootFacts[];
}

/** The loaded index: every program and every root it names, with lookups. */
export interface RootProgramIndex {
  programs: RootProgram[];
  chromeVersionMajor: number;
  /** Roots with a certificate, in `roots.pem` order. */
  roots: RootFacts[];
  /** Facts for a SHA-256 (hex); undefined when no program names it. */
  bySha256(sha256: string): RootFacts | undefined;
  /** Roots with this public key (SPKI SHA-256): the same CA re-issued or cross-certified. */
  bySpkiSha256(spkiSha256: string): RootFacts[];
  /** Roots whose subjectKeyIdentifier is this (hex): candidates for an authorityKeyIdentifier. */
  bySubjectKeyId(keyId: string): RootFacts[];
  /** The facts of any SHA-256, also for roots in no program. */
  factsFor(sha256: string): RootFacts;
  program(id: RootProgramId): RootProgram;
  /** The SHA-256s a program explicitly distrusts, whether or not a certificate ships for them. */
  blockedBy(id: RootProgramId): string[];
}

// ---- the file ----------------------------------------------------------------------------------

export const rootProgramsSchemaVersion = 1;

/** `programs.json` as written by scripts/refresh-root-programs.ts. */
export interface RootProgramsFile {
  schemaVersion: number;
  about: string;
  programs: RootProgram[];
  chrome: { versionMajor: number; additional: ChromeAdditionalFile[] };
  /** `roots[i]` is the i-th certificate of roots.pem. */
  roots: RootFile[];
  /** SHA-256s some program blocks and no program includes (no certificate shipped). */
  blockedOnly: { sha256: string; blockedBy: RootProgramId[] }[];
}

export interface RootFile {
  sha256: string;
  subject: string;
  name: string;
  notBefore: string;
  notAfter: string;
  spkiSha256: string;
  subjectKeyId?: string;
  trustedBy: RootProgramId[];
  blockedBy?: RootProgramId[];
  chrome?: {
    crsRootId: number;
    evPolicyOids?: string[];
    /** As the Chrome Root Store writes them (`sct_not_after_sec`, `min_version`, …). */
    constraints?: Record<string, unknown>[];
    eutl?: boolean;
    trustAnchorId?: string;
  };
}

export interface ChromeAdditionalFile {
  sha256: string;
  subject: string;
  eutl?: boolean;
  tlsTrustAnchor?: boolean;
  trustAnchorId?: string;
}

class RootProgramsFormatError extends Error {
  override name = 'RootProgramsFormatError';
}

const sha256Pattern = /^[0-9a-f]{64}$/;
const programIdSet = new Set<string>(rootProgramIds);

function fail(message: string): never {
  throw new RootProgramsFormatError(`root programs data: ${message}`);
}

function programList(value: unknown, where: string): RootProgramId[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && programIdSet.has(id)))
    fail(`${where}: not a list of program ids`);
  return value as RootProgramId[];
}

function readDate(value: unknown, where: string): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) fail(`${where}: not a date`);
  return date;
}

function readChrome(raw: NonNullable<RootFile['chrome']>, where: string): ChromeAnchorFacts {
  if (!Number.isSafeInteger(raw.crsRootId)) fail(`${where}: Chrome anchor without crsRootId`);
  let constraints: ChromeConstraintSet[];
  try {
    constraints = (raw.constraints ?? []).map(parseChromeConstraintSet);
  } catch (error) {
    fail(`${where}: ${(error as Error).message}`);
  }
  return {
    crsRootId: raw.crsRootId,
    evPolicyOids: raw.evPolicyOids ?? [],
    constraints,
    eutl: raw.eutl === true,
    ...(raw.trustAnchorId ? { trustAnchorId: raw.trustAnchorId } : {}),
  };
}

/**
 * Reads `programs.json` (already parsed) into the index. Checks the shape as it goes: the file is
 * ours, but a hand edit or a half-written refresh must fail here, not as wrong answers later.
 */
export function readRootProgramIndex(data: unknown): RootProgramIndex {
  const file = data as Partial<RootProgramsFile> | null;
  if (!file || typeof file !== 'object') fail('not an object');
  if (file.schemaVersion !== rootProgramsSchemaVersion)
    fail(`schema ${String(file.schemaVersion)}, expected ${rootProgramsSchemaVersion}`);
  if (!Array.isArray(file.programs) || !Array.isArray(file.roots) || !file.chrome) fail('missing sections');
  const programs = file.programs.map((program) => {
    if (!programIdSet.has(program.id)) fail(`unknown program ${String(program.id)}`);
    return program;
  });
  for (const id of rootProgramIds)
    if (!programs.some((program) => program.id === id)) fail(`no program ${id}`);

  const additional = new Map<string, ChromeAdditionalCertificate>();
  for (const cert of file.chrome.additional ?? []) {
    if (!sha256Pattern.test(cert.sha256)) fail('a Chrome additional certificate without a SHA-256');
    additional.set(cert.sha256, {
      sha256: cert.sha256,
      subject: cert.subject,
      eutl: cert.eutl === true,
      tlsTrustAnchor: cert.tlsTrustAnchor === true,
      ...(cert.trustAnchorId ? { trustAnchorId: cert.trustAnchorId } : {}),
    });
  }

  const bySha = new Map<string, RootFacts>();
  const roots = file.roots.map((root, index) => {
    const where = `root ${index + 1}`;
    if (!sha256Pattern.test(root.sha256) || !sha256Pattern.test(root.spkiSha256))
      fail(`${where}: bad SHA-256`);
    if (bySha.has(root.sha256)) fail(`${where}: ${root.sha256} listed twice`);
    const facts: RootFacts = {
      sha256: root.sha256,
      certificate: {
        subject: root.subject,
        name: root.name,
        notBefore: readDate(root.notBefore, where),
        notAfter: readDate(root.notAfter, where),
        spkiSha256: root.spkiSha256,
        ...(root.subjectKeyId ? { subjectKeyId: root.subjectKeyId } : {}),
      },
      trustedBy: programList(root.trustedBy, where),
      blockedBy: programList(root.blockedBy, where),
      ...(root.chrome ? { chrome: readChrome(root.chrome, where) } : {}),
    };
    const extra = additional.get(root.sha256);
    if (extra) facts.chromeAdditional = extra;
    bySha.set(root.sha256, facts);
    return facts;
  });
  for (const [index, blocked] of (file.blockedOnly ?? []).entries()) {
    if (!sha256Pattern.test(blocked.sha256) || bySha.has(blocked.sha256))
      fail(`blocked entry ${index + 1}: bad or repeated SHA-256`);
    bySha.set(blocked.sha256, {
      sha256: blocked.sha256,
      trustedBy: [],
      blockedBy: programList(blocked.blockedBy, `blocked entry ${index + 1}`),
    });
  }
  for (const extra of additional.values())
    if (!bySha.has(extra.sha256))
      bySha.set(extra.sha256, {
        sha256: extra.sha256,
        trustedBy: [],
        blockedBy: [],
        chromeAdditional: extra,
      });

  const group = (key: (root: RootFacts) => string | undefined) => {
    let built: Map<string, RootFacts[]> | undefined;
    return (value: string): RootFacts[] => {
      // Built on first use: most callers only ever look up by SHA-256.
      built ??= roots.reduce((map, root) => {
        const found = key(root);
        if (found) map.set(found, [...(map.get(found) ?? []), root]);
        return map;
      }, new Map<string, RootFacts[]>());
      return built.get(value.toLowerCase()) ?? [];
    };
  };

  return {
    programs,
    chromeVersionMajor: file.chrome.versionMajor,
    roots,
    bySha256: (sha256) => bySha.get(sha256.toLowerCase()),
    bySpkiSha256: group((root) => root.certificate?.spkiSha256),
    bySubjectKeyId: group((root) => root.certificate?.subjectKeyId),
    factsFor: (sha256) => bySha.get(sha256.toLowerCase()) ?? { sha256, trustedBy: [], blockedBy: [] },
    program: (id) => programs.find((program) => program.id === id) as RootProgram,
    blockedBy: (id) =>
      [...bySha.values()].filter((root) => root.blockedBy.includes(id)).map((root) => root.sha256),
  };
}

// ---- with the certificates --------------------------------------------------------------------

export interface RootProgramCertificates {
  /** The DER of a root by its SHA-256. */
  der(sha256: string): Uint8Array | undefined;
  /** Roots whose subject Name has exactly these DER bytes: issuer candidates for path building. */
  bySubject(subjectDer: Uint8Array): RootFacts[];
  /** A program's trusted roots as a store the verifier takes (named after the program). */
  anchors(id: RootProgramId): TrustAnchorStore;
}

/**
 * Joins the index with roots.pem's certificates (one DER per `index.roots` entry, same order).
 * The caller has checked each DER's SHA-256 against the index (the Node loader does, on load).
 */
export function attachRootDers(index: RootProgramIndex, ders: Uint8Array[]): RootProgramCertificates {
  if (ders.length !== index.roots.length)
    fail(`roots.pem has ${ders.length} certificates, programs.json names ${index.roots.length}`);
  const derBySha = new Map(index.roots.map((root, at) => [root.sha256, ders[at]]));
  let subjects: Map<string, RootFacts[]> | undefined;
  const stores = new Map<RootProgramId, TrustAnchorStore>();
  return {
    der: (sha256) => derBySha.get(sha256.toLowerCase()),
    bySubject(subjectDer) {
      subjects ??= index.roots.reduce((map, root, at) => {
        const subject = locateSubject(ders[at]);
        if (!subject) return map;
        const key = toHex(ders[at].subarray(subject.start, subject.end));
        return map.set(key, [...(map.get(key) ?? []), root]);
      }, new Map<string, RootFacts[]>());
      return subjects.get(toHex(subjectDer)) ?? [];
    },
    anchors(id) {
      let store = stores.get(id);
      if (!store) {
        store = {
          name: id,
          certificates: index.roots.flatMap((root, at) => (root.trustedBy.includes(id) ? [ders[at]] : [])),
        };
        stores.set(id, store);
      }
      return store;
    },
  };
}
