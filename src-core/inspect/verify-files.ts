/**
 * Verifies certificates that arrived as files (dropped in the app, or `certscope verify`): the
 * first one that is not a CA is the leaf (a bundle often starts with the root), the rest are
 * candidate intermediates, CRLs among the files are always used.
 */
import type { DecodeResult } from './decode-input';
import { decodeLimits } from './decode-limits';
import { looksLikePem, pemBlocks, type PemBlock } from '../bytes/pem';
import { readVerifyCert } from '../verify/cert';
import { verifyWithRevocation, type AiaFetcher, type VerifyInput, type VerifyResult } from '../verify';
import { parseIp, type ExpectedName } from '../verify/names';
import type { VerifyProbeOptions } from './verify-probe';

/** What verifying files takes: a captured chain's trust options, and the files' certificates and CRLs. */
export interface VerifyFilesInput extends VerifyProbeOptions {
  certificates: Uint8Array[];
  crls?: Uint8Array[];
  /** The name it must be valid for: a DNS name, an IP address or an email address. */
  host?: string;
}

/** What kind of name a user typed. */
export function expectedNameOf(text: string): ExpectedName {
  const value = text.trim();
  return { kind: parseIp(value) ? 'ip' : value.includes('@') ? 'email' : 'dns', value };
}

/** Index of the leaf: the first certificate that is not a CA, else the first. */
export async function leafIndex(certificates: Uint8Array[]): Promise<number> {
  for (let index = 0; index < certificates.length; index++) {
    // The verifier's reader, whose result the verification itself reuses.
    const certificate = await readVerifyCert(certificates[index]).catch(() => undefined);
    if (certificate && !certificate.basicConstraints?.ca) return index;
  }
  return 0;
}

/** What a verification takes from one file. */
export interface VerifyFileContents {
  certificates: Uint8Array[];
  crls: Uint8Array[];
  /** One sentence per part of the file that could not be used. */
  errors: string[];
}

/**
 * The certificates and CRLs in a file handed to `certscope verify`. A PEM file of certificates
 * the verifier's reader accepts — nearly every one — is taken as it is (that read is reused by
 * the verification); anything else (DER, PKCS#7, PKCS#12, CRLs, a block that doesn't read) goes
 * through the full decoder, loaded only then, for its per-part messages.
 */
export async function readVerifyFile(name: string, bytes: Uint8Array): Promise<VerifyFileContents> {
  const certificates = await plainPemCertificates(bytes);
  if (certificates) return { certificates, crls: [], errors: [] };
  const { decodeInput } = await import('./decode-input');
  const decoded: DecodeResult = await decodeInput({ name, bytes });
  return {
    certificates: decoded.items.map((item) => item.der),
    crls: decoded.others.flatMap((other) => (other.kind === 'crl' ? [other.der] : [])),
    errors: decoded.errors.map((problem) => problem.message),
  };
}

async function plainPemCertificates(bytes: Uint8Array): Promise<Uint8Array[] | undefined> {
  if (bytes.length > decodeLimits.maxFileBytes) return undefined;
  const text = new TextDecoder().decode(bytes);
  if (!looksLikePem(text)) return undefined;
  // One at a time: the first block that is not a plain certificate sends the file to the decoder.
  const blocks: PemBlock[] = [];
  for (const block of pemBlocks(text)) {
    if (block.error || block.label !== 'CERTIFICATE' || blocks.length >= decodeLimits.maxCertificates)
      return undefined;
    blocks.push(block);
  }
  if (blocks.length === 0) return undefined;
  // Side by side: each read waits on a digest, and the verification reuses them all.
  const read = await Promise.all(blocks.map((block) => readVerifyCert(block.der).catch(() => undefined)));
  return read.every(Boolean) ? blocks.map((block) => block.der) : undefined;
}

export async function verifyFiles(input: VerifyFilesInput): Promise<VerifyResult> {
  return verifyWithRevocation(await filesVerifyInput(input), input.fetchRevocation);
}

/** What verifying the files gives the verifier (the same for the default verdict and the per-client ones). */
export async function filesVerifyInput(
  input: VerifyFilesInput,
): Promise<Omit<VerifyInput, 'fetchIssuers'> & { fetchIssuers?: AiaFetcher }> {
  if (input.certificates.length === 0) throw new Error('no certificate to verify');
  const leaf = await leafIndex(input.certificates);
  return {
    leaf: input.certificates[leaf],
    intermediates: input.certificates.filter((_, index) => index !== leaf),
    anchors: input.anchors,
    ...(input.host?.trim() ? { host: expectedNameOf(input.host) } : {}),
    ...(input.at ? { at: input.at } : {}),
    purpose: input.purpose === undefined ? 'serverAuth' : input.purpose,
    ...(input.expiryDays !== undefined ? { expiryDays: input.expiryDays } : {}),
    ...(input.crls?.length ? { crls: input.crls } : {}),
    ...(input.fetchIssuers ? { fetchIssuers: input.fetchIssuers } : {}),
  };
}
