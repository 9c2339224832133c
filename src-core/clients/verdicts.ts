/**
 * A verdict per client from one path search: the paths are built once with every store any
 * client trusts (verifyForSelections), then judged once per client profile — its stores, its AIA
 * behaviour, its checks, its rules. Each verdict says, in one sentence, why it differs from the
 * chosen client's.
 */
import { readSubjectDisplayName } from '../x509/certificate';
import type { RootProgramId } from '../trust/root-programs';
import { verifyForSelections, type TrustAnchorStore, type VerifyInput, type VerifyResult } from '../verify';
import { recordAiaFetches, type AiaFetcher } from '../verify/aia-fetches';
import { checkRegistry, type CheckName, type CheckSelection } from '../verify/checks/registry';
import { finding, findingDefinitions, severityRank, type Finding } from '../verify/findings';
import {
  clientIds,
  clientProfiles,
  clientProgramIds,
  defaultClient,
  programOf,
  type ClientId,
  type ClientProfile,
} from './profiles';

/** What the root program data gives the profiles: each program's anchors and blocked list, Chrome's dates. */
export interface ProgramStores {
  /** A program's trusted roots as a store named after the program. */
  anchors(program: RootProgramId): TrustAnchorStore;
  /** SHA-256s the program blocks. */
  blocked(program: RootProgramId): readonly string[];
  /** Chrome Root Store anchors (SHA-256) usable only for certificates issued up to a date, for the modelled Chrome version. */
  chromeDistrust: ReadonlyMap<string, { date: Date; rule: string }>;
  /** "Chrome Root Store 36", … for notes. */
  describe(program: RootProgramId): string;
}

export interface ClientVerdictsOptions {
  /** The clients to judge for (default all ten), in this order. */
  clients?: readonly ClientId[];
  /** The client the others are compared with (default chrome). */
  chosen?: ClientId;
  /** The root programs' stores; without them every client uses the stores given. */
  programs?: ProgramStores;
  /** The TLS version the connection negotiated (a probe), for `legacy-tls-version`. */
  tlsVersion?: string;
}

export interface ClientVerdict {
  client: ClientId;
  name: string;
  label: string;
  trusted: boolean;
  result: VerifyResult;
  /** The client's own main reason: its first error, or "trusted". */
  reason: string;
  /** Why it differs from the chosen client, in one sentence; absent when it agrees. */
  differs?: string;
  /** Assumptions behind this verdict (preloaded intermediates, SCTs not verified…). */
  notes: string[];
  /** The stores its anchors came from. */
  stores: string[];
}

export interface ClientVerdicts {
  chosen: ClientId;
  verdicts: ClientVerdict[];
}

/** Stores that are a machine's or the app's own public lists, not the user's anchors. */
const nonLocalStores = new Set(['public', 'system']);
const legacyVersions = new Set(['SSL 3.0', 'TLS 1.0', 'TLS 1.1']);

const combined = new WeakMap<
  TrustAnchorStore[],
  Map<string, { programs: ProgramStores; stores: TrustAnchorStore[] }>
>();

/**
 * The input's stores plus the programs' of the clients judged, the same array call after call (the
 * anchor index is kept per array). Only those: a client's path never ends in another's program, and
 * one client's verdict then needs only its own program's anchors (the page's first answer).
 */
function storesWithPrograms(
  anchors: TrustAnchorStore[],
  programs: ProgramStores,
  ids: readonly RootProgramId[],
): TrustAnchorStore[] {
  const key = ids.join(',');
  let byIds = combined.get(anchors);
  if (!byIds) combined.set(anchors, (byIds = new Map()));
  const cached = byIds.get(key);
  if (cached && cached.programs === programs) return cached.stores;
  const stores = [...anchors, ...ids.map((id) => programs.anchors(id))];
  byIds.set(key, { programs, stores });
  return stores;
}

/** The root programs the clients' stores come from, in clientProgramIds order. */
export function programsOf(clients: readonly ClientId[]): RootProgramId[] {
  return clientProgramIds.filter((id) => clients.some((client) => programOf(clientProfiles[client]) === id));
}

/** Whether public trust is in use: the bundled public store was given (not `--ca-only`, not a request's own anchors). */
function publicTrustInUse(input: VerifyInput): boolean {
  return input.anchors.some((store) => store.name === (input.publicStoreName ?? 'public'));
}

interface Plan {
  profile: ClientProfile;
  selection: CheckSelection;
  stores: string[];
}

