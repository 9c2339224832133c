/**
 * The Lab screen's service: start a local TLS server for any classic problem — an offline badssl
 * for learning and demos — using the same scenarios as the tests. Servers live until stopped or
 * until the app exits. The revoked-* scenarios also get a local server for their CRLs and OCSP.
 */
import type { LabScenarioView, LabServerView } from '../../../src-core/api/contract';
import { startRevocationServer, type LabRevocationServer } from './revocation-server';
import {
  buildScenario,
  describeScenario,
  scenarioNames,
  scenarioTitle,
  type ScenarioName,
} from './scenarios';
import { startNodeTlsServer, type LabServer } from './servers';

interface Running {
  server: LabServer;
  revocation?: LabRevocationServer;
  view: LabServerView;
}
const running = new Map<string, Running>();
const starting = new Map<string, Promise<LabServerView>>();

/** Scenarios whose lesson is that their root is not trusted: the Lab doesn't trust it for them. */
const untrustedByDesign = new Set<ScenarioName>(['untrusted-root', 'self-signed-leaf']);
const revocationScenarios = new Set<ScenarioName>(['revoked-crl', 'revoked-ocsp']);

export function listLabScenarios(): LabScenarioView[] {
  return scenarioNames.map((name) => ({
    name,
    title: scenarioTitle(name),
    description: describeScenario(name),
  }));
}

export function startLabScenario(name: string): Promise<LabServerView> {
  if (!(scenarioNames as string[]).includes(name))
    return Promise.reject(new Error(`unknown lab scenario "${name}"`));
  const existing = running.get(name);
  if (existing) return Promise.resolve(existing.view);
  // Two clicks (or two windows) start one server.
  let start = starting.get(name);
  if (!start) {
    start = startScenario(name as ScenarioName).finally(() => starting.delete(name));
    starting.set(name, start);
  }
  return start;
}

async function startScenario(name: ScenarioName): Promise<LabServerView> {
  const revocation = revocationScenarios.has(name) ? await startRevocationServer() : undefined;
  try {
    const scenario = await buildScenario(name, revocation ? { revocationBase: revocation.base } : {});
    if (scenario.revocation) revocation?.serve(scenario.revocation);
    const server = await startNodeTlsServer({
      chain: scenario.presented,
      key: scenario.leaf.key,
      ...(name === 'client-auth' ? { requestClientCert: true, clientCa: [scenario.others.clientRoot] } : {}),
      // Today's OpenSSL refuses to load a SHA-1-signed chain at its default level; the lesson is
      // what a client makes of one, so this server presents it anyway.
      ...(name === 'sha1-signature' ? { securityLevel: 0 as const } : {}),
    });
    const view: LabServerView = {
      scenario: name,
      description: scenario.description,
      host: 'localhost',
      port: server.port,
      anchors: untrustedByDesign.has(name) ? [] : scenario.anchors.map((anchor) => anchor.der),
      root: scenario.root.der,
      checkRevocation: revocation !== undefined,
    };
    running.set(name, { server, ...(revocation ? { revocation } : {}), view });
    return view;
  } catch (error) {
    await revocation?.close();
    throw error;
  }
}

export function listLabServers(): LabServerView[] {
  return [...running.values()].map((entry) => entry.view);
}

export async function stopLabServers(): Promise<void> {
  const entries = [...running.values()];
  running.clear();
  await Promise.all(entries.flatMap((entry) => [entry.server.close(), entry.revocation?.close()]));
}
