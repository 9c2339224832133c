/**
 * Verification against trust stores that stay where they are kept (the main process): instead of
 * every anchor of every store, the verifier is handed the anchors whose subject is the subject or
 * the issuer of a certificate in play — the only ones path building can reach. Certificates
 * fetched over AIA bring their own names; when those find anchors the first pass didn't have, the
 * verification runs again with them (the fetches are reused), so the verdict is the one the whole
 * stores give.
 */
import { latin1Text } from '../bytes/latin1';
import type { AiaFetcher, AiaFetchOutcome } from '../verify/aia-fetches';
import { readVerifyCert } from '../verify/cert';
import { fastSubjectKey } from '../verify/fast-name';
import type { TrustAnchorStore } from '../verify';

export type { TrustStoreSummary } from '../verify/types';
import type { TrustStoreSummary } from '../verify/types';

/** What the stores' keeper answers for a set of subject keys. */
export interface TrustAnchorMatches {
  /** Every store, with how many anchors it holds. */
  stores: TrustStoreSummary[];
  /** The anchors whose subject key was asked for, each once, with the stores holding it. */
  anchors: { der: Uint8Array; stores: string[] }[];
}

/**
 * The anchors some certificates can reach, found by the stores' keeper while it had them at hand
 * (a probe's answer carries them for its capture): the verifier then starts without a round trip.
 */
export interface ReachableAnchors {
  /** The subject keys looked up (`nameKeysOf` the certificates). */
  keys: string[];
  matches: TrustAnchorMatches;
}

/** Asks the keeper of the stores (the API's `findTrustAnchors`) for anchors by subject key. */
export type FindTrustAnchors = (subjectKeys: string[]) => Promise<TrustAnchorMatches>;

/** Subject keys asked for in one call at most (the contract refuses more). */
export const maxSubjectKeysPerLookup = 4096;
/** A longer subject key is not asked for: no trust anchor has a name of 8 KiB. */
export const maxSubjectKeyLength = 8192;

/**
 * The anchors found so far, by subject key, for as long as the stores don't change (make a new
 * one when they do). Each key is asked for once.
 */
export class AnchorLookup {
  private readonly asked = new Map<string, Promise<void>>();
  private readonly found = new Map<string, { der: Uint8Array; stores: string[] }>();
  private storeList: TrustStoreSummary[] | undefined;
  /** Every anchor by subject key, once the whole stores are at hand (then nothing is asked). */
  private whole: Map<string, { der: Uint8Array; stores: string[] }[]> | undefined;

  constructor(private readonly find: FindTrustAnchors) {}

  /**
   * Takes the whole stores (fetched ahead, while nothing waits on them): from then on every key is
   * answered here, without a round trip to the stores' keeper.
   */
  async useWhole(stores: TrustAnchorStore[]): Promise<void> {
    const byBytes = new Map<string, { der: Uint8Array; stores: string[] }>();
    for (const store of stores)
      for (const der of store.certificates) {
        const key = anchorKey(der);
        const entry = byBytes.get(key);
        if (!entry) byBytes.set(key, { der, stores: [store.name] });
        else if (!entry.stores.includes(store.name)) entry.stores.push(store.name);
      }
    const whole = new Map<string, { der: Uint8Array; stores: string[] }[]>();
    for (const entry of byBytes.values()) {
      // The subject read straight from the DER, else the full read; a certificate neither reads is no anchor.
      const subject =
        fastSubjectKey(entry.der) ??
        (await readVerifyCert(entry.der).then(
          (cert) => cert.subjectKey,
          () => undefined,
        ));
      if (subject === undefined) continue;
      const list = whole.get(subject);
      if (list) list.push(entry);
      else whole.set(subject, [entry]);
    }
    this.storeList = stores.map((store) => ({ name: store.name, anchors: store.certificates.length }));
    this.whole = whole;
  }

  /** The stores' names and sizes (asked for if no lookup has answered yet). */
  async stores(): Promise<TrustStoreSummary[]> {
    if (!this.storeList) this.storeList = (await this.find([])).stores;
    return this.storeList;
  }

  /**
   * Takes anchors already found for these keys (from the same stores, as they are now): those keys
   * are then never asked for.
   */
  seed(reachable: ReachableAnchors): void {
    this.storeList ??= reachable.matches.stores;
    for (const anchor of reachable.matches.anchors) {
      const key = anchorKey(anchor.der);
      if (!this.found.has(key)) this.found.set(key, anchor);
    }
    for (const key of reachable.keys) if (!this.asked.has(key)) this.asked.set(key, Promise.resolve());
  }

  /** How many anchors have been found so far. */
  get count(): number {
    return this.found.size;
  }

