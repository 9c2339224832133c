/**
 * The Lab the app runs: certificates minted at run time, its scenarios, and the servers that
 * present them (test harnesses — openssl, STARTTLS fakes, hostile servers, a proxy — are in test/lab/).
 */
export { createKey, pooledKey, toPem, keySpecs, type KeySpec, type LabKey } from './keys';
export {
  issueCert,
  createCrl,
  buildName,
  type CertOptions,
  type LabCert,
  type HashName,
  type KeyUsageName,
  type ExtKeyUsageName,
  type NameConstraintsSpec,
  type RevokedEntry,
} from './certs';
export {
  buildScenario,
  describeScenario,
  scenarioTitle,
  scenarioNames,
  labDomain,
  type Scenario,
  type ScenarioName,
  type ScenarioRevocation,
} from './scenarios';
export { startNodeTlsServer, type LabServer, type NodeTlsServerOptions } from './servers';
export { startRevocationServer, answerOcsp, type LabRevocationServer } from './revocation-server';
