/**
 * The trust stores the verifier can use, side by side: the Mozilla roots bundled with the
 * runtime (`public`), the operating system's store (`system`) and the user's own anchors
 * (`user`, in the data folder), minus whatever the user distrusts. Read as DER; the verifier
 * indexes them cheaply and parses only what it needs.
 */
import { readFile } from 'node:fs/promises';
import * as tls from 'node:tls';
import { loadUserTrust, sha256Hex } from './user-trust';
import type { TrustAnchorStore } from '../../../src-core/verify';

/** Where Linux distributions keep their CA bundle, first found wins. */
const systemBundles = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

let cachedBuiltIn: Promise<TrustAnchorStore[]> | undefined;

export async function loadTrustStores(): Promise<TrustAnchorStore[]> {
  cachedBuiltIn ??= (async () => [
    { name: 'public', certificates: tls.rootCertificates.map(pemToDer) },
    { name: 'system', certificates: await loadSystemStore() },
  ])();
  const [builtIn, { trust }] = await Promise.all([cachedBuiltIn, loadUserTrust()]);
  const user = {
    name: 'user',
    certificates: trust.anchors.map((anchor) => new Uint8Array(Buffer.from(anchor, 'base64'))),
  };
  if (trust.distrusted.length === 0) return [...builtIn, user];
  const distrusted = new Set(trust.distrusted);
  return [...builtIn, user].map((store) => ({
    name: store.name,
    certificates: store.certificates.filter((der) => !distrusted.has(sha256Hex(der))),
  }));
}

async function loadSystemStore(): Promise<Uint8Array[]> {
  // Newer Node versions expose the OS store directly; Node 20 doesn't, so read the distribution bundle.
  const getCaCertificates = (tls as unknown as { getCACertificates?: (type: string) => string[] })
    .getCACertificates;
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

/** One PEM certificate's DER. Node's base64 decoder skips the line breaks inside the body. */
export function pemToDer(pem: string): Uint8Array {
  const bodyStart = pem.indexOf('-----', pem.indexOf('-----BEGIN') + 10) + 5;
  const bodyEnd = pem.indexOf('-----END', bodyStart);
  return new Uint8Array(Buffer.from(pem.slice(bodyStart, bodyEnd), 'base64'));
}
