/**
 * Verifies certificates that arrived as files (dropped in the app, or `certscope verify`): the
 * first one that is not a CA is the leaf (a bundle often starts with the root), the rest are
 * candidate intermediates, CRLs among the files are always used.
 */
import { readCertificate } from '../decode/certificate';
import {
  verifyWithRevocation,
  type FetchRevocation,
  type TrustAnchorStore,
  type VerifyResult,
} from '../verify';
import { parseIp, type ExpectedName } from '../verify/names';

export interface VerifyFilesInput {
  certificates: Uint8Array[];
  crls?: Uint8Array[];
  /** The name it must be valid for: a DNS name, an IP address or an email address. */
  host?: string;
  anchors: TrustAnchorStore[];
  at?: Date;
  purpose?: 'serverAuth' | 'clientAuth' | null;
  expiryDays?: number;
  fetchIssuers?: (url: string) => Promise<Uint8Array[]>;
  fetchRevocation?: FetchRevocation;
}

/** What kind of name a user typed. */
export function expectedNameOf(text: string): ExpectedName {
  const value = text.trim();
  return { kind: parseIp(value) ? 'ip' : value.includes('@') ? 'email' : 'dns', value };
}

/** Index of the leaf: the first certificate that is not a CA, else the first. */
export function leafIndex(certificates: Uint8Array[]): number {
  const index = certificates.findIndex((der) => {
    try {
      return !readCertificate(der).isCa;
    } catch {
      return false;
    }
  });
  return Math.max(index, 0);
}

export async function verifyFiles(input: VerifyFilesInput): Promise<VerifyResult> {
  if (input.certificates.length === 0) throw new Error('no certificate to verify');
  const leaf = leafIndex(input.certificates);
  return verifyWithRevocation(
    {
      leaf: input.certificates[leaf],
      intermediates: input.certificates.filter((_, index) => index !== leaf),
      anchors: input.anchors,
      ...(input.host?.trim() ? { host: expectedNameOf(input.host) } : {}),
      ...(input.at ? { at: input.at } : {}),
      purpose: input.purpose === undefined ? 'serverAuth' : input.purpose,
      ...(input.expiryDays !== undefined ? { expiryDays: input.expiryDays } : {}),
      ...(input.crls?.length ? { crls: input.crls } : {}),
      ...(input.fetchIssuers ? { fetchIssuers: input.fetchIssuers } : {}),
    },
    input.fetchRevocation,
  );
}
