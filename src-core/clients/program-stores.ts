/**
 * The root program data (src-core/trust) as the profiles use it: each program's anchors, its
 * blocked list, and the Chrome Root Store's distrust dates for the Chrome version modelled.
 */
import {
  compareChromeVersions,
  describeChromeConstraintSet,
  type ChromeConstraintSet,
} from '../trust/chrome-constraints';
import type { RootProgramCertificates, RootProgramId, RootProgramIndex } from '../trust/root-programs';
import type { ProgramStores } from './verdicts';

/** The Chrome version whose constraints apply: the one the ground truth runs (Debian's Chromium 156). */
export const modelledChromeVersion = '156';

export function programStores(
  index: RootProgramIndex,
  certificates: RootProgramCertificates,
  chromeVersion = modelledChromeVersion,
): ProgramStores {
  const blocked = new Map<RootProgramId, string[]>();
  return {
    anchors: (program) => certificates.anchors(program),
    blocked(program) {
      let list = blocked.get(program);
      if (!list) blocked.set(program, (list = index.blockedBy(program)));
      return list;
    },
    chromeDistrust: chromeDistrustDates(index, chromeVersion),
    describe(program) {
      const facts = index.program(program);
      return `${facts.name}${facts.version ? ` ${facts.version}` : ''}${facts.fetched ? ` (list of ${facts.fetched})` : ''}`;
    },
  };
}

const versionApplies = (set: ChromeConstraintSet, version: string) =>
  (set.minVersion === undefined || compareChromeVersions(version, set.minVersion) >= 0) &&
  (set.maxVersionExclusive === undefined || compareChromeVersions(version, set.maxVersionExclusive) < 0);

/**
 * Per constrained anchor, the last issuance date Chrome accepts in this version: the latest
 * `sct_not_after` of the sets that apply; none when a set without a date applies; the epoch when
 * no set applies at all (the anchor is unusable in that version).
 */
export function chromeDistrustDates(
  index: RootProgramIndex,
  version: string,
): Map<string, { date: Date; rule: string }> {
  const dates = new Map<string, { date: Date; rule: string }>();
  for (const root of index.roots) {
    const sets = root.chrome?.constraints ?? [];
    if (!sets.length) continue;
    const applying = sets.filter((set) => versionApplies(set, version));
    if (applying.some((set) => set.sctNotAfter === undefined)) continue;
    const latest = applying.reduce<ChromeConstraintSet | undefined>(
      (best, set) => (!best || (set.sctNotAfter as Date) > (best.sctNotAfter as Date) ? set : best),
      undefined,
    );
    dates.set(
      root.sha256,
      latest
        ? { date: latest.sctNotAfter as Date, rule: describeChromeConstraintSet(latest) }
        : { date: new Date(0), rule: `not usable in Chrome ${version}` },
    );
  }
  return dates;
}

/** One program's anchors as the API carries them to the page (which verifies too). */
export interface ProgramAnchors {
  program: RootProgramId;
  /** "Chrome Root Store 36 (list date not recorded)". */
  description: string;
  /** The trusted roots, DER. */
  certificates: Uint8Array[];
  /** SHA-256s the program blocks. */
  blocked: string[];
  /** Chrome only: anchors usable for certificates issued up to a date (the modelled Chrome version). */
  distrustAfter: { sha256: string; date: Date; rule: string }[];
}

export function programAnchors(stores: ProgramStores, program: RootProgramId): ProgramAnchors {
  return {
    program,
    description: stores.describe(program),
    certificates: stores.anchors(program).certificates,
    blocked: [...stores.blocked(program)],
    distrustAfter:
      program === 'chrome'
        ? [...stores.chromeDistrust].map(([sha256, { date, rule }]) => ({ sha256, date, rule }))
        : [],
  };
}

/** The stores again from the API's answers (the page side); a program not given has no anchors. */
export function programStoresFrom(answers: readonly ProgramAnchors[]): ProgramStores {
  const byId = new Map(answers.map((answer) => [answer.program, answer]));
  const stores = new Map<RootProgramId, { name: string; certificates: Uint8Array[] }>();
  const chrome = byId.get('chrome');
  return {
    anchors(program) {
      let store = stores.get(program);
      if (!store)
        stores.set(program, (store = { name: program, certificates: byId.get(program)?.certificates ?? [] }));
      return store;
    },
    blocked: (program) => byId.get(program)?.blocked ?? [],
    chromeDistrust: new Map(
      (chrome?.distrustAfter ?? []).map((entry) => [entry.sha256, { date: entry.date, rule: entry.rule }]),
    ),
    describe: (program) => byId.get(program)?.description ?? program,
  };
}
