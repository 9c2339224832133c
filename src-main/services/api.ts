/**
 * The services behind the API contract, wired once. The Electron IPC handlers and the
 * web-mode HTTP adapter both call this same object; neither holds logic of its own.
 */
import type { AppInfo, CertscopeApi } from '../../src-core/api/contract';
import { readAppVersion } from './app-info';
import { createProbeService } from './probe/service';
import { fetchIssuers } from './aia/fetch';
import { fetchRevocation } from './revocation/fetch';
import { loadTrustStores } from './trust/stores';
import { loadProgramAnchors, rootProgramsView } from './trust/root-programs';
import { anchorsReachableFrom, findTrustAnchors } from './trust/anchor-lookup';
import {
  addUserAnchor,
  loadUserTrust,
  removeUserAnchor,
  setDistrusted,
  type UserTrust,
} from './trust/user-trust';
import type { UserTrustView } from '../../src-core/api/contract';
import { addHistoryEntry, clearHistory, getHistoryEntry, listHistory } from './history/history';
import { listLabScenarios, listLabServers, startLabScenario, stopLabServers } from './lab/service';
import { loadSettings, saveSettings } from './settings/settings';
import { saveWithDialog, type ShowSaveDialog } from './export/save';
import { htmlToPdf } from './report/pdf';
import { renderHtml } from '../../src-core/report/html';

function view(trust: UserTrust, problem?: string): UserTrustView {
  return {
    anchors: trust.anchors.map((anchor) => new Uint8Array(Buffer.from(anchor, 'base64'))),
    distrusted: trust.distrusted,
    ...(problem ? { problem } : {}),
  };
}

export interface ServiceOptions {
  mode: AppInfo['mode'];
  /** The desktop app's save dialog; without one (web mode) saveExport is refused. */
  showSaveDialog?: ShowSaveDialog;
  /** Prints a report page to PDF: Electron's printToPDF in the app, Debian's Chromium otherwise. */
  printPdf?: (html: string) => Promise<Uint8Array>;
}

export function createApi(options: ServiceOptions): CertscopeApi {
  const probes = createProbeService();
  return {
    async probeHost(request, probeId) {
      const outcome = await probes.probeHost(request, probeId);
      if (!outcome.ok) return outcome;
      const anchors = await anchorsReachableFrom(outcome.result.presented);
      return anchors ? { ...outcome, anchors } : outcome;
    },
    cancelProbe: probes.cancelProbe,
    getProbeProgress: probes.getProbeProgress,
    getTrustStores: loadTrustStores,
    getRootPrograms: (sha256s) => rootProgramsView(sha256s),
    getProgramAnchors: (program) => loadProgramAnchors(program),
    findTrustAnchors,
    fetchAiaIssuers: (url, proxy, scope) => fetchIssuers(url, proxy ?? undefined, scope),
    fetchRevocation: (chain, proxy, scope) => fetchRevocation(chain, { ...(proxy ? { proxy } : {}), scope }),
    async getUserTrust() {
      const loaded = await loadUserTrust();
      return view(loaded.trust, loaded.problem?.reason);
    },
    addTrustAnchor: async (der) => view(await addUserAnchor(der)),
    removeTrustAnchor: async (sha256) => view(await removeUserAnchor(sha256)),
    setDistrusted: async (sha256, distrusted) => view(await setDistrusted(sha256, distrusted)),
    async listHistory() {
      const listed = await listHistory();
      return { entries: listed.entries, ...(listed.problem ? { problem: listed.problem.reason } : {}) };
    },
    getHistoryEntry: async (id) => (await getHistoryEntry(id)) ?? null,
    addHistoryEntry: (report) => addHistoryEntry(report),
    clearHistory,
    listLabScenarios: async () => listLabScenarios(),
    startLabScenario,
    listLabServers: async () => listLabServers(),
    stopLabServers,
    getSettings: loadSettings,
    saveSettings,
    async saveExport(suggestedName, bytes) {
      if (!options.showSaveDialog)
        throw new Error('saving to a chosen file is only offered in the desktop app; web mode downloads');
      return saveWithDialog(options.showSaveDialog, suggestedName, bytes);
    },
    printReportPdf: async (report) => (options.printPdf ?? htmlToPdf)(renderHtml(report)),
    async getAppInfo() {
      return {
        name: 'Certscope',
        version: readAppVersion(),
        mode: options.mode,
        versions: Object.fromEntries(
          Object.entries(process.versions).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        ),
      };
    },
  };
}
