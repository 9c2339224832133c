/**
 * The Lab: its scenarios, the local servers started for them, and what an inspection of one of
 * those servers should trust. The Lab's own roots are trusted for inspections of its servers
 * (and nothing else), so each scenario shows its own problem first — not "issuer not found".
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LabScenarioView, LabServerView } from '../../../src-core/api/contract';
import { sha256Hex } from '../../../src-core/crypto/sha256-hex';
import { equalBytes } from '../../../src-core/bytes/equal';
import { useApi } from '../api/client';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Node and OpenSSL put their error code first; the reason after the last `::` is what people read. */
export function readableStartError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const reason = /error:[0-9A-F]+:[^:]*:[^:]*:(.+)$/i.exec(text)?.[1]?.trim();
  return reason ? `the TLS library refused this scenario's certificates (${reason})` : text;
}

export const useLabStore = defineStore('lab', () => {
  const scenarios = ref<LabScenarioView[]>([]);
  const servers = ref<LabServerView[]>([]);
  /** Scenarios whose server is being started. */
  const starting = ref<string[]>([]);
  /** Why a scenario's server did not start, by scenario name (shown on its row). */
  const problems = ref<Record<string, string>>({});
  /** A problem with the Lab as a whole (listing, stopping). */
  const error = ref<string | undefined>();
  /** SHA-256 of each running scenario's root, by scenario name (to tell whether the user trusts it). */
  const rootHashes = ref<Record<string, string>>({});
  let loaded: Promise<void> | undefined;

  async function setServers(next: LabServerView[]): Promise<void> {
    servers.value = next;
    const hashes = await Promise.all(
      next.map(async (server) => [server.scenario, await sha256Hex(server.root)]),
    );
    rootHashes.value = Object.fromEntries(hashes);
  }

  /** Lists the scenarios and the servers already running (once; again with `force`). */
  function load(force = false): Promise<void> {
    if (force || !loaded) {
      const api = useApi();
      const loading = Promise.all([api.listLabScenarios(), api.listLabServers()]).then(
        async ([listed, running]) => {
          scenarios.value = listed;
          error.value = undefined;
          await setServers(running);
        },
      );
      loaded = loading;
      loading.catch((caught: unknown) => {
        if (loaded === loading) loaded = undefined;
        error.value = caught instanceof Error ? caught.message : String(caught);
      });
    }
    return loaded;
  }

  async function start(name: string): Promise<LabServerView | undefined> {
    const { [name]: _previous, ...others } = problems.value;
    problems.value = others;
    starting.value = [...starting.value, name];
    try {
      const server = await useApi().startLabScenario(name);
      await setServers([...servers.value.filter((item) => item.scenario !== name), server]);
      return server;
    } catch (caught) {
      problems.value = { ...problems.value, [name]: readableStartError(caught) };
      return undefined;
    } finally {
      starting.value = starting.value.filter((item) => item !== name);
    }
  }

  async function stopAll(): Promise<void> {
    try {
      await useApi().stopLabServers();
      await setServers([]);
    } catch (caught) {
      error.value = caught instanceof Error ? caught.message : String(caught);
    }
  }

  function serverFor(name: string): LabServerView | undefined {
    return servers.value.find((server) => server.scenario === name);
  }

  /**
   * The Lab server at this host and port, if it is one: a loopback name and the port of a server
   * the Lab started. Asks the app again when the port is unknown here (started from another page).
   */
  async function serverAt(host: string, port: number): Promise<LabServerView | undefined> {
    if (!loopbackHosts.has(host.toLowerCase())) return undefined;
    const find = () => servers.value.find((server) => server.port === port);
    if (find()) return find();
    try {
      await setServers(await useApi().listLabServers());
    } catch {
      return undefined; // not a Lab server as far as anyone can tell
    }
    return find();
  }

  /** Whether the Lab trusts this server's own root for its inspections (else not trusting it is the lesson). */
  function trustsOwnRoot(server: LabServerView): boolean {
    return server.anchors.some((anchor) => equalBytes(anchor, server.root));
  }

  return {
    scenarios,
    servers,
    starting,
    problems,
    error,
    rootHashes,
    load,
    start,
    stopAll,
    serverFor,
    serverAt,
    trustsOwnRoot,
  };
});
