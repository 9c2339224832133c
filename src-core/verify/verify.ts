/**
 * Path building and validation (RFC 5280 §6, with the checks browsers add): from a leaf, the
 * certificates a server sent, trust stores and optionally AIA-fetched issuers, enumerate the
 * candidate paths to a trust anchor, validate each, pick the best, and report findings on it and
 * on what was sent.
 */
import { equalBytes, nonCriticalBasicConstraints, oids, readVerifyCert, type VerifyCert } from './cert';
import type { ParsedCrl } from './crl';
import { inheritedDsaParameters } from './dsa';
import { fastSubjectKey } from './fast-name';
import type { RevocationCheck, RevocationEvidence } from './revocation';
import { processPolicies, type PolicyInputs } from './policy';
import { finding, severityRank, type Finding } from './findings';
import { checkNameConstraints, leafMatchesName, namesOf, type ExpectedName } from './names';
import { signatureHash, verifySignature } from './signature';

export interface TrustAnchorStore {
  /** `public` (the bundled Mozilla roots), `system`, `user`, or a name of the caller's. */
  name: string;
  certificates: Uint8Array[];
}

export interface VerifyInput {
  leaf: Uint8Array;
  /** Other certificates available for building (what the server sent, files dropped…). */
  intermediates: Uint8Array[];
  anchors: TrustAnchorStore[];
  host?: ExpectedName;
  /** Validation time (default now). */
  at?: Date;
  /** Required extended key usage; null checks none. Default serverAuth. */
  purpose?: 'serverAuth' | 'clientAuth' | null;
  /** Most intermediates allowed between leaf and anchor. */
  maxDepth?: number;
  /** Warn when a certificate expires within this many days (default 30). */
  expiryDays?: number;
  /** What the server sent, in wire order, for order/extra/duplicate findings. */
  presented?: Uint8Array[];
  /** Fetches the issuers at an AIA caIssuers URL (supplied by the service layer). */
  fetchIssuers?: (url: string) => Promise<Uint8Array[]>;
  /** RFC 5280 §6.1.1 policy inputs (default: any policy, nothing explicit). */
  policy?: PolicyInputs;
  /** CRLs (DER) to check revocation with; always used when given. */
  crls?: Uint8Array[];
  /**
   * The OCSP response the server stapled: bytes, `null` when a probe saw none, undefined when
   * there was no connection (files), which skips the stapling checks.
   */
  stapledOcsp?: Uint8Array | null;
  /**
   * Opt-in online revocation: OCSP responses and CRLs fetched for the certificates of a path
   * (`fetchRevocation` in the API). Each certificate without a usable answer gets a
   * `revocation-unknown` warning; the fetched CRLs are checked like `crls`.
   */
  revocation?: RevocationEvidence;
  /** Which store counts as public for `local-anchor-only` (default `public`). */
  publicStoreName?: string;
}

export type CertificateSource = 'sent' | 'aia' | 'store';

export interface PathCertificate {
  sha256: string;
  source: CertificateSource;
  /** The stores holding it, when it is an anchor. */
  stores?: string[];
}

export interface CandidatePath {
  /** Leaf first; the trust anchor (if reached) last. */
  certificates: PathCertificate[];
  /** True when the path ends at a trust anchor. */
  anchored: boolean;
  anchorStores: string[];
  trusted: boolean;
  findings: Finding[];
  /** When every certificate of the path is valid at once. */
  validityWindow?: { notBefore: Date; notAfter: Date };
  /** How each certificate's revocation was checked, leaf first (only with `revocation` input). */
  revocation?: RevocationCheck[];
}

