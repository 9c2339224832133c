/** What the verifier takes and gives: its public input and result shapes. */
import type { AiaFetchRecord } from './aia-fetches';
import type { TrustAnchorStore } from './anchor-index';
import type { Finding } from './findings';
import type { ExpectedName } from './names';
import type { PolicyInputs } from './policy';
import type { RevocationCheck, RevocationEvidence } from './revocation';

export interface VerifyInput {
  leaf: Uint8Array;
  /** Other certificates available for building (what the server sent, files dropped…). */
  intermediates: Uint8Array[];
  anchors: TrustAnchorStore[];
  host?: ExpectedName;
  /** Validation time (default now). */
  at?: Date;
  /** Required extended key usage; null checks none. Default serverAuth. */
  purpose?: 'serverAuth' | 'clientAuth' | null;
  /** Most intermediates allowed between leaf and anchor. */
  maxDepth?: number;
  /** Warn when a certificate expires within this many days (default 30). */
  expiryDays?: number;
  /** What the server sent, in wire order, for order/extra/duplicate findings. */
  presented?: Uint8Array[];
  /** Fetches the issuers at an AIA caIssuers URL (supplied by the service layer). */
  fetchIssuers?: (url: string) => Promise<Uint8Array[]>;
  /** RFC 5280 §6.1.1 policy inputs (default: any policy, nothing explicit). */
  policy?: PolicyInputs;
  /** CRLs (DER) to check revocation with; always used when given. */
  crls?: Uint8Array[];
  /**
   * The OCSP response the server stapled: bytes, `null` when a probe saw none, undefined when
   * there was no connection (files), which skips the stapling checks.
   */
  stapledOcsp?: Uint8Array | null;
  /**
   * Opt-in online revocation: OCSP responses and CRLs fetched for the certificates of a path
   * (`fetchRevocation` in the API). Each certificate without a usable answer gets a
   * `revocation-unknown` warning; the fetched CRLs are checked like `crls`.
   */
  revocation?: RevocationEvidence;
  /** Which store counts as public for `local-anchor-only` (default `public`). */
  publicStoreName?: string;
}

export type CertificateSource = 'sent' | 'aia' | 'store';

export interface PathCertificate {
  sha256: string;
  source: CertificateSource;
  /** The stores holding it, when it is an anchor. */
  stores?: string[];
}

export interface CandidatePath {
  /** Leaf first; the trust anchor (if reached) last. */
  certificates: PathCertificate[];
  /** True when the path ends at a trust anchor. */
  anchored: boolean;
  anchorStores: string[];
  trusted: boolean;
  findings: Finding[];
  /** When every certificate of the path is valid at once. */
  validityWindow?: { notBefore: Date; notAfter: Date };
  /** How each certificate's revocation was checked, leaf first (only with `revocation` input). */
  revocation?: RevocationCheck[];
}

export interface VerifyResult {
  trusted: boolean;
  paths: CandidatePath[];
  /** Index into `paths`, or -1 when no path could be built at all. */
  chosenPath: number;
  /** The chosen path's findings plus those about what was sent. */
  findings: Finding[];
  validityWindow?: { notBefore: Date; notAfter: Date };
  /** The chosen path's revocation checks, when online revocation evidence was given. */
  revocation?: RevocationCheck[];
  /** Leaf + the intermediates it needs, in order: what a server should send. */
  fixedChain: Uint8Array[];
  /** Every certificate mentioned, by SHA-256. */
  certificates: Record<string, Uint8Array>;
  validationTime: Date;
  /** What AIA fetching did (set by `verifyWithRevocation` when a fetcher was given). */
  aiaFetches?: AiaFetchRecord[];
}

/** A trust store named with its size, for reports ("public: 144 anchors"). */
export interface TrustStoreSummary {
  name: string;
  anchors: number;
}
