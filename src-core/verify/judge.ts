/**
 * Judging built paths under one selection of checks: run the selected checks on each candidate,
 * rank the candidates, judge what was sent against the best, and give the verdict. A build can be
 * judged again and again (one selection per client); nothing here changes it.
 */
import type { VerifyCert } from './cert';
import { WorkBudget, WorkExhausted } from './budget';
import { inOrder, settledLater } from './in-order';
import { inheritedDsaParameters } from '../crypto/dsa';
import { finding, severityRank, type Finding } from './findings';
import { buildPaths, type AnchoredChain, type CandidatePaths } from './path-builder';
import type { PolicyInputs } from './policy';
import { defaultSelection, selectedChecks, type CheckSelection } from './checks/registry';
import { defaultRules } from './checks/rules';
import {
  linkAt,
  type Check,
  type CheckContext,
  type PathOutcome,
  type PathUnderCheck,
  type RevocationInputs,
} from './checks/types';
import type { ParsedCrl } from './crl';
import type { RevocationCheck } from './revocation';
import type { CandidatePath, CertificateSource, PathCertificate, VerifyResult } from './types';

export interface JudgeOptions {
  /** The verdict's work budget (default: a fresh one). */
  budget?: WorkBudget;
}

const defaultPolicy: PolicyInputs = {
  initialPolicySet: ['2.5.29.32.0'],
  explicitPolicy: false,
  inhibitPolicyMapping: false,
  inhibitAnyPolicy: false,
};

interface Judged {
  under: PathUnderCheck;
  path: CandidatePath;
}

/** The verdict on built paths under `selection`; running out of budget ends it with `too-much-work`. */
export async function judgePaths(
  candidates: CandidatePaths,
  selection: CheckSelection = defaultSelection,
  options: JudgeOptions = {},
): Promise<VerifyResult> {
  const budget = options.budget ?? new WorkBudget();
  const certificates = new Map(candidates.certificates);
  try {
    return await judge(candidates, selection, budget, new Set(), certificates);
  } catch (error) {
    if (!(error instanceof WorkExhausted)) throw error;
    if (error instanceof PathStopped)
      return stoppedVerdict(candidates, error.exhausted, certificates, error.judged);
    return stoppedVerdict(candidates, error, certificates);
  }
}

/** Where the budget ran out inside a path's checks: that path, with what was found before. */
class PathStopped extends WorkExhausted {
  constructor(
    readonly exhausted: WorkExhausted,
    readonly judged: Judged,
  ) {
    super(exhausted.kind, exhausted.spent, exhausted.limit, exhausted.scope);
  }
}

async function judge(
  candidates: CandidatePaths,
  selection: CheckSelection,
  budget: WorkBudget,
  validatingSigners: ReadonlySet<string>,
  certificates: Map<string, Uint8Array>,
): Promise<VerifyResult> {
  const { input } = candidates;
  const { anchored, deadEnds } = selectCandidates(candidates, selection, selection.rules?.publicStores);
  if (anchored.length === 0 && candidates.stopped) throw candidates.stopped;
  const checks = selectedChecks(selection);
  const { at } = candidates;
  const publicStoreName = input.publicStoreName ?? 'public';
  const publicStores = selection.rules?.publicStores ?? [publicStoreName];
  const context: Omit<CheckContext, 'budget'> = {
    at,
    purpose: input.purpose === undefined ? 'serverAuth' : input.purpose,
    host: input.host,
    expiryDays: input.expiryDays ?? 30,
    maxDepth: input.maxDepth,
    policy: input.policy ?? defaultPolicy,
    stapledOcsp: input.stapledOcsp,
    publicStoreName,
    publicStoreGiven: input.anchors.some(
      (store) => publicStores.includes(store.name) && (selection.anchorStores?.includes(store.name) ?? true),
    ),
    revocation: await revocationInputs(candidates, at, budget, validatingSigners),
    rules: { ...defaultRules, publicStores, ...selection.rules },
  };
  const judgeOne = (chain: VerifyCert[], anchorStores: string[], isAnchored: boolean) =>
    judgePath(chain, anchorStores, isAnchored, checks, context, budget, selection, candidates, certificates);
  const judged: Judged[] = [];
  for (const { chain, anchorStores } of anchored) judged.push(await judgeOne(chain, anchorStores, true));
  if (judged.length === 0) {
    const longest = [...deadEnds].sort((a, b) => b.length - a.length)[0] ?? [candidates.leaf];
    judged.push(await judgeOne(longest, [], false));
  }
  const ranked = rankPaths(judged, publicStores);
  const chosen = ranked[0];

  const sentFindings: Finding[] = [];
  if (candidates.presented.length) {
    const sent = {
      presented: candidates.presented,
      presentedShas: candidates.presentedShas,
      chosen: chosen.under,
    };
    for (const check of checks)
      if (check.scope === 'sent') sentFindings.push(...check.run(sent, { ...context, budget }));
  }
  if (candidates.stopped && !chosen.path.trusted)
    sentFindings.push(finding('too-much-work', candidates.leaf.sha256, candidates.stopped.detail));
  const findings = dedupe([...chosen.path.findings, ...applySeverities(sentFindings, selection)]).sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity],
  );
  return verdict(
    ranked.map((entry) => entry.path),
    chosen,
    findings,
    certificates,
    at,
  );
}