export interface VerifyResult {
  trusted: boolean;
  paths: CandidatePath[];
  /** Index into `paths`, or -1 when no path could be built at all. */
  chosenPath: number;
  /** The chosen path's findings plus those about what was sent. */
  findings: Finding[];
  validityWindow?: { notBefore: Date; notAfter: Date };
  /** The chosen path's revocation checks, when online revocation evidence was given. */
  revocation?: RevocationCheck[];
  /** Leaf + the intermediates it needs, in order: what a server should send. */
  fixedChain: Uint8Array[];
  /** Every certificate mentioned, by SHA-256. */
  certificates: Record<string, Uint8Array>;
  validationTime: Date;
}

const defaultPolicy: PolicyInputs = {
  initialPolicySet: ['2.5.29.32.0'],
  explicitPolicy: false,
  inhibitPolicyMapping: false,
  inhibitAnyPolicy: false,
};
const limits = { maxPaths: 32, maxDepth: 12, timeBudgetMs: 3000, maxAiaFetches: 8 };
const day = 86_400_000;

/** Parsed anchors are reused across calls (stores pass the same arrays every time). */
const parsedCache = new WeakMap<Uint8Array, Promise<VerifyCert | undefined>>();

function parse(der: Uint8Array): Promise<VerifyCert | undefined> {
  let parsed = parsedCache.get(der);
  if (!parsed) {
    parsed = readVerifyCert(der).catch(() => undefined);
    parsedCache.set(der, parsed);
  }
  return parsed;
}

interface Pool {
  bySubject: Map<string, VerifyCert[]>;
  source: Map<string, CertificateSource>;
}

/** The trust store of the roots shipped with the runtime (Mozilla's), by the name the services give it. */
const bundledStoreName = 'public';

