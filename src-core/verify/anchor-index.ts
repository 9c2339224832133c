/**
 * Trust anchors indexed by subject, kept across calls: the stores' arrays are the same call after
 * call, so their index is built once and only anchors whose subject is asked for are read in full.
 */
import { equalBytes } from '../bytes/equal';
import { latin1Text } from '../bytes/latin1';
import type { VerifyCert } from './cert';
import { fastSubjectKey } from './fast-name';
import { readKnownCert } from './known-certs';

export interface TrustAnchorStore {
  /** `public` (the bundled Mozilla roots), `system`, `user`, or a name of the caller's. */
  name: string;
  certificates: Uint8Array[];
}

export interface AnchorEntry {
  cert: VerifyCert;
  stores: string[];
}

interface IndexedAnchor {
  der: Uint8Array;
  stores: string[];
  /** Anchors with the same length and signature tail, taken to be this one until it is a candidate. */
  twins?: { der: Uint8Array; store: string }[];
}

/**
 * Trust anchors indexed by subject without parsing them: the subject is read straight from the
 * DER (fast-name.ts) and only anchors whose subject is asked for are parsed in full. Anchors whose
 * subject can't be read cheaply are parsed the first time a lookup misses.
 */
export class AnchorIndex {
  /** Callers pass the same stores call after call: their index is kept while the stores are unchanged. */
  private static readonly cache = new WeakMap<
    TrustAnchorStore[],
    { index: AnchorIndex; snapshot: TrustAnchorStore[] }
  >();

  static for(stores: TrustAnchorStore[]): AnchorIndex {
    const cached = AnchorIndex.cache.get(stores);
    const unchanged =
      cached &&
      cached.snapshot.length === stores.length &&
      cached.snapshot.every(
        (store, index) =>
          store.name === stores[index].name &&
          store.certificates === stores[index].certificates &&
          store.certificates.length === cached.index.sizes[index],
      );
    if (cached && unchanged) return cached.index;
    const index = new AnchorIndex(stores);
    AnchorIndex.cache.set(stores, { index, snapshot: stores.map((store) => ({ ...store })) });
    return index;
  }

  /** The stores' names, each once (kept with the index: the same for every chain verified against them). */
  readonly storeNames: readonly string[];
  private readonly sizes: number[];
  private readonly bySubject = new Map<string, IndexedAnchor[]>();
  /** Lookups already answered (anchors parsed), by subject key: later ones need no await. */
  private readonly answered = new Map<string, AnchorEntry[]>();
  /** Goes up whenever the index gains an entry after building: an answer begun before is not kept. */
  private generation = 0;
  private readonly unindexed: IndexedAnchor[] = [];
  private slowPathDone = false;

  private constructor(stores: TrustAnchorStore[]) {
    this.sizes = stores.map((store) => store.certificates.length);
    this.storeNames = [...new Set(stores.map((store) => store.name))];
    // The same root is usually in several stores (the bundled one and the OS's). Comparing or
    // reading every copy is most of a one-off run's start-up, so a copy is matched by its length
    // and signature tail alone and compared byte for byte only once a lookup needs it.
    const byTail = new Map<string, IndexedAnchor>();
    for (const store of stores) {
      for (const der of store.certificates) {
        const tail = `${der.length}:${latin1Text(der.subarray(Math.max(0, der.length - 32)))}`;
        const first = byTail.get(tail);
        if (!first) {
          const entry = { der, stores: [store.name] };
          byTail.set(tail, entry);
          this.add(entry);
        } else if (first.der === der) addStore(first, store.name);
        else (first.twins ??= []).push({ der, store: store.name });
      }
    }
  }

  private add(entry: IndexedAnchor): void {
    const key = fastSubjectKeyCached(entry.der);
    if (key === undefined) return void this.unindexed.push(entry);
    const list = this.bySubject.get(key);
    if (list) list.push(entry);
    else this.bySubject.set(key, [entry]);
  }

  /**
   * A twin with other bytes is a distinct certificate after all: it gets its own entry then. Only
   * a certificate made to share another's length and signature tail can be one, and until its
   * look-alike is a candidate it is not found — it never passes for the other.
   */
  private settleTwins(entry: IndexedAnchor): void {
    const twins = entry.twins ?? [];
    delete entry.twins;
    for (const twin of twins) {
      if (equalBytes(twin.der, entry.der)) addStore(entry, twin.store);
      else {
        this.add({ der: twin.der, stores: [twin.store] });
        this.forgetAnswers();
      }
    }
  }

  /**
   * The anchors with this subject when that is known without reading any (a lookup answered
   * before, or no anchor of that name): undefined when `withSubject` must read them.
   */
  withSubjectNow(subjectKey: string): AnchorEntry[] | undefined {
    if (this.bySubject.has(subjectKey)) return this.answered.get(subjectKey);
    return this.unindexed.length && !this.slowPathDone ? undefined : [];
  }

  async withSubject(subjectKey: string): Promise<AnchorEntry[]> {
    const known = this.withSubjectNow(subjectKey);
    if (known) return known;
    const generation = this.generation;
    let candidates = this.bySubject.get(subjectKey) ?? [];
    if (candidates.length === 0 && this.unindexed.length && !this.slowPathDone) {
      this.slowPathDone = true;
      // Anchors read now may share a subject with an answered lookup.
      this.forgetAnswers();
      for (const entry of this.unindexed) {
        const cert = await readKnownCert(entry.der);
        if (!cert) continue;
        const list = this.bySubject.get(cert.subjectKey) ?? [];
        list.push(entry);
        this.bySubject.set(cert.subjectKey, list);
      }
      candidates = this.bySubject.get(subjectKey) ?? [];
    }
    const parsed: AnchorEntry[] = [];
    // Settling twins may append to `candidates`; the loop sees those entries too.
    for (const entry of candidates) {
      if (entry.twins) this.settleTwins(entry);
      const cert = await readKnownCert(entry.der);
      if (cert && cert.subjectKey === subjectKey) parsed.push({ cert, stores: entry.stores });
    }
    if (generation === this.generation && this.bySubject.has(subjectKey))
      this.answered.set(subjectKey, parsed);
    return parsed;
  }

  private forgetAnswers(): void {
    this.generation++;
    this.answered.clear();
  }
}

function addStore(entry: IndexedAnchor, store: string): void {
  if (!entry.stores.includes(store)) entry.stores.push(store);
}

const fastKeys = new WeakMap<Uint8Array, string | undefined>();
function fastSubjectKeyCached(der: Uint8Array): string | undefined {
  if (!fastKeys.has(der)) fastKeys.set(der, fastSubjectKey(der));
  return fastKeys.get(der);
}