/** A profile's selection for this input: its stores, AIA, checks, rules. */
export function selectionFor(
  profile: ClientProfile,
  input: VerifyInput,
  programs: ProgramStores | undefined,
): Plan {
  const given = input.anchors.map((store) => store.name);
  const publicName = input.publicStoreName ?? 'public';
  const programNames = new Set<string>(clientProgramIds);
  const local = given.filter(
    (name) => !nonLocalStores.has(name) && !programNames.has(name) && name !== publicName,
  );
  const usePrograms = programs !== undefined && publicTrustInUse(input);
  let anchorStores: string[] | undefined;
  let publicStores: string[];
  const program = programOf(profile);
  if (program && usePrograms) {
    anchorStores = [program, ...local];
    publicStores = [program];
  } else if (profile.store.kind === 'system') {
    const system = given.includes('system') ? 'system' : publicName;
    anchorStores = [...(given.includes(system) ? [system] : []), ...local];
    publicStores = [system];
  } else if (profile.store.kind === 'program') {
    // Without the program data (or with the user's own anchors only): the stores given.
    anchorStores = given.filter((name) => name !== 'system');
    publicStores = [publicName];
  } else {
    anchorStores = undefined;
    publicStores = [publicName];
  }
  const optional = checksAddedBy(profile);
  const checks = checkRegistry
    .filter(
      (check) =>
        (!check.optional && !(profile.without as readonly string[]).includes(check.name)) ||
        optional.includes(check.name as CheckName),
    )
    .map((check) => check.name as CheckName);
  const blocked = profile.refusesBlocked && program && programs ? programs.blocked(program) : [];
  const selection: CheckSelection = {
    checks,
    severities: profile.severities,
    aiaFetching: profile.aiaFetching,
    ...(anchorStores ? { anchorStores } : {}),
    rules: {
      ...profile.rules,
      publicStores,
      blocked: new Set(blocked),
      distrustAfter: profile.chromeConstraints && programs ? programs.chromeDistrust : new Map(),
      clientName: profile.name,
    },
  };
  return { profile, selection, stores: anchorStores ?? given };
}

/** The optional checks a profile adds: those it names and those with its prefix, in registry order. */
export function checksAddedBy(profile: ClientProfile): CheckName[] {
  return checkRegistry
    .filter(
      (check) =>
        (profile.with as readonly string[]).includes(check.name) ||
        (profile.withPrefix !== undefined && check.name.startsWith(profile.withPrefix)),
    )
    .map((check) => check.name as CheckName);
}

/** Every client's verdict on one chain, from a single path search. */
export async function verifyForClients(
  input: VerifyInput,
  options: ClientVerdictsOptions = {},
): Promise<ClientVerdicts> {
  const clients = options.clients ?? clientIds;
  const chosen = options.chosen ?? defaultClient;
  const order = clients.includes(chosen) ? clients : [chosen, ...clients];
  const anchors =
    options.programs && publicTrustInUse(input)
      ? storesWithPrograms(input.anchors, options.programs, programsOf(order))
      : input.anchors;
  const plans = order.map((id) => selectionFor(clientProfiles[id], input, options.programs));
  const results = await verifyForSelections(
    { ...input, anchors },
    plans.map((plan) => plan.selection),
  );
  const verdicts = plans.map((plan, index): ClientVerdict => {
    const result = withConnection(results[index], plan.profile, options.tlsVersion);
    return {
      client: plan.profile.id,
      name: plan.profile.name,
      label: plan.profile.label,
      trusted: result.trusted && !result.findings.some((item) => item.severity === 'error'),
      result,
      reason: '',
      notes: notesFor(plan.profile, result),
      stores: plan.stores,
    };
  });
  for (const verdict of verdicts) verdict.reason = mainReason(verdict);
  const led = leadWith({ chosen, verdicts }, chosen);
  return { chosen, verdicts: led.verdicts.filter((verdict) => clients.includes(verdict.client)) };
}

/**
 * The same verdicts led by another client: each one's `differs` now says why it is not that
 * client's answer (no new verification — a click in the app). Unchanged when that client's
 * verdict is not among them.
 */
export function leadWith(verdicts: ClientVerdicts, chosen: ClientId): ClientVerdicts {
  const base = verdicts.verdicts.find((verdict) => verdict.client === chosen);
  if (!base) return verdicts;
  return {
    chosen,
    verdicts: verdicts.verdicts.map((verdict) => {
      const { differs: _previous, ...rest } = verdict;
      const why = verdict === base ? undefined : differsFrom(verdict, base, clientProfiles[verdict.client]);
      return why ? { ...rest, differs: why } : rest;
    }),
  };
}

/**
 * `verifyForClients` on what the app's and the CLI's verifications are given: an AIA fetcher that
 * may answer with its outcome (the API's) rather than issuers.
 */
export function verifyForClientsGiven(
  given: Omit<VerifyInput, 'fetchIssuers'> & { fetchIssuers?: AiaFetcher },
  options: ClientVerdictsOptions = {},
): Promise<ClientVerdicts> {
  const { fetchIssuers, ...rest } = given;
  return verifyForClients(
    { ...rest, ...(fetchIssuers ? { fetchIssuers: recordAiaFetches(fetchIssuers).fetchIssuers } : {}) },
    options,
  );
}

