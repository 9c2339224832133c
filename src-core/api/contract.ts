/**
 * The one typed API between the renderer and the main-process services.
 *
 * Main (IPC handlers), preload (exposed functions), web mode (HTTP adapter) and the
 * renderer's clients all compile against this file. Adding a call means adding it to
 * `CertscopeApi` and to `apiMethods` below; the compiler then points at every place
 * that has to handle it.
 *
 * Only plain data crosses this boundary: strings, numbers, booleans, arrays, plain
 * objects, `Uint8Array` (DER bytes) and `Date`. Parsing happens in the core, on either side.
 */
import type { ProbeFailure, ProbeRequest, ProbeResult, ProxySettings } from '../tls/types';
import type { ProbeProgress } from '../tls/progress';
import type { RevocationEvidence, TrustAnchorStore } from '../verify';
import type { AiaFetchOutcome, FetchScope } from '../verify/aia-fetches';

export type { FetchScope } from '../verify/aia-fetches';
import type { InspectionReport } from '../report/report';
import { rootProgramIds, type RootProgramId, type RootProgramsView } from '../trust/root-programs';
import type { ProgramAnchors } from '../clients/program-stores';
import type { ClientId } from '../clients/profiles';
import {
  maxSubjectKeyLength,
  maxSubjectKeysPerLookup,
  type ReachableAnchors,
  type TrustAnchorMatches,
} from '../inspect/anchor-lookup';
import { ApiArgumentError, expectArgs, expectBytes, expectObject, expectString } from './validate';
import { validateProbeRequest, validateProxy } from './validate-probe';

const optionalProxy = (value: unknown): ProxySettings | null =>
  value === null ? null : validateProxy(value);

function optionalScope(value: unknown): FetchScope | null {
  if (value === undefined || value === null) return null;
  const scope = expectObject(value, 'fetch scope');
  const addresses = scope.inspectedAddresses;
  if (addresses !== undefined && (!Array.isArray(addresses) || addresses.length > 64))
    throw new ApiArgumentError('the inspected addresses must be a list of at most 64');
  if (scope.allowPrivate !== undefined && typeof scope.allowPrivate !== 'boolean')
    throw new ApiArgumentError('allowPrivate must be true or false');
  return {
    ...(addresses
      ? { inspectedAddresses: addresses.map((item) => expectString(item, 'inspected address', 64)) }
      : {}),
    ...(scope.allowPrivate !== undefined ? { allowPrivate: scope.allowPrivate } : {}),
  };
}

/** Two arguments, or three with an optional last one (older callers leave it out). */
function expectArgsUpTo(args: unknown[], required: number, optional: number): void {
  if (Array.isArray(args) && args.length > required && args.length <= required + optional) return;
  expectArgs(args, required);
}

export interface AppInfo {
  name: string;
  version: string;
  /** `electron` inside the desktop shell, `web` when served over loopback. */
  mode: 'electron' | 'web';
  /** Runtime versions, for the About box and bug reports. */
  versions: Record<string, string>;
}

/** A probe either captures a handshake or fails with a specific reason (and what it learned). */
export type ProbeOutcome =
  | {
      ok: true;
      result: ProbeResult;
      /** The trust anchors the capture's certificates can reach (absent for a very long chain). */
      anchors?: ReachableAnchors;
    }
  | { ok: false; failure: ProbeFailure };

