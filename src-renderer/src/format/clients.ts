/** Client verdicts in words (issue 14): the stores they name, and each client's one reason. */
import type { ClientVerdict } from '../../../src-core/clients';
import { describeChromeConstraintSet } from '../../../src-core/trust/chrome-constraints';
import {
  rootProgramIds,
  type RootFacts,
  type RootProgram,
  type RootProgramId,
} from '../../../src-core/trust/root-programs';
import type { RootMark } from './chain';

/** The root programs' store names, as an anchor's store reads in a sentence. */
const programStoreNames: Record<RootProgramId, string> = {
  chrome: 'Chrome Root Store',
  mozilla: 'Mozilla (NSS)',
  apple: 'Apple',
  microsoft: 'Microsoft',
  android: 'Android (AOSP)',
  openjdk: 'OpenJDK cacerts',
  oracle: 'Oracle Java',
};

export function isProgramStore(name: string): name is RootProgramId {
  return (rootProgramIds as readonly string[]).includes(name);
}

/** "the Chrome Root Store", "the user" (followed by "trust store" in a sentence). */
export function storeName(name: string): string {
  return isProgramStore(name) ? programStoreNames[name] : name;
}

/** Whether an anchor found in these stores is a public root (the bundled list or a root program's). */
export function publicAnchor(stores: readonly string[]): boolean {
  return stores.some((name) => name === 'public' || isProgramStore(name));
}

/**
 * The one reason shown beside a client in the row: why it differs from the leading client; when
 * it agrees and refuses, its own reason; nothing when it agrees and trusts.
 */
export function clientWhy(verdict: ClientVerdict): string | undefined {
  if (verdict.differs) return verdict.differs;
  return verdict.trusted ? undefined : verdict.reason;
}

const programShortNames: Record<RootProgramId, string> = {
  chrome: 'Chrome',
  mozilla: 'Mozilla',
  apple: 'Apple',
  microsoft: 'Microsoft',
  android: 'Android',
  openjdk: 'OpenJDK',
  oracle: 'Oracle',
};

/**
 * A root's marks in the chain picture: each root program that includes it (✓), includes it with
 * a constraint (Chrome's distrust dates: !), or blocks it (✗); one mark when none includes it.
 */
export function programMarks(facts: RootFacts, programs: readonly RootProgram[]): RootMark[] {
  const marks = programs.flatMap((program): RootMark[] => {
    const listed = program.fetched ? ` (list of ${program.fetched})` : '';
    if (facts.blockedBy.includes(program.id))
      return [
        {
          client: programShortNames[program.id],
          verdict: 'not-trusted',
          detail: `blocked by ${program.name}${listed}`,
        },
      ];
    if (!facts.trustedBy.includes(program.id)) return [];
    const constraints =
      program.id === 'chrome' ? (facts.chrome?.constraints ?? []).map(describeChromeConstraintSet) : [];
    return [
      {
        client: programShortNames[program.id],
        verdict: constraints.length ? 'unknown' : 'trusted',
        detail: [`included in ${program.name}${listed}`, ...constraints].join('; '),
      },
    ];
  });
  return marks.length
    ? marks
    : [{ client: 'in no root program', verdict: 'unknown', detail: 'trusted only where someone added it' }];
}