/** The connection's findings under a client's rules (browsers refuse TLS < 1.2). */
function withConnection(
  result: VerifyResult,
  profile: ClientProfile,
  tlsVersion: string | undefined,
): VerifyResult {
  if (!tlsVersion || !legacyVersions.has(tlsVersion)) return result;
  const legacy = finding(
    'legacy-tls-version',
    undefined,
    `the server negotiated ${tlsVersion}`,
    profile.legacyTls,
  );
  const findings = [...result.findings, legacy].sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity],
  );
  return { ...result, findings };
}

function notesFor(profile: ClientProfile, result: VerifyResult): string[] {
  const notes: string[] = [];
  const path = result.paths[result.chosenPath];
  const fetched = path?.certificates.filter((certificate) => certificate.source === 'aia') ?? [];
  if (profile.aiaFetching === 'public' && fetched.length)
    notes.push(
      `${profile.name} doesn't fetch ${nameIn(result, fetched[0].sha256)}: this verdict assumes it is a CCADB-disclosed intermediate, which ${profile.name} preloads.`,
    );
  if (result.findings.some((item) => item.code === 'ct-unchecked' || item.code === 'ct-insufficient'))
    notes.push('SCTs counted, not verified: Certscope ships no CT log list.');
  return notes;
}

function nameIn(result: VerifyResult, sha256: string | undefined): string {
  if (!sha256) return 'a certificate';
  const der = result.certificates[sha256];
  if (!der) return sha256.slice(0, 16);
  try {
    return readSubjectDisplayName(der);
  } catch {
    return sha256.slice(0, 16);
  }
}

function errors(verdict: ClientVerdict): Finding[] {
  return verdict.result.findings.filter((item) => item.severity === 'error');
}

function describe(result: VerifyResult, item: Finding): string {
  const title = findingDefinitions[item.code].title;
  const about = item.certificate ? ` (${nameIn(result, item.certificate)})` : '';
  // Lower-case inside the sentence, unless the first word is an acronym ("CA/B Forum", "SHA-1").
  const acronym = /[A-Z].*[A-Z0-9]/.test(title.split(/\s/, 1)[0]);
  const inSentence = acronym ? title : `${title.charAt(0).toLowerCase()}${title.slice(1)}`;
  return `${inSentence}${about}${item.detail ? `: ${item.detail}` : ''}`;
}

function mainReason(verdict: ClientVerdict): string {
  const [first] = errors(verdict);
  if (verdict.trusted || !first) return 'trusted';
  return describe(verdict.result, first);
}

const missingIssuerCodes = new Set(['unknown-issuer', 'untrusted-root', 'self-signed-leaf']);

/** One sentence: why `verdict` is not the same answer as `base`'s (undefined when it is). */
function differsFrom(
  verdict: ClientVerdict,
  base: ClientVerdict,
  profile: ClientProfile,
): string | undefined {
  if (verdict.trusted === base.trusted) return undefined;
  if (!verdict.trusted) {
    const basePath = base.result.paths[base.result.chosenPath];
    const fetched = basePath?.certificates.find((certificate) => certificate.source === 'aia');
    const ownErrors = errors(verdict);
    const notAnchored = ownErrors.some((item) => missingIssuerCodes.has(item.code));
    if (fetched && notAnchored && profile.aiaFetching !== true)
      return `the server doesn't send the intermediate ${nameIn(base.result, fetched.sha256)} and ${profile.name} doesn't fetch it${profile.aiaFetching === 'public' ? ' (it preloads only intermediates public CAs disclosed)' : ''}`;
    const anchor = basePath?.anchored ? basePath.certificates.at(-1) : undefined;
    if (anchor && notAnchored)
      return `${nameIn(base.result, anchor.sha256)} is not among ${profile.name}'s trusted roots`;
    const baseCodes = new Set(
      base.result.findings.filter((item) => item.severity === 'error').map((item) => item.code),
    );
    const own = ownErrors.find((item) => !baseCodes.has(item.code)) ?? ownErrors[0];
    if (!own) return `${profile.name} refuses it`;
    // A finding already in the client's name ("CA/B Forum: certificate policies missing") isn't named twice.
    const said = describe(verdict.result, own);
    const ownPrefix = `${profile.name}: `;
    return `${profile.name} refuses it: ${said.startsWith(ownPrefix) ? said.slice(ownPrefix.length) : said}`;
  }
  const ownCodes = new Set(verdict.result.findings.map((item) => item.code));
  const baseError = errors(base).find((item) => !ownCodes.has(item.code)) ?? errors(base)[0];
  return baseError
    ? `${profile.name} accepts what ${base.name} refuses: ${describe(base.result, baseError)}`
    : `${profile.name} accepts it`;
}
