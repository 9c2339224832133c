/**
 * The trust stores the verifier can use, side by side: the Mozilla roots bundled with the
 * runtime (`public`), the operating system's store (`system`) and the user's own anchors
 * (`user`, a PEM file in the data folder). Read as DER; the verifier parses them lazily.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { dataDir } from '../data-dir';
import type { TrustAnchorStore } from '../../../src-core/verify';

/** Where Linux distributions keep their CA bundle, first found wins. */
const systemBundles = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/ssl/cert.pem'];

let cachedBuiltIn: Promise<TrustAnchorStore[]> | undefined;

export const userAnchorsFile = () => join(dataDir(), 'user-anchors.pem');

export async function loadTrustStores(): Promise<TrustAnchorStore[]> {
  cachedBuiltIn ??= (async () => [
    { name: 'public', certificates: tls.rootCertificates.map(pemToDer) },
    { name: 'system', certificates: await loadSystemStore() },
  ])();
  return [...(await cachedBuiltIn), { name: 'user', certificates: await loadUserAnchors() }];
}

/** The user's anchors; a missing file is an empty store. */
async function loadUserAnchors(): Promise<Uint8Array[]> {
  try {
    return splitPem(await readFile(userAnchorsFile(), 'utf8')).map(pemToDer);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`your trust anchors file ${userAnchorsFile()} could not be read: ${(error as Error).message}`);
  }
}

async function loadSystemStore(): Promise<Uint8Array[]> {
  // Newer Node versions expose the OS store directly; Node 20 doesn't, so read the distribution bundle.
  const getCaCertificates = (tls as unknown as { getCACertificates?: (type: string) => string[] }).getCACertificates;
  if (typeof getCaCertificates === 'function') return getCaCertificates('system').map(pemToDer);
  for (const path of systemBundles) {
    try {
      return splitPem(await readFile(path, 'utf8')).map(pemToDer);
    } catch {
      // try the next location
    }
  }
  return [];
}

export function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}

export function pemToDer(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}