async function judgePath(
  chain: VerifyCert[],
  anchorStores: string[],
  anchored: boolean,
  checks: readonly Check[],
  base: Omit<CheckContext, 'budget'>,
  budget: WorkBudget,
  selection: CheckSelection,
  candidates: CandidatePaths,
  certificates: Map<string, Uint8Array>,
): Promise<Judged> {
  const under: PathUnderCheck = {
    chain,
    anchored,
    anchorStores,
    last: chain.length - 1,
    dsaParameters: inheritedDsaParameters(chain),
  };
  const context: CheckContext = { ...base, budget: budget.forPath() };
  const findings: Finding[] = [];
  let revocation: RevocationCheck[] | undefined;
  for (let i = 0; i < chain.length; i++) certificates.set(chain[i].sha256, chain[i].der);
  const judged = (): Judged => ({
    under,
    path: describePath(under, dedupe(applySeverities(findings, selection)), candidates, revocation),
  });
  try {
    const ran = runChecks(checks, under, context, findings);
    revocation = ran instanceof Promise ? await ran : ran;
  } catch (error) {
    if (!(error instanceof WorkExhausted)) throw error;
    const exhausted = error instanceof PathStopped ? error.exhausted : error;
    findings.push(finding('too-much-work', chain[0].sha256, exhausted.detail));
    throw new PathStopped(exhausted, judged());
  }
  return judged();
}

/**
 * The selected checks in registry order. Neighbouring link (or certificate) checks form a block
 * run certificate by certificate. A link block's signature checks start side by side and run
 * while the checks after them do their own work; findings are gathered in registry order.
 */
function runChecks(
  checks: readonly Check[],
  path: PathUnderCheck,
  context: CheckContext,
  findings: Finding[],
): RevocationCheck[] | undefined | Promise<RevocationCheck[] | undefined> {
  // Short, its blocks run by helpers: each is optimized early and cheaply (see parseCertificate).
  // A promise only where a check answers with one (WebCrypto, a fetch): otherwise the whole run
  // costs no turn of the microtask queue.
  const revocation: { found?: RevocationCheck[] } = {};
  const blocks: (Finding[] | Promise<Finding[]>)[] = [];
  const runFrom = (first: number): RevocationCheck[] | undefined | Promise<RevocationCheck[] | undefined> => {
    for (let start = first; start < checks.length;) {
      let end = start + 1;
      while (end < checks.length && checks[end].scope === checks[start].scope) end++;
      const block = checks.slice(start, end);
      start = end;
      switch (block[0].scope) {
        case 'link':
          // Taken below; if a later check throws first (the budget), its failure is no stray rejection.
          blocks.push(settledLater(runLinkBlock(block, path, context)));
          break;
        case 'certificate':
          blocks.push(runCertificateBlock(block, path, context));
          break;
        case 'path': {
          // The blocks after a path block start once it has answered.
          const pathFindings = runPathBlock(block, path, context, revocation);
          if (pathFindings instanceof Promise) {
            const next = start;
            return pathFindings.then((found) => {
              blocks.push(found);
              return runFrom(next);
            });
          }
          blocks.push(pathFindings);
          break;
        }
        case 'sent':
          // Judged once, against the chosen path.
          break;
      }
    }
    const all = gather(blocks);
    if (all instanceof Promise)
      return all.then((found) => {
        appendAll(findings, found);
        return revocation.found;
      });
    appendAll(findings, all);
    return revocation.found;
  };
  return runFrom(0);
}

function runCertificateBlock(
  block: readonly Check[],
  path: PathUnderCheck,
  context: CheckContext,
): Finding[] {
  const found: Finding[] = [];
  for (let index = 0; index < path.chain.length; index++)
    for (let i = 0; i < block.length; i++) {
      const check = block[i];
      if (check.scope === 'certificate') appendAll(found, check.run(path.chain[index], index, path, context));
    }
  return found;
}

