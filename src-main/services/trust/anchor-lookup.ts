/**
 * The trust anchors indexed where they are kept: the page asks for the anchors with given subject
 * keys (the subjects and issuers of the certificates it verifies) and gets those few, not every
 * store (hundreds of certificates, and more with each root program). Each store's index is built
 * once and kept while its list is the same.
 */
import { createHash } from 'node:crypto';
import {
  keysWorthAsking,
  nameKeysOf,
  type ReachableAnchors,
  type TrustAnchorMatches,
} from '../../../src-core/inspect/anchor-lookup';
import { readVerifyCert } from '../../../src-core/verify/cert';
import { fastSubjectKey } from '../../../src-core/verify/fast-name';
import type { TrustAnchorStore } from '../../../src-core/verify';
import { loadTrustStores } from './stores';
import { userTrustChanges } from './user-trust';
import { dataDir } from '../data-dir';
import { loadProgramStores } from './root-programs';

type SubjectIndex = Map<string, Uint8Array[]>;

/** Stores keep their certificate lists from call to call (all but the user's): index those once. */
const indexes = new WeakMap<Uint8Array[], Promise<SubjectIndex>>();
/** Subject keys by certificate (a list filtered for distrust keeps the same certificates). */
const subjectKeys = new WeakMap<Uint8Array, Promise<string | undefined>>();

function subjectKeyOf(der: Uint8Array): Promise<string | undefined> {
  let key = subjectKeys.get(der);
  if (!key) {
    const fast = fastSubjectKey(der);
    // A subject the quick reader can't find is read the full way; a certificate neither reads is no anchor.
    key =
      fast !== undefined
        ? Promise.resolve(fast)
        : readVerifyCert(der).then(
            (cert) => cert.subjectKey,
            () => undefined,
          );
    subjectKeys.set(der, key);
  }
  return key;
}

function indexOf(certificates: Uint8Array[]): Promise<SubjectIndex> {
  let index = indexes.get(certificates);
  if (!index) {
    index = (async () => {
      const bySubject: SubjectIndex = new Map();
      const keys = await Promise.all(certificates.map(subjectKeyOf));
      keys.forEach((key, position) => {
        if (key === undefined) return;
        const list = bySubject.get(key);
        if (list) list.push(certificates[position]);
        else bySubject.set(key, [certificates[position]]);
      });
      return bySubject;
    })();
    indexes.set(certificates, index);
  }
  return index;
}

/** The anchors of `stores` with these subject keys, each once (a root is often in several stores). */
export async function findAnchors(stores: TrustAnchorStore[], keys: string[]): Promise<TrustAnchorMatches> {
  const wanted = new Set(keys);
  const bySha = new Map<string, { der: Uint8Array; stores: string[] }>();
  for (const store of stores) {
    const index = await indexOf(store.certificates);
    for (const key of wanted) {
      for (const der of index.get(key) ?? []) {
        const sha = createHash('sha256').update(der).digest('hex');
        const found = bySha.get(sha);
        if (!found) bySha.set(sha, { der, stores: [store.name] });
        else if (!found.stores.includes(store.name)) found.stores.push(store.name);
      }
    }
  }
  return {
    stores: stores.map((store) => ({ name: store.name, anchors: store.certificates.length })),
    anchors: [...bySha.values()],
  };
}

/**
 * The stores as last read, kept until the user's trust changes in this process (the data folder
 * is this app's own), so a lookup reads no file: it is on the way to every first verdict.
 */
let current: { changes: string; stores: Promise<TrustAnchorStore[]> } | undefined;

/** The API's `findTrustAnchors`: against the stores as they are now (the user's trust included). */
export async function findTrustAnchors(keys: string[]): Promise<TrustAnchorMatches> {
  const changes = `${dataDir()}\n${userTrustChanges()}`;
  if (!current || current.changes !== changes) {
    const stores = loadTrustStores();
    current = { changes, stores };
    stores.catch(() => {
      if (current?.stores === stores) current = undefined;
    });
  }
  return findAnchors(await current.stores, keys);
}

/**
 * Builds the stores' index ahead of the first verification (a few ms of an idle start), then
 * reads the root programs (the per-client verdicts' stores, asked for by the first inspection).
 */
export function warmTrustAnchors(): void {
  setImmediate(
    () =>
      void findTrustAnchors([])
        .catch(() => undefined)
        .then(() => loadProgramStores())
        .catch(() => undefined),
  );
}

/** Captures of more certificates than this are answered without their anchors: the verifier asks. */
const maxCertificatesLookedUpWithCapture = 32;

/**
 * The anchors a capture's certificates can reach, looked up as the capture is answered: the
 * page's verifier then starts at once, where asking would cost a round trip just when the page and
 * this process are busiest (the capture being drawn). Undefined when not worth it or not readable.
 */
export async function anchorsReachableFrom(
  certificates: Uint8Array[],
): Promise<ReachableAnchors | undefined> {
  if (certificates.length === 0 || certificates.length > maxCertificatesLookedUpWithCapture) return undefined;
  try {
    const keys = keysWorthAsking(await nameKeysOf(certificates));
    return { keys, matches: await findTrustAnchors(keys) };
  } catch {
    return undefined; // the verifier asks for them itself, and reports what goes wrong
  }
}
