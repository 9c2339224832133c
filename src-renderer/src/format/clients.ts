/** Client verdicts in words (issue 14): the stores they name, and each client's one reason. */
import type { ClientVerdict } from '../../../src-core/clients';
import { rootProgramIds, type RootProgramId } from '../../../src-core/trust/root-programs';

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
