/**
 * What changed between two inspections of the same host: a renewal, a new key, a new issuer,
 * changed names, a different chain — in plain words, from the two reports alone.
 */
import { base64ToBytes } from '../bytes/base64';
import { readCertificate } from '../x509/certificate';
import type { InspectionReport } from '../report/report';
import { findingDefinitions, type FindingCode } from '../verify/findings';

export interface ReportDiff {
  /** One line per difference, most important first; empty when nothing changed. */
  changes: string[];
  /** A one-line summary: "no change", "just a renewal", … */
  summary: string;
}

function leafOf(report: InspectionReport) {
  const leaf = report.presented.find((item) => item.role === 'leaf') ?? report.presented[0];
  if (!leaf) return undefined;
  try {
    return { sha256: leaf.sha256, certificate: readCertificate(base64ToBytes(leaf.der)) };
  } catch {
    return undefined;
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

export function diffReports(before: InspectionReport, after: InspectionReport): ReportDiff {
  const changes: string[] = [];
  if (before.trusted !== after.trusted)
    changes.push(after.trusted ? 'It is trusted now (it was not before).' : 'It is no longer trusted.');
  const a = leafOf(before);
  const b = leafOf(after);
  let renewal = false;
  if (a && b && a.sha256 !== b.sha256) {
    const newKey = !sameBytes(a.certificate.spki, b.certificate.spki);
    const newIssuer = a.certificate.issuer !== b.certificate.issuer;
    const namesBefore = [...a.certificate.subjectAltNames].sort().join(', ');
    const namesAfter = [...b.certificate.subjectAltNames].sort().join(', ');
    changes.push(
      `New leaf certificate (valid until ${b.certificate.notAfter.toISOString().slice(0, 10)}, was ${a.certificate.notAfter.toISOString().slice(0, 10)}).`,
    );
    if (newKey) changes.push('New key: the public key changed (pins on the old key break).');
    if (newIssuer)
      changes.push(
        `New issuer: ${b.certificate.issuerDisplayName} (was ${a.certificate.issuerDisplayName}).`,
      );
    if (namesBefore !== namesAfter)
      changes.push(`Names changed: now ${namesAfter || 'none'} (was ${namesBefore || 'none'}).`);
    renewal = !newIssuer && namesBefore === namesAfter;
  }
  const chainBefore = before.presented.map((item) => item.sha256).join(',');
  const chainAfter = after.presented.map((item) => item.sha256).join(',');
  if (
    chainBefore !== chainAfter &&
    before.presented
      .slice(1)
      .map((item) => item.sha256)
      .join() !==
      after.presented
        .slice(1)
        .map((item) => item.sha256)
        .join()
  ) {
    changes.push(
      `The certificates sent after the leaf changed (${before.presented.length} → ${after.presented.length} certificates in all).`,
    );
  }
  const codesBefore = new Set(before.findings.map((item) => item.code));
  const codesAfter = new Set(after.findings.map((item) => item.code));
  const added = [...codesAfter].filter((code) => !codesBefore.has(code));
  const removed = [...codesBefore].filter((code) => !codesAfter.has(code));
  // Findings by their titles (the codes are for scripts; the reports keep them).
  const titles = (codes: string[]) =>
    codes.map((code) => findingDefinitions[code as FindingCode]?.title ?? code).join(', ');
  if (added.length) changes.push(`New findings: ${titles(added)}.`);
  if (removed.length) changes.push(`Resolved findings: ${titles(removed)}.`);
  const summary =
    changes.length === 0
      ? 'No change.'
      : renewal && changes.length <= 3 && !changes.some((line) => line.startsWith('New key'))
        ? 'Just a renewal (same issuer, same names, same key).'
        : renewal
          ? 'A renewal, with other changes.'
          : `${changes.length} change${changes.length === 1 ? '' : 's'}.`;
  return { changes, summary };
}