export interface CertscopeApi {
  /** Name, version and how the app is running. */
  getAppInfo(): Promise<AppInfo>;
  /** Connects to a TLS server and captures what it presents. `probeId` lets `cancelProbe` stop it. */
  probeHost(request: ProbeRequest, probeId: string): Promise<ProbeOutcome>;
  /** Stops a running probe; it then ends with the `cancelled` failure. */
  cancelProbe(probeId: string): Promise<void>;
  /**
   * The phase events of a probe from index `since` on (DNS, connect, proxy, STARTTLS, handshake),
   * as they happened. A long poll: answers with news (gathered over at most ~50 ms, at once when
   * the probe ends), else after about a second.
   */
  getProbeProgress(probeId: string, since: number): Promise<ProbeProgress>;
  /** The trust stores side by side (public Mozilla roots, the OS store), as DER. */
  getTrustStores(): Promise<TrustAnchorStore[]>;
  /**
   * The root programs shipped with the app (Chrome, Mozilla, Apple, Microsoft, Android, Java: each
   * with its version and date) and, for each SHA-256 given (at most 5000), which include or block
   * that root and Chrome's constraints on it.
   */
  getRootPrograms(sha256s: string[]): Promise<RootProgramsView>;
  /**
   * One root program's trusted roots (DER), its blocked list and, for Chrome, the distrust dates
   * of the Chrome version modelled: what a client profile's verdict needs on the page.
   */
  getProgramAnchors(program: RootProgramId): Promise<ProgramAnchors>;
  /**
   * The anchors whose subject has one of these name keys (the verifier's, `nameKey` in `x509/name.ts`),
   * from every store as it is now, and each store's name and size: verification in the page gets
   * only the anchors its certificates can reach.
   */
  findTrustAnchors(subjectKeys: string[]): Promise<TrustAnchorMatches>;
  /**
   * Issuer certificates from an AIA caIssuers URL (http, 1 MiB, 5 s), as DER; via `proxy` when
   * given; only from addresses `scope` allows (public ones unless it says otherwise). Never rejects:
   * the outcome says what was fetched, or why not. Answers (failures too) are cached for the session.
   */
  fetchAiaIssuers(
    url: string,
    proxy: ProxySettings | null,
    scope?: FetchScope | null,
  ): Promise<AiaFetchOutcome>;
  /**
   * Opt-in online revocation for a path (DER, leaf first, anchor last): OCSP via each
   * certificate's AIA responder, else its CRL distribution points (http, 5 s, 8 fetches, cached
   * for the session), via `proxy` when given. Never rejects for a network problem: each one is a
   * reason in the evidence.
   */
  fetchRevocation(
    chain: Uint8Array[],
    proxy: ProxySettings | null,
    scope?: FetchScope | null,
  ): Promise<RevocationEvidence>;
  /** The user's own anchors (DER) and distrusted certificates (SHA-256), and any problem loading them. */
  getUserTrust(): Promise<UserTrustView>;
  /** Adds a certificate to the user's anchors (and stops distrusting it). */
  addTrustAnchor(der: Uint8Array): Promise<UserTrustView>;
  removeTrustAnchor(sha256: string): Promise<UserTrustView>;
  /** Distrusts (or trusts again) a certificate in every store. */
  setDistrusted(sha256: string, distrusted: boolean): Promise<UserTrustView>;
  /** Past inspections, newest first, without their reports. */
  listHistory(): Promise<{ entries: HistorySummaryView[]; problem?: string }>;
  /** One past inspection with its full report. */
  getHistoryEntry(id: string): Promise<(HistorySummaryView & { report: InspectionReport }) | null>;
  /** Keeps an inspection (its report; never keys or passwords). */
  addHistoryEntry(report: InspectionReport): Promise<HistorySummaryView>;
  clearHistory(): Promise<void>;
  /** The lab's classic problems, each with a title and a one-line description. */
  listLabScenarios(): Promise<LabScenarioView[]>;
  /** Starts (or returns) a local TLS server for a lab scenario. */
  startLabScenario(name: string): Promise<LabServerView>;
  listLabServers(): Promise<LabServerView[]>;
  stopLabServers(): Promise<void>;
  getSettings(): Promise<{ settings: AppSettings; problem?: string }>;
  /** Saves the fields given (validated); returns the whole settings. */
  saveSettings(patch: Partial<AppSettings>): Promise<AppSettings>;
  /**
   * Desktop app only: asks where to save with the system save dialog (which confirms before
   * replacing a file), then writes atomically. Cancelling is `saved: false` with no problem; a
   * full disk or read-only folder is `saved: false` with the problem in one sentence. Web mode
   * refuses it (the page downloads instead; web mode writes no files).
   */
  saveExport(suggestedName: string, bytes: Uint8Array): Promise<SaveExportOutcome>;
  /** The report's HTML page printed to PDF by Chromium (Electron's own, or Debian's in web mode). */
  printReportPdf(report: InspectionReport): Promise<Uint8Array>;
}

