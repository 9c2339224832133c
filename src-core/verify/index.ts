/** The verifier: path building, RFC 5280 validation and findings, pure and WebCrypto-only. */
export {
  verifyChain,
  type VerifyInput,
  type VerifyResult,
  type CandidatePath,
  type PathCertificate,
  type TrustAnchorStore,
} from './verify';
export { verifyWithRevocation, type FetchRevocation } from './with-revocation';
export type { RevocationEvidence, CertificateRevocationEvidence, RevocationCheck } from './revocation';
export { findingDefinitions, type Finding, type FindingCode, type Severity } from './findings';
export type { ExpectedName } from './names';
export type { PolicyInputs } from './policy';
export type { AiaFetchOutcome, AiaFetchRecord, AiaFetcher } from './aia-fetches';
