/** Verifies what a probe captured: the first certificate as the leaf, the rest as sent. */
import type { ProbeResult } from '../tls/types';
import { finding, type FindingCode } from '../verify/findings';
import {
  verifyWithRevocation,
  type AiaFetcher,
  type FetchRevocation,
  type TrustAnchorStore,
  type VerifyInput,
  type VerifyResult,
} from '../verify';
import type { FetchScope } from '../verify/aia-fetches';
import type { ExpectedName } from '../verify/names';

export interface VerifyProbeOptions {
  anchors: TrustAnchorStore[];
  at?: Date;
  purpose?: 'serverAuth' | 'clientAuth' | null;
  expiryDays?: number;
  /** AIA fetching: the API's outcome (recorded on the verdict), or issuers. */
  fetchIssuers?: AiaFetcher;
  /** Opt-in online revocation (OCSP/CRL) for the chosen path. */
  fetchRevocation?: FetchRevocation;
  /** The store whose roots count as public (default `public`; the Lab names its own). */
  publicStoreName?: string;
}

/**
 * Where this inspection's AIA/OCSP/CRL fetches may go: the address the probe reached the host at.
 * Never a proxy's: through one, the proxy resolved the name, so only what the host itself says
 * counts — an IP address, or `localhost` (RFC 6761: always loopback); any other name counts as public.
 */
export function fetchScopeForProbe(result: Pick<ProbeResult, 'target'>, allowPrivate = false): FetchScope {
  const { target } = result;
  const loopbackName = /^localhost$|\.localhost$/i.test(target.asciiHost.replace(/\.$/, ''));
  const inspectedAddresses = !target.proxy
    ? [target.address]
    : target.isIp
      ? [target.asciiHost]
      : loopbackName
        ? ['127.0.0.1']
        : [];
  return { inspectedAddresses, ...(allowPrivate ? { allowPrivate } : {}) };
}

/** The name the certificate must match: the SNI sent (or the host), or the IP address. */
export function expectedNameFor(result: Pick<ProbeResult, 'target'>): ExpectedName {
  const { target } = result;
  if (target.sni) return { kind: 'dns', value: target.sni };
  return target.isIp ? { kind: 'ip', value: target.asciiHost } : { kind: 'dns', value: target.asciiHost };
}

export async function verifyProbeResult(
  result: ProbeResult,
  options: VerifyProbeOptions,
): Promise<VerifyResult | undefined> {
  const input = probeVerifyInput(result, options);
  if (!input) return undefined;
  const verdict = await verifyWithRevocation(input, options.fetchRevocation);
  // A fact of the connection, not of the chain: browsers refuse TLS < 1.2 whatever the certificate.
  if (legacyVersions.has(result.handshake.version))
    verdict.findings.push(
      finding('legacy-tls-version', undefined, `the server negotiated ${result.handshake.version}`),
    );
  return verdict;
}

/** What verifying a probe's capture gives the verifier (the default verdict and the per-client ones alike). */
export function probeVerifyInput(
  result: ProbeResult,
  options: VerifyProbeOptions,
): (Omit<VerifyInput, 'fetchIssuers'> & { fetchIssuers?: AiaFetcher }) | undefined {
  const [leaf, ...rest] = result.presented;
  if (!leaf) return undefined;
  return {
    leaf,
    intermediates: rest,
    presented: result.presented,
    stapledOcsp: result.handshake.stapledOcsp ?? null,
    anchors: options.anchors,
    host: expectedNameFor(result),
    ...(options.at ? { at: options.at } : {}),
    purpose: options.purpose === undefined ? 'serverAuth' : options.purpose,
    ...(options.expiryDays !== undefined ? { expiryDays: options.expiryDays } : {}),
    ...(options.fetchIssuers ? { fetchIssuers: options.fetchIssuers } : {}),
    ...(options.publicStoreName ? { publicStoreName: options.publicStoreName } : {}),
  };
}

const legacyVersions = new Set(['SSL 3.0', 'TLS 1.0', 'TLS 1.1']);

/** Findings about the connection rather than the chain: only a probe result produces them. */
export const connectionFindingCodes: readonly FindingCode[] = ['legacy-tls-version'];