/** The path checks in order; a promise only once one of them answers with one. */
function runPathBlock(
  block: readonly Check[],
  path: PathUnderCheck,
  context: CheckContext,
  revocation: { found?: RevocationCheck[] },
  from = 0,
  found: Finding[] = [],
): Finding[] | Promise<Finding[]> {
  for (let i = from; i < block.length; i++) {
    const check = block[i];
    if (check.scope !== 'path') continue;
    const returned = check.run(path, context);
    if (returned instanceof Promise)
      return returned.then((outcome) => {
        takePathOutcome(outcome, found, revocation);
        return runPathBlock(block, path, context, revocation, i + 1, found);
      });
    takePathOutcome(returned, found, revocation);
  }
  return found;
}

function takePathOutcome(
  outcome: Finding[] | PathOutcome,
  found: Finding[],
  revocation: { found?: RevocationCheck[] },
): void {
  if (Array.isArray(outcome)) return appendAll(found, outcome);
  appendAll(found, outcome.findings);
  revocation.found = outcome.revocation ?? revocation.found;
}

/** push(...items) without the spread: most checks find nothing, and a spread costs a call either way. */
function appendAll<T>(into: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) into.push(items[i]);
}

function runLinkBlock(
  block: readonly Check[],
  path: PathUnderCheck,
  context: CheckContext,
): Finding[] | Promise<Finding[]> {
  // Every check of every link starts before any is awaited (signatures side by side), then their
  // findings are taken in link and registry order.
  const started: (Finding[] | Promise<Finding[]>)[] = [];
  for (let index = 0; index < path.last; index++) {
    const link = linkAt(path, index);
    for (let i = 0; i < block.length; i++) {
      const check = block[i];
      if (check.scope === 'link') started.push(settledLater(check.run(link, path, context)));
    }
  }
  return gather(started);
}

/** The findings of results started side by side, in order. */
function gather(results: readonly (Finding[] | Promise<Finding[]>)[]): Finding[] | Promise<Finding[]> {
  for (let i = 0; i < results.length; i++)
    if (results[i] instanceof Promise)
      return inOrder(results).then((each) => {
        const found: Finding[] = [];
        for (let j = 0; j < each.length; j++) appendAll(found, each[j]);
        return found;
      });
  const found: Finding[] = [];
  for (let i = 0; i < results.length; i++) appendAll(found, results[i] as Finding[]);
  return found;
}

function describePath(
  under: PathUnderCheck,
  findings: Finding[],
  candidates: CandidatePaths,
  revocation: RevocationCheck[] | undefined,
): CandidatePath {
  const { chain, anchored, last } = under;
  const anchorStores = under.anchorStores.slice();
  let latestStart = -Infinity;
  let earliestEnd = Infinity;
  for (let i = 0; i < chain.length; i++) {
    latestStart = Math.max(latestStart, chain[i].notBefore.getTime());
    earliestEnd = Math.min(earliestEnd, chain[i].notAfter.getTime());
  }
  const notBefore = new Date(latestStart);
  const notAfter = new Date(earliestEnd);
  const certificates: PathCertificate[] = chain.map((cert, index) => {
    if (anchored && index === last) return { sha256: cert.sha256, source: 'store', stores: anchorStores };
    const source: CertificateSource =
      index === 0 || candidates.presentedShas.has(cert.sha256)
        ? 'sent'
        : (candidates.sources.get(cert.sha256) ?? 'sent');
    return { sha256: cert.sha256, source };
  });
  const described: CandidatePath = {
    certificates,
    anchored,
    anchorStores,
    trusted: anchored && !findings.some((item) => item.severity === 'error'),
    findings,
  };
  if (notBefore <= notAfter) described.validityWindow = { notBefore, notAfter };
  if (revocation) described.revocation = revocation;
  return described;
}

/** Best first: trusted; anchored in the public store; fewer errors; shorter; stronger; later expiry. */
function rankPaths(judged: Judged[], publicStores: readonly string[]): Judged[] {
  const rank = ({ path }: Judged): number => {
    const errors = path.findings.filter((item) => item.severity === 'error').length;
    const weak = path.findings.filter(
      (item) => item.code === 'weak-signature' || item.code === 'weak-key',
    ).length;
    return (
      (path.trusted ? 0 : 1_000_000) +
      (path.anchorStores.some((store) => publicStores.includes(store)) ? 0 : 100_000) +
      errors * 1000 +
      path.certificates.length * 10 +
      weak
    );
  };
  const expiry = ({ path }: Judged) => path.validityWindow?.notAfter.getTime() ?? 0;
  return [...judged].sort((a, b) => rank(a) - rank(b) || expiry(b) - expiry(a));
}

