/**
 * The services behind the API contract, wired once. The Electron IPC handlers and the
 * web-mode HTTP adapter both call this same object; neither holds logic of its own.
 */
import type { AppInfo, CertscopeApi } from '../../src-core/api/contract';
import { readAppVersion } from './app-info';
import { createProbeService } from './probe/service';
import { fetchIssuers } from './aia/fetch';
import { loadTrustStores } from './trust/stores';

export interface ServiceOptions {
  mode: AppInfo['mode'];
}

export function createApi(options: ServiceOptions): CertscopeApi {
  const probes = createProbeService();
  return {
    probeHost: probes.probeHost,
    cancelProbe: probes.cancelProbe,
    getTrustStores: loadTrustStores,
    fetchAiaIssuers: fetchIssuers,
    async getAppInfo() {
      return {
        name: 'Certscope',
        version: readAppVersion(),
        mode: options.mode,
        versions: Object.fromEntries(
          Object.entries(process.versions).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        ),
      };
    },
  };
}