export async function verifyChain(
  input: VerifyInput,
  /** CRL issuers whose own paths are being validated further up (RFC 5280 §6.3.3 f); callers leave it out. */
  validatingSigners: ReadonlySet<string> = new Set(),
): Promise<VerifyResult> {
  // Certificate times have whole seconds: compare at that granularity (x509-limbo notafter-fractional).
  const at = new Date(Math.floor((input.at ?? new Date()).getTime() / 1000) * 1000);
  const purpose = input.purpose === undefined ? 'serverAuth' : input.purpose;
  const publicStore = input.publicStoreName ?? 'public';
  const started = Date.now();
  const certificates: Record<string, Uint8Array> = {};

  const leaf = await readVerifyCert(input.leaf);
  certificates[leaf.sha256] = leaf.der;

  const anchors = AnchorIndex.for(input.anchors);
  const pool: Pool = { bySubject: new Map(), source: new Map() };
  const addToPool = (cert: VerifyCert, source: CertificateSource) => {
    if (pool.source.has(cert.sha256)) return;
    pool.source.set(cert.sha256, source);
    certificates[cert.sha256] = cert.der;
    const list = pool.bySubject.get(cert.subjectKey) ?? [];
    list.push(cert);
    pool.bySubject.set(cert.subjectKey, list);
  };
  // Read side by side (each read waits on a digest), then used in the order given.
  const [presentedParsed, intermediatesParsed] = await Promise.all([
    Promise.all((input.presented ?? []).map(parse)),
    Promise.all(input.intermediates.map(parse)),
  ]);
  const presentedSet = new Set<string>();
  for (const cert of presentedParsed) if (cert) presentedSet.add(cert.sha256);
  for (const cert of intermediatesParsed) if (cert && cert.sha256 !== leaf.sha256) addToPool(cert, 'sent');

  const anchorFor = async (cert: VerifyCert) =>
    (await anchors.withSubject(cert.subjectKey)).find(
      (entry) => entry.cert.sha256 === cert.sha256 || sameKey(entry.cert, cert),
    );
  let aiaFetches = 0;
  const fetchedUrls = new Set<string>();

  // Depth-first enumeration of paths; each is leaf → … → anchor (or a dead end, kept for the verdict).
  const complete: { chain: VerifyCert[]; anchorStores: string[] }[] = [];
  const deadEnds: VerifyCert[][] = [];
  const maxDepth = limits.maxDepth;

  async function extend(chain: VerifyCert[]): Promise<void> {
    if (complete.length >= limits.maxPaths || Date.now() - started > limits.timeBudgetMs) return;
    const top = chain[chain.length - 1];
    const topAsAnchor = await anchorFor(top);
    if (topAsAnchor) {
      // The chain already contains a trusted certificate (a sent root, or a trusted leaf).
      complete.push({ chain: [...chain.slice(0, -1), topAsAnchor.cert], anchorStores: topAsAnchor.stores });
      return;
    }
    let extended = false;
    const issuerAnchors = await anchors.withSubject(top.issuerKey);
    for (const anchor of rankIssuers(
      top,
      issuerAnchors.map((entry) => entry.cert),
    )) {
      const entry = issuerAnchors.find((candidate) => candidate.cert === anchor);
      if (!entry || chain.some((cert) => cert.sha256 === anchor.sha256)) continue;
      complete.push({ chain: [...chain, anchor], anchorStores: entry.stores });
      extended = true;
    }
    if (chain.length > maxDepth + 1) {
      if (!extended) deadEnds.push(chain);
      return;
    }
    let candidates = (pool.bySubject.get(top.issuerKey) ?? []).filter(
      (candidate) => !chain.some((cert) => cert.sha256 === candidate.sha256 || sameKey(cert, candidate)),
    );
    if (candidates.length === 0 && !extended && input.fetchIssuers && !top.selfIssued) {
      for (const url of top.caIssuersUrls) {
        if (fetchedUrls.has(url) || aiaFetches >= limits.maxAiaFetches) continue;
        fetchedUrls.add(url);
        aiaFetches++;
        try {
          for (const der of await input.fetchIssuers(url)) {
            const cert = await parse(der);
            if (cert) addToPool(cert, 'aia');
          }
        } catch {
          // An unreachable AIA URL leaves the chain incomplete; the finding says so.
        }
      }
      candidates = (pool.bySubject.get(top.issuerKey) ?? []).filter(
        (candidate) => !chain.some((cert) => cert.sha256 === candidate.sha256),
      );
    }
    for (const candidate of rankIssuers(top, candidates)) {
      await extend([...chain, candidate]);
      extended = true;
    }
    if (!extended) deadEnds.push(chain);
  }
  await extend([leaf]);

  // Revocation code loads only when a caller gives CRLs, OCSP or online evidence: most calls don't.
  const needsRevocation = Boolean(input.crls?.length || input.revocation);
  const revocationCode = needsRevocation
    ? await Promise.all([import('./crl'), import('./revocation')])
    : undefined;
  const readCrls = async (ders: Uint8Array[]) =>
    revocationCode
      ? (await Promise.all(ders.map(revocationCode[0].readCrl))).filter((crl): crl is ParsedCrl =>
          Boolean(crl),
        )
      : [];
  const crls = await readCrls(input.crls ?? []);
  // Fetched CRLs join the given ones for the online check (checkRevocation picks by issuer).
  const onlineCrls = input.revocation
    ? [
        ...crls,
        ...(await readCrls(
          input.revocation.certificates.flatMap((entry) =>
            entry.crls.flatMap((crl) => (crl.der ? [crl.der] : [])),
          ),
        )),
      ]
    : [];
  const knownCertificates = () => [...new Set([...pool.bySubject.values()].flat())];
  const signerVerdicts = new Map<string, Promise<boolean>>();
  /**
   * RFC 5280 §6.3.3 (f): a CRL signed by anyone but the certificate's issuer counts only when the
   * signer's own path validates, to the same trust anchor, revocation included. A CRL issuer whose
   * status is on its own CRL vouches for itself there (it is being validated already).
   */
  const crlSignerValidator =
    (anchorSha: string | undefined) =>
    (signer: VerifyCert): Promise<boolean> => {
      if (validatingSigners.has(signer.sha256)) return Promise.resolve(true);
      if (!anchorSha || validatingSigners.size >= 3) return Promise.resolve(false);
      const key = `${signer.sha256}/${anchorSha}`;
      let verdict = signerVerdicts.get(key);
      if (!verdict) {
        verdict = verifyChain(
          {
            leaf: signer.der,
            intermediates: knownCertificates().map((cert) => cert.der),
            anchors: input.anchors,
            ...(input.crls ? { crls: input.crls } : {}),
            ...(input.publicStoreName ? { publicStoreName: input.publicStoreName } : {}),
            at,
            purpose: null,
            expiryDays: 0,
          },
          new Set([...validatingSigners, signer.sha256]),
        ).then(
          (result) =>
            result.trusted && result.paths[result.chosenPath]?.certificates.at(-1)?.sha256 === anchorSha,
          () => false,
        );
        signerVerdicts.set(key, verdict);
      }
      return verdict;
    };
  const evidenceBySha = new Map(input.revocation?.certificates.map((entry) => [entry.sha256, entry]));
  const paths: CandidatePath[] = [];
  for (const { chain, anchorStores } of complete) {
    paths.push(await validatePath(chain, anchorStores, true));
  }
  if (paths.length === 0) {
    const longest = deadEnds.sort((a, b) => b.length - a.length)[0] ?? [leaf];
    paths.push(await validatePath(longest, [], false));
  }

  async function validatePath(
    chain: VerifyCert[],
    anchorStores: string[],
    anchored: boolean,
  ): Promise<CandidatePath> {
    const findings: Finding[] = [];
    const last = chain.length - 1;
    const leafCert = chain[0];
    // Signatures, CA status and key usage of each issuer.
    const dsaParameters = inheritedDsaParameters(chain);
    for (let i = 0; i < last; i++) {
      const child = chain[i];
      const issuer = chain[i + 1];
      const verdict = await verifySignature(child, issuer, dsaParameters[i + 1]);
      if (verdict !== 'valid')
        findings.push(
          finding(
            'bad-signature',
            child.sha256,
            verdict === 'unsupported' ? 'unsupported signature algorithm or key' : undefined,
          ),
        );
      const isAnchor = anchored && i + 1 === last;
      if (!issuer.basicConstraints?.ca && !(isAnchor && issuer.version < 2))
        findings.push(finding('not-a-ca', issuer.sha256));
      if (issuer.keyUsage && !issuer.keyUsage.has('keyCertSign'))
        findings.push(finding('issuer-key-usage', issuer.sha256));
    }
    if (!anchored) {
      const top = chain[last];
      if (top.selfIssued && chain.length > 1) findings.push(finding('untrusted-root', top.sha256));
      else if (top.selfIssued && chain.length === 1) {
        const verdict = await verifySignature(top, top);
        findings.push(finding(verdict === 'valid' ? 'self-signed-leaf' : 'unknown-issuer', top.sha256));
      } else findings.push(finding('unknown-issuer', top.sha256));
    }
    // CRLs may be signed by another certificate of the CA (key rollover) or, indirect, by a CRL issuer.
    const crlOptions = {
      otherSigners: [...chain, ...knownCertificates()],
      validateSigner: crlSignerValidator(anchored ? chain[last].sha256 : undefined),
      dsaParameters: new Map(
        chain.flatMap((cert, index) => (dsaParameters[index] ? [[cert.sha256, dsaParameters[index]]] : [])),
      ),
    };
    // Online revocation (opt-in): no answer is a warning, unless CRLs given as input ask for fail-closed.
    let revocation: RevocationCheck[] | undefined;
    if (input.revocation && revocationCode) {
      revocation = [];
      for (let i = 0; i < last; i++) {
        const check = await revocationCode[1].checkFetchedRevocation(
          chain[i],
          chain[i + 1],
          evidenceBySha.get(chain[i].sha256),
          onlineCrls,
          at,
          crlOptions,
        );
        revocation.push(check);
        if (check.status === 'revoked') findings.push(finding('revoked', chain[i].sha256, check.detail));
        if (check.status === 'unknown')
          findings.push(
            finding('revocation-unknown', chain[i].sha256, check.detail, crls.length ? 'error' : undefined),
          );
      }
      revocation.push({
        sha256: chain[last].sha256,
        method: 'none',
        urls: [],
        status: 'not-checked',
        detail: anchored
          ? 'a trust anchor is trusted as it is'
          : chain.length > 1
            ? 'its issuer was not found'
            : 'its issuer was not found (or it signed itself)',
      });
    }
    // Revocation, where CRLs were given: a CRL that can't be trusted fails closed, as the caller asked for it.
    else if (crls.length && revocationCode) {
      for (let i = 0; i < last; i++) {
        const status = await revocationCode[0].checkRevocation(chain[i], chain[i + 1], crls, at, crlOptions);
        if (status.status === 'revoked')
          findings.push(finding('revoked', chain[i].sha256, revocationCode[0].describeRevoked(status)));
        if (status.status === 'unknown')
          findings.push(finding('revocation-unknown', chain[i].sha256, status.reason, 'error'));
        if (status.status === 'no-crl')
          findings.push(
            finding('revocation-unknown', chain[i].sha256, 'no CRL that covers it was given', 'error'),
          );
      }
    }
    // Certificate policies (RFC 5280 §6.1.3 d–f, 6.1.4, 6.1.5), from below the anchor down to the leaf.
    if (anchored) {
      const policyProblem = processPolicies(chain.slice(0, last).reverse(), input.policy ?? defaultPolicy);
      if (policyProblem) findings.push(finding('policy-violation', leafCert.sha256, policyProblem));
    }
    // Path length: a CA's pathLen counts the non-self-issued intermediates below it.
    for (let j = 1; j <= last; j++) {
      const pathLen = chain[j].basicConstraints?.pathLen;
      if (pathLen === undefined) continue;
      let below = 0;
      for (let k = 1; k < j; k++) if (!chain[k].selfIssued) below++;
      if (below > pathLen) findings.push(finding('path-length-exceeded', chain[j].sha256));
    }
    // Depth counts logical intermediates: self-issued ones (key rollover) don't add a level.
    const intermediates = chain.slice(1, anchored ? -1 : undefined).filter((cert) => !cert.selfIssued).length;
    if (input.maxDepth !== undefined && intermediates > input.maxDepth)
      findings.push(finding('depth-exceeded', leafCert.sha256));

    // Per-certificate checks.
    for (const [index, cert] of chain.entries()) {
      const isAnchor = anchored && index === last;
      if (at < cert.notBefore) findings.push(finding('not-yet-valid', cert.sha256));
      else if (at > cert.notAfter) findings.push(finding('expired', cert.sha256));
      else if (
        input.expiryDays !== 0 &&
        cert.notAfter.getTime() - at.getTime() < (input.expiryDays ?? 30) * day
      ) {
        findings.push(
          finding(
            'expires-soon',
            cert.sha256,
            `${Math.floor((cert.notAfter.getTime() - at.getTime()) / day)} days`,
          ),
        );
      }
      if (cert.unknownCritical.length)
        findings.push(finding('unknown-critical-extension', cert.sha256, cert.unknownCritical.join(', ')));
      const profileProblems = [
        // A trust anchor is a name and a key: its serial number is nobody's business here. Path
        // validation (RFC 5280 §6.1.4 k, NIST PKITS 4.6.4) needs a CA's basicConstraints, not its
        // critical flag: that profile rule is held against trust anchors only (x509-limbo) — and
        // not against the roots of the public store, which browsers trust as their program ships
        // them (one Mozilla root has a non-critical basicConstraints).
        ...cert.malformed.filter(
          (problem) =>
            !(isAnchor && index > 0 && problem.startsWith('serial')) &&
            !(
              problem === nonCriticalBasicConstraints &&
              (!isAnchor || anchorStores.includes(bundledStoreName))
            ),
        ),
        ...cert.duplicateExtensions.map((oid) => `duplicate extension ${oid}`),
        ...(cert.signatureFieldsMatch ? [] : ['the two signature algorithm fields differ']),
        // Key identifiers: every certificate but the anchor names its issuer's key; CAs name their own.
        ...(!cert.authorityKeyId && !isAnchor && cert.version >= 2 ? ['authorityKeyIdentifier missing'] : []),
        ...(!cert.subjectKeyId && cert.basicConstraints?.ca && !isAnchor
          ? ['subjectKeyIdentifier missing from a CA']
          : []),
      ];
      if (profileProblems.length)
        findings.push(finding('profile-violation', cert.sha256, profileProblems.join('; ')));
      // …unless the anchor is the leaf itself (a trusted self-signed certificate): that one is served.
      const derProblems =
        isAnchor && index > 0
          ? cert.nonStrictDer.filter((problem) => !problem.includes('serial'))
          : cert.nonStrictDer;
      if (derProblems.length) findings.push(finding('non-strict-der', cert.sha256, derProblems.join('; ')));
      if (
        (cert.key.algorithm === 'RSA' && (cert.key.bits ?? 0) < 2048) ||
        (cert.key.algorithm === 'EC' && (cert.key.bits ?? 0) < 256)
      ) {
        findings.push(finding('weak-key', cert.sha256, `${cert.key.algorithm} ${cert.key.bits ?? '?'} bits`));
      }
      const hash = signatureHash(cert);
      if (!isAnchor && (hash === 'SHA-1' || hash === 'MD5' || hash === 'MD2'))
        findings.push(finding('weak-signature', cert.sha256, hash));
      // Name constraints of every CA above this certificate (self-issued intermediates are exempt).
      if (index === 0 || !cert.selfIssued) {
        for (let j = index + 1; j <= last; j++) {
          const constraints = chain[j].nameConstraints;
          if (!constraints) continue;
          const violation = checkNameConstraints(namesOf(cert, index === 0), constraints);
          if (violation) findings.push(finding('name-constraint-violation', cert.sha256, violation));
        }
      }
      // Extended key usage: the leaf, and any CA that restricts it, must allow the purpose.
      if (purpose && cert.extKeyUsage && !isAnchor) {
        const wanted = purpose === 'serverAuth' ? oids.serverAuth : oids.clientAuth;
        if (!cert.extKeyUsage.includes(wanted) && !cert.extKeyUsage.includes(oids.anyExtendedKeyUsage)) {
          findings.push(finding('eku-mismatch', cert.sha256));
        }
      }
    }

    // The leaf as a TLS certificate.
    if (purpose === 'serverAuth' || purpose === 'clientAuth') {
      const usage = leafCert.keyUsage;
      if (
        usage &&
        !usage.has('digitalSignature') &&
        !usage.has('keyEncipherment') &&
        !usage.has('keyAgreement')
      ) {
        findings.push(finding('leaf-key-usage', leafCert.sha256));
      }
    }
    if (input.host) {
      if (!leafCert.san) findings.push(finding('missing-san', leafCert.sha256));
      if (!leafMatchesName(leafCert, input.host))
        findings.push(finding('hostname-mismatch', leafCert.sha256, input.host.value));
    }
    if (
      leafCert.san &&
      leafCert.commonNames.length &&
      !leafCert.commonNames.every(
        (cn) =>
          leafCert.san?.dns.some((dns) => dns.toLowerCase() === cn.toLowerCase()) || leafCert.san?.ip.length,
      )
    ) {
      findings.push(finding('cn-not-in-san', leafCert.sha256));
    }
    const lifetimeDays = (leafCert.notAfter.getTime() - leafCert.notBefore.getTime()) / day;
    if (
      purpose === 'serverAuth' &&
      leafCert.notBefore >= new Date('2020-09-01T00:00:00Z') &&
      lifetimeDays > 398 &&
      chain.length > 1
    ) {
      findings.push(finding('long-validity', leafCert.sha256, `${Math.round(lifetimeDays)} days`));
    }
    if (input.stapledOcsp === null && leafCert.mustStaple)
      findings.push(finding('must-staple-missing', leafCert.sha256));
    if (input.stapledOcsp && chain.length > 1) {
      const { checkOcspResponse } = await import('./ocsp');
      const verdict = await checkOcspResponse(input.stapledOcsp, leafCert, chain[1], {
        at,
        label: 'the stapled OCSP response',
      });
      if (verdict.status === 'revoked')
        findings.push(finding('revoked', leafCert.sha256, 'according to the stapled OCSP response'));
      else if (verdict.status !== 'good')
        findings.push(finding('ocsp-stapled-invalid', leafCert.sha256, verdict.problem));
    }
    if (
      anchored &&
      anchorStores.length &&
      !anchorStores.includes(publicStore) &&
      input.anchors.some((store) => store.name === publicStore)
    ) {
      findings.push(finding('local-anchor-only', chain[last].sha256, anchorStores.join(', ')));
    }

    const notBefore = new Date(Math.max(...chain.map((cert) => cert.notBefore.getTime())));
    const notAfter = new Date(Math.min(...chain.map((cert) => cert.notAfter.getTime())));
    const certificatesOut: PathCertificate[] = chain.map((cert, index) => {
      const isAnchor = anchored && index === last;
      if (isAnchor) return { sha256: cert.sha256, source: 'store', stores: anchorStores };
      const source: CertificateSource =
        index === 0 || presentedSet.has(cert.sha256) ? 'sent' : (pool.source.get(cert.sha256) ?? 'sent');
      return { sha256: cert.sha256, source };
    });
    for (const cert of chain) certificates[cert.sha256] = cert.der;
    const unique = dedupe(findings);
    return {
      certificates: certificatesOut,
      anchored,
      anchorStores,
      trusted: anchored && !unique.some((item) => item.severity === 'error'),
      findings: unique,
      ...(notBefore <= notAfter ? { validityWindow: { notBefore, notAfter } } : {}),
      ...(revocation ? { revocation } : {}),
    };
  }

  // Best first: trusted; anchored in the public store; fewer errors; shorter; stronger; later expiry.
  const order = paths
    .map((path, index) => ({ path, index }))
    .sort(
      (a, b) =>
        rank(a.path) - rank(b.path) ||
        (b.path.validityWindow?.notAfter.getTime() ?? 0) - (a.path.validityWindow?.notAfter.getTime() ?? 0),
    );
  function rank(path: CandidatePath): number {
    const errors = path.findings.filter((item) => item.severity === 'error').length;
    const weak = path.findings.filter(
      (item) => item.code === 'weak-signature' || item.code === 'weak-key',
    ).length;
    return (
      (path.trusted ? 0 : 1_000_000) +
      (path.anchorStores.includes(publicStore) ? 0 : 100_000) +
      errors * 1000 +
      path.certificates.length * 10 +
      weak
    );
  }
  const sortedPaths = order.map((entry) => entry.path);
  const chosen = sortedPaths[0];

  // What was sent, judged against the chosen path.
  const sentFindings: Finding[] = [];
  if (presentedParsed.length) {
    const seen = new Set<string>();
    const pathShas = chosen.certificates.map((cert) => cert.sha256);
    for (const cert of presentedParsed) {
      if (!cert) continue;
      if (seen.has(cert.sha256)) {
        sentFindings.push(finding('duplicate-certificate', cert.sha256));
        continue;
      }
      seen.add(cert.sha256);
      if (!pathShas.includes(cert.sha256)) {
        const isSentAnchor =
          chosen.anchored &&
          sameKey(cert, (await parse(certificates[pathShas[pathShas.length - 1]])) as VerifyCert);
        if (!isSentAnchor) sentFindings.push(finding('extra-certificate', cert.sha256));
      }
    }
    const anchorSha = chosen.anchored ? pathShas[pathShas.length - 1] : undefined;
    if (anchorSha) {
      const anchorCert = await parse(certificates[anchorSha]);
      const sentRoot = presentedParsed.find(
        (cert) => cert && (cert.sha256 === anchorSha || (anchorCert && sameKey(cert, anchorCert))),
      );
      if (sentRoot) sentFindings.push(finding('anchor-sent', sentRoot.sha256));
    }
    // Order: the path's certificates that were sent should appear leaf first, each followed by its issuer.
    const positions = pathShas
      .map((sha) => presentedParsed.findIndex((cert) => cert?.sha256 === sha))
      .filter((position) => position >= 0);
    if (
      positions.some((position, index) => index > 0 && position < positions[index - 1]) ||
      (positions.length && positions[0] !== 0)
    ) {
      sentFindings.push(finding('wrong-order', presentedParsed[0]?.sha256));
    }
    const missing = chosen.certificates
      .slice(1, chosen.anchored ? -1 : undefined)
      .filter((cert) => !presentedSet.has(cert.sha256));
    if (missing.length && chosen.anchored) sentFindings.push(finding('incomplete-chain', missing[0].sha256));
  }

  const allFindings = dedupe([...chosen.findings, ...sentFindings]).sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity],
  );
  const fixedChain = chosen.certificates
    .slice(0, chosen.anchored ? -1 : undefined)
    .map((cert) => certificates[cert.sha256]);
  return {
    trusted: chosen.trusted,
    paths: sortedPaths,
    chosenPath: 0,
    findings: allFindings,
    ...(chosen.validityWindow ? { validityWindow: chosen.validityWindow } : {}),
    ...(chosen.revocation ? { revocation: chosen.revocation } : {}),
    fixedChain,
    certificates,
    validationTime: at,
  };
}

