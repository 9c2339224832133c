/** The test PKI lab: certificates minted at run time, and servers that present them as told. */
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
export {
  startNodeTlsServer,
  startOpensslServer,
  startHttpFileServer,
  type LabServer,
  type LabHttpServer,
  type NodeTlsServerOptions,
  type OpensslServerOptions,
} from './servers';
export { startStarttlsServer, type StarttlsFakeProtocol } from './starttls-servers';
export { createOcspResponse, answerOcspRequest, type OcspSigning, type OcspIndexCert } from './ocsp';
export { startOcspResponder, type LabOcspResponder, type OcspResponderOptions } from './ocsp-responder';
export { startLabProxy, type LabProxy } from './proxy';
export { startHostileServer, type HostileBehaviour, type HostileServerOptions } from './hostile-servers';
