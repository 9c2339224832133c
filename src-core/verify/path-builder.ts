/**
 * Path building: from the leaf, the certificates that came with it (sent, dropped), the trust
 * anchors and issuers fetched at AIA caIssuers URLs, every candidate path to a trust anchor —
 * depth first, issuers whose key identifier matches first — plus the dead ends, kept for the
 * verdict when nothing reaches an anchor. Building judges nothing: the checks do, once per path
 * and selection, so one build serves several selections (a verdict per client).
 */
import { readVerifyCert, type VerifyCert } from './cert';
import { AnchorIndex, type AnchorEntry } from './anchor-index';
import { WorkBudget, WorkExhausted } from './budget';
import { inOrder } from './in-order';
import { readKnownCert, sameKey } from './known-certs';
import type { CertificateSource, VerifyInput } from './types';

export interface BuildOptions {
  /** The verdict's work budget; building spends `pathSteps` from it. */
  budget?: WorkBudget;
  /**
   * Go on past a certificate that is an anchor in only some of the stores, so that a selection
   * trusting fewer stores still finds the path its client would build. Off by default: a
   * single verdict stops at the first anchor, as clients do.
   */
  continuePastPartialAnchors?: boolean;
}

export interface AnchoredChain {
  /** Leaf first, the anchor last. */
  chain: VerifyCert[];
  anchorStores: string[];
}

/** Everything the checks and the verdict need from building, for as many judgements as wanted. */
export interface CandidatePaths {
  input: VerifyInput;
  /** The validation time: the input's, or when building began; whole seconds. */
  at: Date;
  leaf: VerifyCert;
  /** Paths that reach an anchor, in the order found. */
  anchored: AnchoredChain[];
  /** Paths that stop short of one. */
  deadEnds: VerifyCert[][];
  /** What was sent, in wire order (undefined where a certificate didn't read). */
  presented: (VerifyCert | undefined)[];
  presentedShas: ReadonlySet<string>;
  /** Where each certificate available for building came from. */
  sources: ReadonlyMap<string, CertificateSource>;
  /** Every certificate available for building, sent or fetched (CRL signers may be among them). */
  known: VerifyCert[];
  /**
   * The DER of every certificate met so far, by SHA-256 (a Map: as an object's keys, every new
   * digest would be interned and the object copied key by key).
   */
  certificates: ReadonlyMap<string, Uint8Array>;
  /** Names of every store given. */
  storeNames: readonly string[];
  /** Set when the budget stopped building before every candidate was tried. */
  stopped?: WorkExhausted;
}

const limits = { maxPaths: 32, maxDepth: 12, maxAiaFetches: 8 };

export async function buildPaths(input: VerifyInput, options: BuildOptions = {}): Promise<CandidatePaths> {
  const budget = options.budget ?? new WorkBudget();
  // Certificate times have whole seconds: compare at that granularity (x509-limbo notafter-fractional).
  const at = new Date(Math.floor((input.at ?? new Date()).getTime() / 1000) * 1000);
  // The reading awaits apart from the search: an async function saves and restores all its
  // locals at every await, and the search holds many.
  const read = await readInput(input);
  return searchPaths(input, options, budget, at, read.leaf, read.presented, read.intermediates);
}

interface InputCertificates {
  leaf: VerifyCert;
  presented: (VerifyCert | undefined)[];
  intermediates: (VerifyCert | undefined)[];
}

async function readInput(input: VerifyInput): Promise<InputCertificates> {
  // Read side by side (each read waits on a digest), then used in the order given; readKnownCert
  // never fails, so nothing is left rejected if the leaf's read does.
  const presentedReads = (input.presented ?? []).map(readKnownCert);
  const intermediateReads = input.intermediates.map(readKnownCert);
  const leaf = await readVerifyCert(input.leaf);
  return { leaf, presented: await inOrder(presentedReads), intermediates: await inOrder(intermediateReads) };
}