interface AnchorEntry {
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
class AnchorIndex {
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

  private readonly sizes: number[];
  private readonly bySubject = new Map<string, IndexedAnchor[]>();
  private readonly unindexed: IndexedAnchor[] = [];
  private slowPathDone = false;

  private constructor(stores: TrustAnchorStore[]) {
    this.sizes = stores.map((store) => store.certificates.length);
    // The same root is usually in several stores (the bundled one and the OS's). Comparing or
    // reading every copy is most of a one-off run's start-up, so a copy is matched by its length
    // and signature tail alone and compared byte for byte only once a lookup needs it.
    const byTail = new Map<string, IndexedAnchor>();
    for (const store of stores) {
      for (const der of store.certificates) {
        const tail = `${der.length}:${String.fromCharCode(...der.subarray(Math.max(0, der.length - 32)))}`;
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
      else this.add({ der: twin.der, stores: [twin.store] });
    }
  }

  async withSubject(subjectKey: string): Promise<AnchorEntry[]> {
    let candidates = this.bySubject.get(subjectKey) ?? [];
    if (candidates.length === 0 && this.unindexed.length && !this.slowPathDone) {
      this.slowPathDone = true;
      for (const entry of this.unindexed) {
        const cert = await parse(entry.der);
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
      const cert = await parse(entry.der);
      if (cert && cert.subjectKey === subjectKey) parsed.push({ cert, stores: entry.stores });
    }
    return parsed;
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

/** Issuers whose key identifier matches come first (cheap, and usually right). */
function rankIssuers(child: VerifyCert, candidates: VerifyCert[]): VerifyCert[] {
  return [...candidates].sort((a, b) => score(b) - score(a));
  function score(candidate: VerifyCert): number {
    if (child.authorityKeyId && candidate.subjectKeyId)
      return child.authorityKeyId === candidate.subjectKeyId ? 2 : 0;
    return 1;
  }
}

function sameKey(a: VerifyCert, b: VerifyCert): boolean {
  return a.subjectKey === b.subjectKey && equalBytes(a.spki, b.spki);
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