function verdict(
  paths: CandidatePath[],
  chosen: Judged,
  findings: Finding[],
  certificates: Map<string, Uint8Array>,
  validationTime: Date,
): VerifyResult {
  const { path } = chosen;
  let record: Record<string, Uint8Array> | undefined;
  const result: VerifyResult = {
    trusted: path.trusted,
    paths,
    chosenPath: 0,
    findings,
    fixedChain: chosen.under.chain.slice(0, path.anchored ? -1 : undefined).map((cert) => cert.der),
    // Made when first read (an enumerable getter: JSON and structured clones copy it): as an
    // object's keys every digest is interned, and a batch line never reads them.
    get certificates() {
      return (record ??= Object.fromEntries(certificates));
    },
    validationTime,
  };
  if (path.validityWindow) result.validityWindow = path.validityWindow;
  if (path.revocation) result.revocation = path.revocation;
  return result;
}

/** The verdict when the budget ran out: the path being judged (or the leaf alone), not trusted. */
function stoppedVerdict(
  candidates: CandidatePaths,
  error: WorkExhausted,
  certificates: Map<string, Uint8Array>,
  judged?: Judged,
): VerifyResult {
  const { at } = candidates;
  if (judged) {
    const path = { ...judged.path, trusted: false };
    return verdict([path], { ...judged, path }, sortBySeverity(path.findings), certificates, at);
  }
  const leaf = candidates.leaf;
  const findings = [finding('too-much-work', leaf.sha256, error.detail)];
  const path: CandidatePath = {
    certificates: [{ sha256: leaf.sha256, source: 'sent' }],
    anchored: false,
    anchorStores: [],
    trusted: false,
    findings,
  };
  const under: PathUnderCheck = {
    chain: [leaf],
    anchored: false,
    anchorStores: [],
    last: 0,
    dsaParameters: [],
  };
  return verdict([path], { path, under }, findings, certificates, at);
}

/**
 * The candidates as a client of this selection would have built them: paths anchored only in
 * stores it doesn't trust end short of an anchor; without AIA, a path stops before its first
 * fetched certificate.
 */
function selectCandidates(
  candidates: CandidatePaths,
  selection: CheckSelection,
  publicStores: readonly string[] = [],
): { anchored: AnchoredChain[]; deadEnds: VerifyCert[][] } {
  let anchored = candidates.anchored;
  let deadEnds = candidates.deadEnds;
  if (selection.anchorStores) {
    const trusted = new Set(selection.anchorStores);
    const kept: AnchoredChain[] = [];
    deadEnds = [...deadEnds];
    for (const { chain, anchorStores } of anchored) {
      const stores = anchorStores.filter((store) => trusted.has(store));
      if (stores.length) kept.push({ chain, anchorStores: stores });
      else {
        const top = chain[chain.length - 1];
        const known = chain.length === 1 || candidates.sources.has(top.sha256);
        deadEnds.push(known ? chain : chain.slice(0, -1));
      }
    }
    anchored = kept;
  }
  if (selection.aiaFetching === false || selection.aiaFetching === 'public') {
    const onlyPublic = selection.aiaFetching === 'public';
    const fetchAllowed = (stores: readonly string[]) =>
      onlyPublic && stores.some((store) => publicStores.includes(store));
    const fetchedAt = (chain: VerifyCert[]) =>
      chain.findIndex((cert, index) => index > 0 && candidates.sources.get(cert.sha256) === 'aia');
    const firstFetched = (chain: VerifyCert[], stores: readonly string[] = []) =>
      fetchAllowed(stores) ? -1 : fetchedAt(chain);
    const cut = (chain: VerifyCert[]) => {
      const index = firstFetched(chain);
      return index < 0 ? chain : chain.slice(0, index);
    };
    deadEnds = [
      ...deadEnds.map(cut),
      ...anchored
        .filter(({ chain, anchorStores }) => firstFetched(chain, anchorStores) >= 0)
        .map(({ chain }) => cut(chain)),
    ];
    anchored = anchored.filter(({ chain, anchorStores }) => firstFetched(chain, anchorStores) < 0);
  }
  return { anchored, deadEnds };
}

