/**
 * The case model every real-client runner takes, and the verdict each returns. A case is plain
 * data (DER bytes, a host, a time), so the same case goes to OpenSSL, Go, Java and Chromium and,
 * later, to Certscope's client profiles to be scored against them.
 */
import { X509Certificate } from 'node:crypto';

export type ClientName = 'openssl' | 'openssl-verify' | 'go' | 'java' | 'chromium';

export const clientNames: readonly ClientName[] = ['openssl', 'openssl-verify', 'go', 'java', 'chromium'];

export type CaseSource = 'limbo' | 'lab' | 'variant';

export interface ExpectedName {
  kind: 'dns' | 'ip' | 'email';
  value: string;
}

export interface ClientCase {
  /** `limbo:<id>`, `lab:<scenario>` or `variant:<name>`: unique across the corpus. */
  id: string;
  source: CaseSource;
  description: string;
  /** The trust anchors (DER), and the only ones. */
  anchors: Uint8Array[];
  /** The chain as a server presents it (DER), leaf first, exactly in this order. */
  presented: Uint8Array[];
  /**
   * Certificates not presented but published at a URL (AIA caIssuers), URL → DER. The URLs are
   * served by this process's AIA host (`aia.ts`) while the case is alive.
   */
  aia?: Record<string, Uint8Array>;
  /** The name to check the leaf against; none means no name check. */
  host?: ExpectedName;
  /** Validation time; none means now (the only choice for a live TLS handshake). */
  at?: Date;
  /** The extended key usage the verifier asks for (default serverAuth). */
  purpose?: 'serverAuth' | 'clientAuth';
  /** CRLs (DER) to check revocation against, where the client can be given them. */
  crls?: Uint8Array[];
  /** Longest chain (intermediates) the verifier may build, where the client has the knob. */
  maxDepth?: number;
  /** PKCS#8 PEM of the leaf's private key: present when a live server can present the chain. */
  leafKeyPem?: string;
  /** What the case's own source expects (x509-limbo's expected_result), for reference only. */
  expected?: 'accept' | 'refuse';
}

export interface Verdict {
  client: ClientName;
  caseId: string;
  accepted: boolean;
  /** The client's own error text or code (`ok` when accepted). */
  reason: string;
  /** How the client ran, e.g. `s_client (TLS handshake)` or `openssl verify`. */
  mode: string;
  /** What the client printed, trimmed, for the record. */
  raw: string;
  ms: number;
}

export function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

export function pemBundle(ders: Uint8Array[], label = 'CERTIFICATE'): string {
  return ders.map((der) => derToPem(der, label)).join('');
}

/** A live TLS server can only present the chain when we hold the leaf's key. */
export function hasLiveServer(testCase: ClientCase): boolean {
  return testCase.leafKeyPem !== undefined;
}

/** Clients that only verify at the current time can run a case whose time is (about) now. */
export function isNow(testCase: ClientCase, slackMs = 5 * 60_000): boolean {
  return testCase.at === undefined || Math.abs(testCase.at.getTime() - Date.now()) <= slackMs;
}

/** The subject and issuer names of a certificate as Node reads them (for grouping, not verdicts). */
export function namesOf(der: Uint8Array): { subject: string; issuer: string } | undefined {
  try {
    const certificate = new X509Certificate(der);
    return { subject: certificate.subject, issuer: certificate.issuer };
  } catch {
    return undefined;
  }
}
