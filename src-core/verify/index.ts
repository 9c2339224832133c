/** The verifier: path building, RFC 5280 validation and findings, pure and WebCrypto-only. */
export {
  verifyChain,
  verifyForSelections,
  type VerifyOptions,
  type VerifyInput,
  type VerifyResult,
  type CandidatePath,
  type PathCertificate,
  type TrustAnchorStore,
} from './verify';
export { buildPaths, type CandidatePaths, type BuildOptions } from './path-builder';
export { judgePaths, type JudgeOptions } from './judge';
export { checkRegistry, defaultSelection, type CheckName, type CheckSelection } from './checks/registry';
export { WorkBudget, WorkExhausted, defaultWorkLimits, type WorkLimits, type WorkKind } from './budget';
export { verifyWithRevocation, type FetchRevocation } from './with-revocation';
export type { RevocationEvidence, CertificateRevocationEvidence, RevocationCheck } from './revocation';
export { findingDefinitions, type Finding, type FindingCode, type Severity } from './findings';
export type { ExpectedName } from './names';
export type { PolicyInputs } from './policy';
export type { AiaFetchOutcome, AiaFetchRecord, AiaFetcher } from './aia-fetches';