/** Revocation evidence read once per verdict, and how CRL issuers other than the CA are validated. */
async function revocationInputs(
  candidates: CandidatePaths,
  at: Date,
  budget: WorkBudget,
  validatingSigners: ReadonlySet<string>,
): Promise<RevocationInputs | undefined> {
  const { input } = candidates;
  // Revocation code loads only when a caller gives CRLs or online evidence: most calls don't.
  if (!input.crls?.length && !input.revocation) return undefined;
  const [crlCode, revocationCode] = await Promise.all([import('./crl'), import('./revocation')]);
  const readCrls = async (ders: Uint8Array[]) =>
    (await Promise.all(ders.map(crlCode.readCrl))).filter((crl): crl is ParsedCrl => Boolean(crl));
  const crls = await readCrls(input.crls ?? []);
  const online = input.revocation
    ? {
        bySha: new Map(input.revocation.certificates.map((entry) => [entry.sha256, entry])),
        // Fetched CRLs join the given ones (checkRevocation picks by issuer).
        crls: [
          ...crls,
          ...(await readCrls(
            input.revocation.certificates.flatMap((entry) =>
              entry.crls.flatMap((crl) => (crl.der ? [crl.der] : [])),
            ),
          )),
        ],
      }
    : undefined;
  const signerVerdicts = new Map<string, Promise<boolean>>();
  /**
   * RFC 5280 §6.3.3 (f): a CRL signed by anyone but the certificate's issuer counts only when the
   * signer's own path validates, to the same trust anchor, revocation included — on the same
   * budget. A CRL issuer whose status is on its own CRL vouches for itself there.
   */
  const validateSigner =
    (anchorSha: string | undefined) =>
    (signer: VerifyCert): Promise<boolean> => {
      if (validatingSigners.has(signer.sha256)) return Promise.resolve(true);
      if (!anchorSha || validatingSigners.size >= 3) return Promise.resolve(false);
      const key = `${signer.sha256}/${anchorSha}`;
      let signerVerdict = signerVerdicts.get(key);
      if (!signerVerdict) {
        signerVerdict = verifySigner(
          signer,
          candidates,
          at,
          budget,
          new Set([...validatingSigners, signer.sha256]),
        ).then(
          (result) =>
            result.trusted && result.paths[result.chosenPath]?.certificates.at(-1)?.sha256 === anchorSha,
          (error: unknown) => {
            if (error instanceof WorkExhausted) throw error;
            return false;
          },
        );
        signerVerdicts.set(key, signerVerdict);
      }
      return signerVerdict;
    };
  return {
    crls,
    ...(online ? { online } : {}),
    crlOptions: (path) => ({
      // CRLs may be signed by another certificate of the CA (key rollover) or, indirect, by a CRL issuer.
      otherSigners: [...path.chain, ...candidates.known],
      validateSigner: validateSigner(path.anchored ? path.chain[path.last].sha256 : undefined),
      dsaParameters: new Map(
        path.chain.flatMap((cert, index) =>
          path.dsaParameters[index] ? [[cert.sha256, path.dsaParameters[index]] as const] : [],
        ),
      ),
      onSignatureCheck: () => budget.spend('signatures'),
    }),
    checkRevocation: crlCode.checkRevocation,
    describeRevoked: crlCode.describeRevoked,
    checkFetchedRevocation: revocationCode.checkFetchedRevocation,
  };
}

/** A CRL issuer's own verdict, nested in the one that needs it. */
async function verifySigner(
  signer: VerifyCert,
  candidates: CandidatePaths,
  at: Date,
  budget: WorkBudget,
  validatingSigners: ReadonlySet<string>,
): Promise<VerifyResult> {
  const { input } = candidates;
  const nested = await buildPaths(
    {
      leaf: signer.der,
      intermediates: candidates.known.map((cert) => cert.der),
      anchors: input.anchors,
      ...(input.crls ? { crls: input.crls } : {}),
      ...(input.publicStoreName ? { publicStoreName: input.publicStoreName } : {}),
      at,
      purpose: null,
      expiryDays: 0,
    },
    { budget },
  );
  return judge(nested, defaultSelection, budget, validatingSigners, new Map(nested.certificates));
}

function applySeverities(findings: Finding[], selection: CheckSelection): Finding[] {
  const overrides = selection.severities;
  if (!overrides) return findings;
  return findings.flatMap((item) => {
    const severity = overrides[item.code];
    if (severity === undefined) return [item];
    return severity === 'off' ? [] : [{ ...item, severity }];
  });
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((item) => {
    const key = `${item.code}/${item.certificate ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortBySeverity(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}
