/**
 * Golden test on real certificates nobody here wrote: every root in Node's bundled Mozilla store
 * decodes to the same subject, issuer and validity as Node's native X509Certificate reports.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src-core/decode';
import { escapeValue } from '../../../src-core/decode/names';

/** Native prints one escaped `label=value` per line, in encoded order; rebuild ours the same way. */
function nativeStyle(attributes: { label?: string; oid: string; value: string }[]): string {
  return attributes
    .map((attribute) => `${attribute.label ?? attribute.oid}=${escapeValue(attribute.value)}`)
    .join('\n');
}

describe('Mozilla roots (tls.rootCertificates)', () => {
  it(`decodes all ${rootCertificates.length} roots like Node's native parser`, async () => {
    expect(rootCertificates.length).toBeGreaterThan(100);
    const mismatches: string[] = [];
    for (const pem of rootCertificates) {
      const native = new X509Certificate(pem);
      const result = await decodeInput({ name: 'root.pem', bytes: new TextEncoder().encode(pem) });
      expect(result.errors).toEqual([]);
      const [ours] = result.items;
      const checks: [string, unknown, unknown][] = [
        ['subject', nativeStyle(ours.subjectAttributes), native.subject],
        ['issuer', nativeStyle(ours.issuerAttributes), native.issuer],
        ['notBefore', ours.notBefore.getTime(), new Date(native.validFrom).getTime()],
        ['notAfter', ours.notAfter.getTime(), new Date(native.validTo).getTime()],
        ['der', Buffer.from(ours.der).equals(native.raw), true],
      ];
      for (const [field, mine, theirs] of checks) {
        if (mine !== theirs)
          mismatches.push(
            `${native.subject.split('\n').pop()}: ${field} ${JSON.stringify(mine)} ≠ ${JSON.stringify(theirs)}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });
});