  /** Looks up the keys not asked for yet (and waits for those already asked). */
  async add(keys: Iterable<string>): Promise<void> {
    const fresh = keysWorthAsking(keys).filter((key) => !this.asked.has(key));
    const pending: Promise<void>[] = [...new Set(keys)].flatMap((key) => {
      const asked = this.asked.get(key);
      return asked ? [asked] : [];
    });
    if (this.whole) {
      for (const key of fresh) {
        for (const anchor of this.whole.get(key) ?? []) {
          const bytes = anchorKey(anchor.der);
          if (!this.found.has(bytes)) this.found.set(bytes, anchor);
        }
        this.asked.set(key, Promise.resolve());
      }
      await Promise.all(pending);
      return;
    }
    for (let at = 0; at < fresh.length; at += maxSubjectKeysPerLookup) {
      const batch = fresh.slice(at, at + maxSubjectKeysPerLookup);
      const answer = this.find(batch).then((matches) => {
        this.storeList = matches.stores;
        for (const anchor of matches.anchors) {
          const key = anchorKey(anchor.der);
          if (!this.found.has(key)) this.found.set(key, anchor);
        }
      });
      for (const key of batch) this.asked.set(key, answer);
      // A failed lookup is asked again next time (its callers get the error).
      answer.catch(() => {
        for (const key of batch) if (this.asked.get(key) === answer) this.asked.delete(key);
      });
      pending.push(answer);
    }
    await Promise.all(pending);
  }

  /** The anchors found so far as stores (every store named, holding what was found of it). */
  trustStores(): TrustAnchorStore[] {
    const stores = (this.storeList ?? []).map((store) => ({
      name: store.name,
      certificates: [] as Uint8Array[],
    }));
    const byName = new Map(stores.map((store) => [store.name, store]));
    for (const anchor of this.found.values()) {
      for (const name of anchor.stores) {
        let store = byName.get(name);
        if (!store) {
          store = { name, certificates: [] };
          byName.set(name, store);
          stores.push(store);
        }
        store.certificates.push(anchor.der);
      }
    }
    return stores;
  }
}

/** Byte identity of an anchor (its length and a sample of its bytes would not do: twins exist). */
function anchorKey(der: Uint8Array): string {
  return latin1Text(der);
}

/** Each key once, leaving out those too long to be any anchor's name (the contract refuses them). */
export function keysWorthAsking(keys: Iterable<string>): string[] {
  return [...new Set(keys)].filter((key) => key.length <= maxSubjectKeyLength);
}

/** The subject and issuer keys of certificates (those the verifier can't read are skipped). */
export async function nameKeysOf(certificates: Uint8Array[]): Promise<string[]> {
  const read = await Promise.all(certificates.map((der) => readVerifyCert(der).catch(() => undefined)));
  return read.flatMap((cert) => (cert ? [cert.subjectKey, cert.issuerKey] : []));
}

/** One verification given anchors and an AIA fetcher (undefined: no fetching). */
export type VerifyWith<R> = (anchors: TrustAnchorStore[], fetchIssuers: AiaFetcher | undefined) => Promise<R>;

/** A pass whose AIA fetches found anchors it lacked is run again; this many passes at most. */
const maxPasses = 6;

/**
 * Runs `verify` with the anchors that `certificates` (and whatever AIA brings) can reach.
 * `fetchIssuers` is called at most once per URL across passes.
 */
export async function verifyWithAnchorLookup<R>(
  lookup: AnchorLookup,
  certificates: Uint8Array[],
  fetchIssuers: AiaFetcher | undefined,
  verify: VerifyWith<R>,
): Promise<R> {
  await lookup.add(await nameKeysOf(certificates));
  // The answers as the fetcher gave them (an outcome keeps what became of the fetch, for the verdict).
  const fetched = new Map<string, ReturnType<AiaFetcher>>();
  for (let pass = 1; ; pass++) {
    const anchors = lookup.trustStores();
    const known = lookup.count;
    /** Set once a fetch found anchors this pass lacks: its verdict is then not the stores' one. */
    let stale = false;
    const fetchThisPass = fetchIssuers
      ? async (url: string): Promise<Uint8Array[] | AiaFetchOutcome> => {
          if (stale) return []; // this pass is done over anyway: fetch nothing more for it
          let answer = fetched.get(url);
          if (!answer) {
            answer = fetchIssuers(url);
            fetched.set(url, answer);
          }
          const given = await answer;
          await lookup.add(await nameKeysOf(Array.isArray(given) ? given : given.certificates));
          if (lookup.count > known) stale = pass < maxPasses;
          return given;
        }
      : undefined;
    const result = await verify(anchors, fetchThisPass);
    if (!stale) return result;
  }
}
