/** Shared wording for the human-readable reports: the verdict sentence and certificate names. */
import { base64ToBytes } from '../bytes/base64';
import { distinguishedNameText } from '../tls/handshake';
import { describeClientCertificate, describeMissingFamily } from '../tls/describe';
import { describeOcspResponse } from '../tls/ocsp-summary';
import { signatureFamilyNames } from '../tls/types';
import type { RevocationCheck } from '../verify';
import type { InspectionReport, ReportCertificate } from './report';

export function shortName(certificate: ReportCertificate | undefined): string {
  if (!certificate) return '(unknown)';
  return (
    /(?:^|,)CN=([^,]+)/.exec(certificate.subject)?.[1] ??
    (certificate.subject || certificate.sha256.slice(0, 16))
  );
}

export function verdictSentence(report: InspectionReport): string {
  const host = report.target ? (report.target.sni ?? report.target.host) : 'this certificate';
  const path = report.paths[report.chosenPath];
  const anchor = path?.anchored
    ? report.certificates[path.certificates[path.certificates.length - 1].sha256]
    : undefined;
  const until = report.validityWindow ? report.validityWindow.notAfter.slice(0, 10) : undefined;
  if (report.trusted && path && !path.anchorStores.includes('public')) {
    return `Trusted on this machine only: ${host} chains to “${shortName(anchor)}” in the ${path.anchorStores.join(' and ')} trust store${until ? `; valid until ${until}` : ''}.`;
  }
  if (report.trusted)
    return `Trusted: a browser would accept the certificate for ${host}. It chains to “${shortName(anchor)}” in the public trust store${until ? `, and the whole chain is valid until ${until}` : ''}.`;
  const first = report.findings.find((item) => item.severity === 'error');
  return `Not trusted: a browser would refuse the certificate for ${host}${first ? ` (${first.title.toLowerCase()})` : ''}.`;
}

export function chainFromRoot(
  report: InspectionReport,
): { certificate: ReportCertificate | undefined; source: string; role: string }[] {
  const path = report.paths[report.chosenPath];
  if (!path) return [];
  return path.certificates
    .map((entry, index) => ({
      certificate: report.certificates[entry.sha256],
      source:
        entry.source === 'store'
          ? `trust store: ${(entry.stores ?? []).join(', ')}`
          : entry.source === 'aia'
            ? 'fetched via AIA'
            : 'sent by the server',
      role:
        index === 0
          ? 'leaf'
          : index === path.certificates.length - 1 && path.anchored
            ? 'root'
            : 'intermediate',
    }))
    .reverse();
}

export function pem(derBase64: string): string {
  return `-----BEGIN CERTIFICATE-----\n${derBase64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----`;
}

/** One line: how revocation was checked for a certificate, and what came of it. */
export function describeRevocation(check: RevocationCheck): string {
  const source = `${check.method === 'ocsp' ? 'OCSP responder' : 'CRL'} ${check.urls.join(', ')}`;
  if (check.status === 'good') return `good — ${source}`;
  if (check.status === 'revoked') return `REVOKED — ${source}`;
  if (check.status === 'not-checked') return `not checked — ${check.detail ?? ''}`;
  return `unknown — ${check.detail ?? 'no answer'}`;
}

/**
 * The handshake facts a reader looks for beside version and cipher, one line each: the stapled
 * OCSP response (TLS 1.2 and 1.3 alike), two-way TLS and the CAs the server accepts clients from.
 */
export function handshakeSummaryLines(report: InspectionReport): string[] {
  const handshake = report.handshake;
  if (!handshake) return [];
  const lines = [
    `Stapled OCSP response: ${handshake.stapledOcsp ? describeOcspResponse(base64ToBytes(handshake.stapledOcsp)) : 'none'}`,
  ];
  const request = handshake.certificateRequest;
  if (request) {
    const client = describeClientCertificate(handshake);
    if (client) lines.push(`Client certificate: ${client}`);
    const names =
      request.certificateAuthorityNames ??
      request.certificateAuthorities.map((der) => distinguishedNameText(base64ToBytes(der)));
    lines.push(
      `Acceptable client certificate CAs: ${names.length ? names.join('; ') : 'any (the server named none)'}`,
    );
  }
  return lines;
}

/** `--all-certificates`: one line per signature family, and the chain it got. */
export function familyLines(report: InspectionReport): { heading: string; chain: ReportCertificate[] }[] {
  return (report.certificatesByAlgorithm ?? []).map((family) => {
    const name = signatureFamilyNames[family.family];
    if (!family.presented)
      return { heading: `${name}: ${describeMissingFamily(name, family.failure)}`, chain: [] };
    const errors = (family.findings ?? [])
      .filter((item) => item.severity === 'error')
      .map((item) => item.code);
    return {
      heading: `${name}: ${family.version}, ${family.cipherSuite} — ${family.presented.length} certificate${family.presented.length === 1 ? '' : 's'}, ${family.trusted ? 'trusted' : `NOT trusted${errors.length ? ` (${errors.join(', ')})` : ''}`}`,
      chain: family.presented,
    };
  });
}

/** An ISO timestamp as people read it: "2026-12-02 10:34:15 UTC" ("?" when there is none). */
export function readableTime(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '?';
}

/**
 * What to say about one certificate as sent: a duplicate, one that is not part of the chain, or
 * one sent before a certificate it should follow (wrong order); nothing when it is where it belongs.
 */
export function presentedNote(report: InspectionReport, index: number): string {
  const item = report.presented[index];
  if (!item) return '';
  if (item.role === 'duplicate') {
    const first = report.presented.find(
      (other) => other.sha256 === item.sha256 && other.role !== 'duplicate',
    );
    return first ? `duplicate of #${first.index + 1}` : 'duplicate';
  }
  if (item.role === 'extra') return 'not part of the chain';
  const path = report.paths[report.chosenPath]?.certificates.map((entry) => entry.sha256) ?? [];
  const position = path.indexOf(item.sha256);
  const before = report.presented
    .slice(0, index)
    .find((other) => other.role !== 'duplicate' && path.indexOf(other.sha256) > position);
  return before ? `out of order: belongs before #${before.index + 1}` : '';
}
