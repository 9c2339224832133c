/**
 * The Lab screen's service: start a local TLS server for any classic problem — an offline badssl
 * for learning and demos — using the same scenarios as the tests. Servers live until stopped or
 * until the app exits.
 */
import { buildScenario, describeScenario, scenarioNames, type ScenarioName } from './scenarios';
import { startNodeTlsServer, type LabServer } from './servers';

import type { LabServerView } from '../../../src-core/api/contract';

const running = new Map<string, { server: LabServer; view: LabServerView }>();

export function listLabScenarios(): { name: string; description: string }[] {
  return scenarioNames.map((name) => ({ name, description: describeScenario(name) }));
}

export async function startLabScenario(name: string): Promise<LabServerView> {
  if (!(scenarioNames as string[]).includes(name)) throw new Error(`unknown lab scenario "${name}"`);
  const existing = running.get(name);
  if (existing) return existing.view;
  const scenario = await buildScenario(name as ScenarioName);
  const server = await startNodeTlsServer({
    chain: scenario.presented,
    key: scenario.leaf.key,
    ...(name === 'client-auth' ? { requestClientCert: true, clientCa: [scenario.others.clientRoot] } : {}),
  });
  const view: LabServerView = {
    scenario: name,
    description: scenario.description,
    host: 'localhost',
    port: server.port,
    anchors: scenario.anchors.map((anchor) => anchor.der),
  };
  running.set(name, { server, view });
  return view;
}

export function listLabServers(): LabServerView[] {
  return [...running.values()].map((entry) => entry.view);
}

export async function stopLabServers(): Promise<void> {
  const entries = [...running.values()];
  running.clear();
  await Promise.all(entries.map((entry) => entry.server.close()));
}
