/** Certificates as files: PEM text for one or many, and the fixed chain with or without its root. */
import { bytesToBase64 } from '../bytes/base64';
import type { VerifyResult } from '../verify';

export function certificatePem(der: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${bytesToBase64(der)
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

export function pemBundle(certificates: Uint8Array[]): string {
  return certificates.map(certificatePem).join('');
}

/**
 * What the server should send (leaf, then the intermediates it needs), optionally followed by the
 * trust anchor the chosen path reached — for tools that want the whole chain in one file. An
 * unanchored path has no root to add.
 */
export function fixedChainCertificates(result: VerifyResult, includeRoot: boolean): Uint8Array[] {
  const path = result.paths[result.chosenPath];
  const anchor = path?.anchored ? path.certificates.at(-1) : undefined;
  const root = includeRoot && anchor ? result.certificates[anchor.sha256] : undefined;
  return root ? [...result.fixedChain, root] : result.fixedChain;
}
