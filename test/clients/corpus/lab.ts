/** Every Lab scenario (minted now by the Lab's own builders) as a client case. */
import { buildScenario, scenarioNames, type ScenarioName } from '../../../src-main/services/lab';
import type { ClientCase, ExpectedName } from '../case';

export async function labCase(name: ScenarioName): Promise<ClientCase> {
  const scenario = await buildScenario(name);
  return {
    id: `lab:${name}`,
    source: 'lab',
    description: scenario.description,
    anchors: scenario.anchors.map((certificate) => certificate.der),
    presented: scenario.presented.map((certificate) => certificate.der),
    host: hostName(scenario.host),
    leafKeyPem: scenario.leaf.key.pkcs8Pem,
  };
}

export async function labCases(names: readonly ScenarioName[] = scenarioNames): Promise<ClientCase[]> {
  const cases: ClientCase[] = [];
  for (const name of names) cases.push(await labCase(name));
  return cases;
}

export function hostName(value: string): ExpectedName {
  return /^[\d.]+$|:/.test(value) ? { kind: 'ip', value } : { kind: 'dns', value };
}