export interface SaveExportOutcome {
  saved: boolean;
  path?: string;
  problem?: string;
}

export interface AppSettings {
  /** Warn when a certificate expires within this many days. */
  expiryDays: number;
  connectTimeoutSeconds: number;
  deadlineSeconds: number;
  /** Default HTTP CONNECT proxy for inspections ('' for none). */
  proxy: string;
  theme: 'light' | 'dark' | 'system';
  /** Dropped files: let their AIA URLs reach private and loopback addresses (off by default). */
  allowPrivateFetches: boolean;
  /** The client whose answer the verdict leads with (issue 14; Chrome unless chosen). */
  defaultClient: ClientId;
}

export interface LabScenarioView {
  /** Stable name (kebab-case), as tests and the API use it. */
  name: string;
  /** What the Lab list shows, e.g. "Wrong host name". */
  title: string;
  description: string;
}

export interface LabServerView {
  scenario: string;
  description: string;
  host: string;
  port: number;
  /** The roots the Lab trusts for inspections of this server (none where not trusting is the lesson). */
  anchors: Uint8Array[];
  /** The top of the scenario's own hierarchy: its root, or the self-signed leaf. */
  root: Uint8Array;
  /** Revocation is the lesson: inspections of this server check OCSP/CRL (all on this machine). */
  checkRevocation: boolean;
}

export interface HistorySummaryView {
  id: string;
  at: string;
  host: string;
  port?: number;
  trusted: boolean;
  errors: number;
  warnings: number;
}

export interface UserTrustView {
  anchors: Uint8Array[];
  distrusted: string[];
  /** Set when the saved file was unreadable and had to be set aside. */
  problem?: string;
}

export type ApiMethodName = keyof CertscopeApi;
export type ApiArgs<M extends ApiMethodName> = Parameters<CertscopeApi[M]>;
export type ApiResult<M extends ApiMethodName> = Awaited<ReturnType<CertscopeApi[M]>>;

/**
 * Every method with the validator its arguments must pass before a service sees them.
 * Validators run in main (IPC) and in the web adapter, never trusting the caller.
 */
