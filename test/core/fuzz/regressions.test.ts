/** Inputs the fuzzers found crashing a parser, kept so the fix stays fixed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src-core/inspect/decode-input';
import { CertificateStructureError, readVerifyCert } from '../../../src-core/verify/cert';
import { readCrl } from '../../../src-core/verify/crl';
import { checkCrl } from './crl-seeds';

const regression = (name: string) =>
  new Uint8Array(
    Buffer.from(readFileSync(join(import.meta.dirname, 'regressions', name), 'utf8').trim(), 'hex'),
  );

describe('fuzz regressions', () => {
  it('a certificate whose OID length was mutated gives a typed error, not an asn1js exception', async () => {
    await expect(readVerifyCert(regression('verify-cert-oid-length.hex'))).rejects.toBeInstanceOf(
      CertificateStructureError,
    );
  });

  it('a CRL whose issuer name holds a broken GeneralizedTime is read, says so and vouches for nothing; no exception', async () => {
    const crl = await readCrl(regression('crl-bad-generalized-time.hex'));
    expect(crl?.problems).toEqual([
      expect.stringMatching(/^the CRL is malformed: issuer: .*not a valid GeneralizedTime/),
    ]);
  });

  it('a mutated PKITS CRL (a broken time deep in an extension) is checked without an exception', async () => {
    await expect(checkCrl(regression('crl-scope-check-bad-time.hex'))).resolves.toBeUndefined();
  });

  it('a PEM block with a character outside base64 is reported, and the other blocks still load', async () => {
    const [good] = rootCertificates;
    const broken = good.replace('-----BEGIN CERTIFICATE-----\n', '-----BEGIN CERTIFICATE-----\n\u000e');
    const result = await decodeInput({ name: 'mixed.pem', bytes: new TextEncoder().encode(broken + good) });
    expect(result.items).toHaveLength(1);
    expect(result.errors).toEqual([
      { code: 'malformed', message: 'mixed.pem: the CERTIFICATE block at character 0 is not valid base64' },
    ]);
  });
});
