/**
 * The lab for tests: everything the app's Lab has (src-main/services/lab: minting, scenarios,
 * Node TLS servers) plus the harnesses only tests use — a real `openssl s_server`, an HTTP file
 * server, OCSP answers and a responder from the real `openssl ocsp`, STARTTLS fakes, hostile
 * servers and an HTTP proxy.
 */
export * from '../../src-main/services/lab';
export {
  startOpensslServer,
  startHttpFileServer,
  type HttpRoute,
  type LabHttpServer,
  type OpensslServerOptions,
} from './servers';
export { startStarttlsServer, type StarttlsFakeProtocol } from './starttls-servers';
export { createOcspResponse, answerOcspRequest, type OcspSigning, type OcspIndexCert } from './ocsp';
export { startOcspResponder, type LabOcspResponder, type OcspResponderOptions } from './ocsp-responder';
export { startLabProxy, type LabProxy } from './proxy';
export { startHostileServer, type HostileBehaviour, type HostileServerOptions } from './hostile-servers';
