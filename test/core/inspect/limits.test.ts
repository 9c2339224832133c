/**
 * The certificate limit of one dropped file (decodeLimits.maxCertificates, 10,000), at the limit
 * and one past it as PEM blocks (counted while reading), and one past it as a single PKCS#7 bundle
 * (read whole, then trimmed).
 * At the limit everything is read with no complaint; one past it, exactly the first 10,000 are kept
 * and one `too-many` error says so.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src-core/inspect/decode-input';
import { decodeLimits } from '../../../src-core/inspect/decode-limits';
import { bulkName, bulkPem } from '../../e2e/support/bulk-pem';

const limit = decodeLimits.maxCertificates;
const encoder = new TextEncoder();

describe(`at most ${limit} certificates per file`, () => {
  let pemPastLimit: string;
  let pemAtLimit: string;

  beforeAll(async () => {
    pemPastLimit = await bulkPem(limit + 1);
    // The same blocks minus the last one: every block is the same length.
    pemAtLimit = pemPastLimit.slice(0, pemPastLimit.lastIndexOf('-----BEGIN CERTIFICATE-----'));
  }, 120_000);

  it('the limit is 10,000', () => {
    expect(limit).toBe(10_000);
  });

  it(`${limit} PEM blocks: all read, no error`, async () => {
    const result = await decodeInput({ name: 'at-limit.pem', bytes: encoder.encode(pemAtLimit) });
    expect(result.errors).toEqual([]);
    expect(result.items).toHaveLength(limit);
    expect(result.items.at(-1)?.subject).toContain(bulkName(limit - 1));
  }, 120_000);

  it(`${limit + 1} PEM blocks: the first ${limit} read, and one too-many error`, async () => {
    const result = await decodeInput({ name: 'past-limit.pem', bytes: encoder.encode(pemPastLimit) });
    expect(result.items).toHaveLength(limit);
    expect(result.items[0].subject).toContain(bulkName(0));
    expect(result.items.at(-1)?.subject).toContain(bulkName(limit - 1));
    expect(result.errors).toEqual([
      {
        code: 'too-many',
        message: `past-limit.pem holds more than ${limit} certificates; only the first ${limit} were read`,
      },
    ]);
  }, 120_000);

  it(`one PKCS#7 bundle of ${limit + 1} certificates: trimmed to ${limit}, one too-many error`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-limits-'));
    const bundle = (pem: string, name: string) => {
      writeFileSync(join(dir, `${name}.pem`), pem);
      execFileSync('openssl', [
        'crl2pkcs7',
        '-nocrl',
        '-certfile',
        join(dir, `${name}.pem`),
        '-outform',
        'DER',
        '-out',
        join(dir, `${name}.p7b`),
      ]);
      return new Uint8Array(readFileSync(join(dir, `${name}.p7b`)));
    };
    const pastLimit = await decodeInput({ name: 'past-limit.p7b', bytes: bundle(pemPastLimit, 'past') });
    expect(pastLimit.items).toHaveLength(limit);
    expect(pastLimit.errors.map((error) => error.code)).toEqual(['too-many']);
  }, 180_000);
});
