/**
 * The PEM reader finds exactly the blocks the plain regular expression of RFC 7468's textual
 * encoding finds (the reader's first form, kept here as the reference): same labels, offsets,
 * bytes and errors, over generated text — prose between blocks, CRLF, a BOM, header lines, labels
 * that don't match, BEGINs without an END, whitespace of every kind and broken base64.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../../../src-core/bytes/base64';
import { parsePemBlocks, pemBlocks, type PemBlock } from '../../../src-core/bytes/pem';

function referenceBlocks(text: string): PemBlock[] {
  const pattern = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;
  return [...text.replace(/^\uFEFF/, '').matchAll(pattern)].map((match) => {
    const body = match[2]
      .split(/\r?\n/)
      .filter((line) => !/^[A-Za-z-]+:/.test(line.trim()))
      .join('')
      .replace(/\s+/g, '');
    const offset = match.index ?? 0;
    try {
      return { label: match[1], der: base64ToBytes(body), offset };
    } catch {
      return {
        label: match[1],
        der: new Uint8Array(0),
        offset,
        error: `the ${match[1]} block at character ${offset} is not valid base64`,
      };
    }
  });
}

const pieces = fc.constantFrom(
  '-----BEGIN CERTIFICATE-----',
  '-----END CERTIFICATE-----',
  '-----BEGIN X509 CRL-----',
  '-----END X509 CRL-----',
  '-----BEGIN RSA PRIVATE KEY-----',
  '-----END RSA PRIVATE KEY-----',
  '-----BEGIN -----',
  '-----BEGIN lower-----',
  '-----END lower-----',
  '-----BEGIN CERTIFICATE----',
  'Proc-Type: 4,ENCRYPTED',
  'DEK-Info: AES-128-CBC,00',
  'MIIBszCCAVmgAwIBAgIU',
  'QUJD',
  'REVGRw==',
  'QQ==',
  'not base64!',
  'Subject: CN=x',
  '\n',
  '\r\n',
  ' ',
  '\t',
  '\u00a0',
  '\v',
  '\uFEFF',
  ':',
  '-----',
);

describe('PEM blocks', () => {
  it('are the ones the reference pattern finds, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const reference = referenceBlocks(text);
        expect(parsePemBlocks(text)).toEqual(reference);
        expect(Array.from(pemBlocks(text))).toEqual(reference);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a certificate with CRLF, a BOM and prose around it, and skips an unfinished block', () => {
    const text =
      '\uFEFFsubject=CN=x\r\n-----BEGIN CERTIFICATE-----\r\nQUJD\r\nREVG\r\n-----END CERTIFICATE-----\r\n' +
      '-----BEGIN CERTIFICATE-----\r\nQUJD\r\n';
    const blocks = parsePemBlocks(text);
    expect(blocks).toEqual([{ label: 'CERTIFICATE', der: new TextEncoder().encode('ABCDEF'), offset: 14 }]);
    expect(blocks).toEqual(referenceBlocks(text));
  });
});
