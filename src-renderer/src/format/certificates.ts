/** Presentation helpers for certificates: names, keys, countdowns, sources. */
import { readCertificate } from '../../../src-core/x509/certificate';
import type { CertificateModel, PublicKeySummary } from '../../../src-core/x509/model';
import type { PathCertificate } from '../../../src-core/verify';

const decoded = new WeakMap<Uint8Array, CertificateModel | undefined>();

export function decodeForDisplay(der: Uint8Array | undefined): CertificateModel | undefined {
  if (!der) return undefined;
  if (!decoded.has(der)) {
    try {
      decoded.set(der, readCertificate(der));
    } catch {
      decoded.set(der, undefined);
    }
  }
  return decoded.get(der);
}

export function describeKey(key: PublicKeySummary): string {
  if (key.algorithm === 'RSA') return `RSA ${key.bits ?? '?'}`;
  if (key.algorithm === 'EC') return `ECDSA ${key.curve ?? ''}`.trim();
  return key.algorithm;
}

export function expiryCountdown(notAfter: Date, at: Date = new Date()): string {
  const exact = (notAfter.getTime() - at.getTime()) / 86_400_000;
  if (exact < 0) {
    // Whole days since: ten days and a minute ago is "10 days ago".
    const ago = Math.floor(-exact);
    return ago === 0 ? 'expired today' : `expired ${ago} day${ago === 1 ? '' : 's'} ago`;
  }
  const days = Math.floor(exact);
  if (days === 0) return 'expires today';
  if (days < 60) return `expires in ${days} day${days === 1 ? '' : 's'}`;
  if (days < 730) return `expires in ${Math.round(days / 30)} months`;
  return `expires in ${Math.round(days / 365)} years`;
}

/** How a certificate got into the chain; `sentBy` names who "sent" it (the server, or your files). */
export function describeSource(certificate: PathCertificate, sentBy: 'server' | 'files' = 'server'): string {
  if (certificate.source === 'store') return `from the ${(certificate.stores ?? []).join(' + ')} trust store`;
  if (certificate.source === 'aia') return 'fetched via AIA';
  return sentBy === 'files' ? 'from your files' : 'sent by the server';
}
