/**
 * Golden test on real certificates nobody here wrote: every root in Node's bundled Mozilla store
 * decodes to the same subject, issuer, serial, validity, fingerprints, SANs, key type and size and
 * CA flag as Node's native X509Certificate (OpenSSL) reports.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src-core/inspect/decode-input';
import { escapeValue } from '../../../src-core/x509/name';

/** Native prints one escaped `label=value` per line, in encoded order; rebuild ours the same way. */
/** Native prints serials as unsigned uppercase hex without leading zeros. */
const unsignedSerial = (hex: string) => BigInt(`0x${hex}`).toString(16).toUpperCase();
const colonHex = (hex: string) => hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');
/** The SAN entries both sides print the same way (native quotes and escapes directory names its own way). */
const simpleSans = (list: string[]) =>
  list
    .filter((name) => /^(DNS|email|IP Address|URI):/.test(name))
    .map((name) => name.replace(/^IP Address:/, 'IP:'));

const nativeKeyTypes: Record<string, string> = {
  rsa: 'RSA',
  'rsa-pss': 'RSA',
  ec: 'EC',
  ed25519: 'Ed25519',
  ed448: 'Ed448',
};

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
        ['serial', unsignedSerial(ours.serialHex), unsignedSerial(native.serialNumber)],
        ['sha256', colonHex(ours.fingerprints.sha256), native.fingerprint256],
        ['sha1', colonHex(ours.fingerprints.sha1), native.fingerprint],
        [
          'spki pin',
          ours.fingerprints.spkiSha256,
          createHash('sha256')
            .update(native.publicKey.export({ type: 'spki', format: 'der' }))
            .digest('hex'),
        ],
        ['ca', ours.isCa, native.ca],
        ['key type', ours.publicKey.algorithm, nativeKeyTypes[native.publicKey.asymmetricKeyType ?? '']],
        [
          'key size',
          ours.publicKey.algorithm === 'RSA' ? ours.publicKey.bits : ours.publicKey.curve,
          native.publicKey.asymmetricKeyDetails?.modulusLength ??
            { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[
              native.publicKey.asymmetricKeyDetails?.namedCurve ?? ''
            ],
        ],
        [
          'exponent',
          ours.publicKey.exponent,
          native.publicKey.asymmetricKeyDetails?.publicExponent === undefined
            ? undefined
            : Number(native.publicKey.asymmetricKeyDetails.publicExponent),
        ],
        [
          'sans',
          JSON.stringify(simpleSans(ours.subjectAltNames)),
          JSON.stringify(simpleSans(native.subjectAltName?.split(', ') ?? [])),
        ],
        ['san count', ours.sans.length, native.subjectAltName?.split(/, (?=[A-Za-z ]+:)/).length ?? 0],
        // A few roots have serial number 0: RFC 5280 wants a positive one, browsers trust them anyway.
        ['non-strict', ours.nonStrictDer.filter((problem) => problem !== 'serial number is zero').length, 0],
        ['problems', ours.problems, undefined],
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