export const apiMethods: { [M in ApiMethodName]: (args: unknown[]) => ApiArgs<M> } = {
  getAppInfo: (args) => {
    expectArgs(args, 0);
    return [];
  },
  probeHost: (args) => {
    expectArgs(args, 2);
    return [validateProbeRequest(args[0]), expectString(args[1], 'probe id', 100)];
  },
  cancelProbe: (args) => {
    expectArgs(args, 1);
    return [expectString(args[0], 'probe id', 100)];
  },
  getProbeProgress: (args) => {
    expectArgs(args, 2);
    if (!Number.isSafeInteger(args[1]) || (args[1] as number) < 0)
      throw new ApiArgumentError('since must be a whole number, 0 or more');
    return [expectString(args[0], 'probe id', 100), args[1] as number];
  },
  getTrustStores: (args) => {
    expectArgs(args, 0);
    return [];
  },
  getRootPrograms: (args) => {
    expectArgs(args, 1);
    if (!Array.isArray(args[0]) || args[0].length > 5000)
      throw new ApiArgumentError('give a list of at most 5000 SHA-256s');
    return [args[0].map(expectSha256)];
  },
  getProgramAnchors: (args) => {
    expectArgs(args, 1);
    if (!(rootProgramIds as readonly unknown[]).includes(args[0]))
      throw new ApiArgumentError(`program must be one of ${rootProgramIds.join(', ')}`);
    return [args[0] as RootProgramId];
  },
  findTrustAnchors: (args) => {
    expectArgs(args, 1);
    const keys = args[0];
    if (!Array.isArray(keys) || keys.length > maxSubjectKeysPerLookup)
      throw new ApiArgumentError(`subject keys must be a list of at most ${maxSubjectKeysPerLookup}`);
    return [keys.map((key) => expectString(key, 'subject key', maxSubjectKeyLength))];
  },
  fetchAiaIssuers: (args) => {
    expectArgsUpTo(args, 2, 1);
    return [expectString(args[0], 'AIA URL', 2048), optionalProxy(args[1]), optionalScope(args[2])];
  },
  fetchRevocation: (args) => {
    expectArgsUpTo(args, 2, 1);
    const chain = args[0];
    if (!Array.isArray(chain) || chain.length < 1 || chain.length > 16)
      throw new ApiArgumentError('the chain must be a list of 1 to 16 certificates');
    return [
      chain.map((der, index) => expectBytes(der, `certificate ${index + 1}`, 64 * 1024)),
      optionalProxy(args[1]),
      optionalScope(args[2]),
    ];
  },
  getUserTrust: (args) => {
    expectArgs(args, 0);
    return [];
  },
  addTrustAnchor: (args) => {
    expectArgs(args, 1);
    return [expectBytes(args[0], 'certificate', 64 * 1024)];
  },
  removeTrustAnchor: (args) => {
    expectArgs(args, 1);
    return [expectSha256(args[0])];
  },
  listHistory: (args) => {
    expectArgs(args, 0);
    return [];
  },
  getHistoryEntry: (args) => {
    expectArgs(args, 1);
    return [expectString(args[0], 'history id', 64)];
  },
  addHistoryEntry: (args) => {
    expectArgs(args, 1);
    return [expectReport(args[0])];
  },
  clearHistory: (args) => {
    expectArgs(args, 0);
    return [];
  },
  listLabScenarios: (args) => {
    expectArgs(args, 0);
    return [];
  },
  startLabScenario: (args) => {
    expectArgs(args, 1);
    return [expectString(args[0], 'scenario name', 64)];
  },
  listLabServers: (args) => {
    expectArgs(args, 0);
    return [];
  },
  stopLabServers: (args) => {
    expectArgs(args, 0);
    return [];
  },
  getSettings: (args) => {
    expectArgs(args, 0);
    return [];
  },
  saveSettings: (args) => {
    expectArgs(args, 1);
    return [expectObject(args[0], 'settings') as Partial<AppSettings>];
  },
  setDistrusted: (args) => {
    expectArgs(args, 2);
    if (typeof args[1] !== 'boolean') throw new ApiArgumentError('distrusted must be true or false');
    return [expectSha256(args[0]), args[1]];
  },
  saveExport: (args) => {
    expectArgs(args, 2);
    return [expectString(args[0], 'file name', 255), expectBytes(args[1], 'export', 32 * 1024 * 1024)];
  },
  printReportPdf: (args) => {
    expectArgs(args, 1);
    return [expectReport(args[0])];
  },
};

function expectReport(value: unknown): InspectionReport {
  const report = expectObject(value, 'report');
  const known = report.schemaVersion === 1 || report.schemaVersion === 2;
  if (!known || !Array.isArray(report.presented) || !Array.isArray(report.findings)) {
    throw new ApiArgumentError('the report is not a Certscope report (schema 1 or 2)');
  }
  return report as unknown as InspectionReport;
}

function expectSha256(value: unknown): string {
  const text = expectString(value, 'SHA-256', 64);
  if (!/^[0-9a-f]{64}$/.test(text)) throw new ApiArgumentError('SHA-256 must be 64 lowercase hex digits');
  return text;
}

export const apiMethodNames = Object.keys(apiMethods) as ApiMethodName[];

export function isApiMethodName(name: string): name is ApiMethodName {
  return Object.prototype.hasOwnProperty.call(apiMethods, name);
}

/** The IPC channel a method travels on in the desktop app. */
export function ipcChannel(method: ApiMethodName): string {
  return `certscope:${method}`;
}

export { ApiArgumentError };