async function searchPaths(
  input: VerifyInput,
  options: BuildOptions,
  budget: WorkBudget,
  at: Date,
  leaf: VerifyCert,
  presented: (VerifyCert | undefined)[],
  intermediates: (VerifyCert | undefined)[],
): Promise<CandidatePaths> {
  const certificates = new Map<string, Uint8Array>([[leaf.sha256, leaf.der]]);
  const bySubject = new Map<string, VerifyCert[]>();
  const sources = new Map<string, CertificateSource>();
  const addToPool = (cert: VerifyCert, source: CertificateSource) => {
    if (sources.has(cert.sha256)) return;
    sources.set(cert.sha256, source);
    certificates.set(cert.sha256, cert.der);
    const list = bySubject.get(cert.subjectKey) ?? [];
    list.push(cert);
    bySubject.set(cert.subjectKey, list);
  };
  for (let i = 0; i < intermediates.length; i++) {
    const cert = intermediates[i];
    if (cert && cert.sha256 !== leaf.sha256) addToPool(cert, 'sent');
  }

  const anchors = AnchorIndex.for(input.anchors);
  const storeNames = anchors.storeNames;

  const anchored: AnchoredChain[] = [];
  const deadEnds: VerifyCert[][] = [];
  const fetchedUrls = new Set<string>();
  let stopped: WorkExhausted | undefined;

  // extend is split into short steps, each optimized early and cheaply (see parseCertificate).
  // The steps answer at once unless they must read anchors or fetch at AIA, and are awaited only
  // then: an await costs a turn of the queue even on a known value, and an async step is compiled
  // into extend as a state machine of its own.
  async function extend(chain: VerifyCert[]): Promise<void> {
    if (anchored.length >= limits.maxPaths || budget.buildingOverdue()) return;
    budget.spend('pathSteps');
    const top = chain[chain.length - 1];
    const ends = endsAtAnchor(chain, top);
    if (ends instanceof Promise ? await ends : ends) return;
    const byAnchor = anchorIssuers(chain, top);
    let extended = byAnchor instanceof Promise ? await byAnchor : byAnchor;
    if (chain.length > limits.maxDepth + 1) {
      if (!extended) deadEnds.push(chain);
      return;
    }
    const pool = poolIssuers(chain, top, extended);
    const candidates = rankIssuers(top, pool instanceof Promise ? await pool : pool);
    for (let i = 0; i < candidates.length; i++) {
      budget.spend('pathSteps');
      await extend([...chain, candidates[i]]);
      extended = true;
    }
    if (!extended) deadEnds.push(chain);
  }

  /** `use` on the anchors with a subject: at once where the index knows them, else once it has read them. */
  function withAnchorsNamed<T>(key: string, use: (entries: AnchorEntry[]) => T): T | Promise<T> {
    const entries = anchors.withSubjectNow(key);
    return entries ? use(entries) : anchors.withSubject(key).then(use);
  }

  /** The chain already contains a trusted certificate (a sent root, or a trusted leaf): true when building stops there. */
  function endsAtAnchor(chain: VerifyCert[], top: VerifyCert): boolean | Promise<boolean> {
    return withAnchorsNamed(top.subjectKey, (entries) => endsAtOneOf(entries, chain, top));
  }

  function endsAtOneOf(entries: AnchorEntry[], chain: VerifyCert[], top: VerifyCert): boolean {
    const topAsAnchor = entries.find((entry) => entry.cert.sha256 === top.sha256 || sameKey(entry.cert, top));
    if (!topAsAnchor) return false;
    anchored.push({ chain: [...chain.slice(0, -1), topAsAnchor.cert], anchorStores: topAsAnchor.stores });
    const everywhere = storeNames.every((name) => topAsAnchor.stores.includes(name));
    return !options.continuePastPartialAnchors || everywhere || top.selfIssued;
  }

  /** Each anchor that may have issued `top` ends a path; whether any did. */
  function anchorIssuers(chain: VerifyCert[], top: VerifyCert): boolean | Promise<boolean> {
    return withAnchorsNamed(top.issuerKey, (entries) => endPathsAt(entries, chain, top));
  }

  function endPathsAt(issuerAnchors: AnchorEntry[], chain: VerifyCert[], top: VerifyCert): boolean {
    let extended = false;
    const ranked = rankIssuers(
      top,
      issuerAnchors.map((entry) => entry.cert),
    );
    for (let i = 0; i < ranked.length; i++) {
      const anchor = ranked[i];
      budget.spend('pathSteps');
      const entry = issuerAnchors.find((candidate) => candidate.cert === anchor);
      if (!entry || chain.some((cert) => cert.sha256 === anchor.sha256)) continue;
      anchored.push({ chain: [...chain, anchor], anchorStores: entry.stores });
      extended = true;
    }
    return extended;
  }

  /** Certificates of the issuer's name that are not already on the chain: sent ones, else fetched at AIA. */
  function poolIssuers(
    chain: VerifyCert[],
    top: VerifyCert,
    extended: boolean,
  ): VerifyCert[] | Promise<VerifyCert[]> {
    // Every certificate of the issuer's name is looked at: a pool of look-alikes costs its size.
    const sameName = bySubject.get(top.issuerKey) ?? [];
    budget.spend('pathSteps', sameName.length);
    const candidates = sameName.filter(
      (candidate) => !chain.some((cert) => cert.sha256 === candidate.sha256 || sameKey(cert, candidate)),
    );
    if (candidates.length > 0 || extended || !input.fetchIssuers || top.selfIssued) return candidates;
    return fetchIssuersOf(top, input.fetchIssuers).then(() =>
      (bySubject.get(top.issuerKey) ?? []).filter(
        (candidate) => !chain.some((cert) => cert.sha256 === candidate.sha256),
      ),
    );
  }

  async function fetchIssuersOf(
    top: VerifyCert,
    fetchIssuers: (url: string) => Promise<Uint8Array[]>,
  ): Promise<void> {
    for (const url of top.caIssuersUrls) {
      if (fetchedUrls.has(url) || fetchedUrls.size >= limits.maxAiaFetches) continue;
      fetchedUrls.add(url);
      try {
        for (const der of await fetchIssuers(url)) {
          const cert = await readKnownCert(der);
          if (cert) addToPool(cert, 'aia');
        }
      } catch {
        // An unreachable AIA URL leaves the chain incomplete; the finding says so.
      }
    }
  }
  try {
    await extend([leaf]);
  } catch (error) {
    if (!(error instanceof WorkExhausted)) throw error;
    stopped = error;
  }

  const presentedShas = new Set<string>();
  for (let i = 0; i < presented.length; i++) {
    const cert = presented[i];
    if (cert) presentedShas.add(cert.sha256);
  }
  const built: CandidatePaths = {
    input,
    at,
    leaf,
    anchored,
    deadEnds,
    presented,
    presentedShas,
    sources,
    known: knownCertificates(bySubject),
    certificates,
    storeNames,
  };
  if (stopped) built.stopped = stopped;
  return built;
}

/** Every certificate of the pool, each once. */
function knownCertificates(bySubject: Map<string, VerifyCert[]>): VerifyCert[] {
  const known = new Set<VerifyCert>();
  for (const list of bySubject.values()) for (let i = 0; i < list.length; i++) known.add(list[i]);
  return Array.from(known);
}

/** Issuers whose key identifier matches come first (cheap, and usually right). */
function rankIssuers(child: VerifyCert, candidates: VerifyCert[]): VerifyCert[] {
  return [...candidates].sort((a, b) => score(b) - score(a));
  function score(candidate: VerifyCert): number {
    if (child.authorityKeyId && candidate.subjectKeyId)
      return child.authorityKeyId === candidate.subjectKeyId ? 2 : 0;
    return 1;
  }
}
