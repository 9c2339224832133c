/** Fuzz properties shared by `npm test` (fixed seed, 10,000 cases each) and `npm run fuzz` (as long as asked). */
import * as fc from 'fast-check';
import { rootCertificates } from 'node:tls';
import { buildAsn1Tree } from '../src-core/x509/asn1-tree';
import { decodeInput } from '../src-core/inspect/decode-input';
import { DerError } from '../src-core/asn1/der';
import { describeExtensions } from '../src-core/x509/extensions/registry';
import { readCertificate } from '../src-core/x509/certificate';
import { decoderSeeds, type DecoderSeeds } from './seeds';
import { analyzeHandshake } from '../src-core/tls/handshake';
import { TlsParseError } from '../src-core/tls/records';
import { readVerifyCert, type VerifyCert } from '../src-core/verify/cert';
import { checkOcspResponse } from '../src-core/verify/ocsp';
import { checkEncryptedKey, checkPkcs12, pkcs12FuzzSeeds } from '../test/core/fuzz/pkcs12-seeds';
import { checkCrl, crlFuzzSeeds } from '../test/core/fuzz/crl-seeds';
import { displayVerdictDifferences } from '../test/support/display-verdict';

const pemToDer = (pem: string) =>
  new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
const seeds = rootCertificates.slice(0, 12).map(pemToDer);

/** A recorded TLS 1.2 server flight shape: handshake records around a Certificate message. */
function tlsFlight(certificates: Uint8Array[]): Uint8Array {
  const list = certificates.flatMap((der) => [
    der.length >> 16,
    (der.length >> 8) & 0xff,
    der.length & 0xff,
    ...der,
  ]);
  const body = [list.length >> 16, (list.length >> 8) & 0xff, list.length & 0xff, ...list];
  const hello = [0x03, 0x03, ...new Array(32).fill(9), 0x00, 0xc0, 0x2f, 0x00, 0x00, 0x00];
  const message = (type: number, content: number[]) => [
    type,
    content.length >> 16,
    (content.length >> 8) & 0xff,
    content.length & 0xff,
    ...content,
  ];
  const payload = [...message(2, hello), ...message(11, body), ...message(14, [])];
  const records: number[] = [];
  for (let offset = 0; offset < payload.length; offset += 4000) {
    const chunk = payload.slice(offset, offset + 4000);
    records.push(0x16, 0x03, 0x03, chunk.length >> 8, chunk.length & 0xff, ...chunk);
  }
  return Uint8Array.from(records);
}

/** Mutations a hostile or broken peer produces. */
function mutated(seed: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc
      .tuple(
        seed,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }),
      )
      .map(([bytes, flips]) => {
        const copy = bytes.slice();
        for (const [position, mask] of flips) copy[position % copy.length] ^= mask;
        return copy;
      }),
    fc.tuple(seed, fc.nat()).map(([bytes, cut]) => bytes.slice(0, cut % bytes.length)),
    fc.tuple(seed, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([bytes, at, extra]) => {
      const position = at % bytes.length;
      return Uint8Array.from([...bytes.subarray(0, position), ...extra, ...bytes.subarray(position)]);
    }),
    fc.tuple(seed, fc.nat(), fc.constantFrom(0x80, 0x84, 0xff, 0x00)).map(([bytes, at, value]) => {
      const copy = bytes.slice();
      copy[(at % (copy.length - 1)) + 1] = value; // length bytes
      return copy;
    }),
    fc.uint8Array({ maxLength: 512 }),
  );
}

export interface ParserProperty {
  name: string;
  cases: number;
  arbitrary: fc.Arbitrary<Uint8Array>;
  check: (bytes: Uint8Array) => Promise<void>;
}

let ocspParties: Promise<[VerifyCert, VerifyCert]> | undefined;

/** Seeds made with openssl on first use (not when the module loads). */
const lazyDecoderSeeds = (pick: (seeds: DecoderSeeds) => Uint8Array[]) =>
  fc.constant(null).chain(() => fc.constantFrom(...pick(decoderSeeds())));

async function decodes(name: string, bytes: Uint8Array): Promise<void> {
  const result = await decodeInput({ name, bytes });
  if (!Array.isArray(result.items) || !Array.isArray(result.errors))
    throw new Error('decodeInput returned no result');
}

export const parserProperties: ParserProperty[] = [
  {
    name: 'decodeInput on mutated DER certificates',
    cases: 10_000,
    arbitrary: mutated(fc.constantFrom(...seeds)),
    check: async (bytes) => {
      const result = await decodeInput({ name: 'fuzz.der', bytes });
      if (!Array.isArray(result.items) || !Array.isArray(result.errors))
        throw new Error('decodeInput returned no result');
    },
  },
  {
    name: 'decodeInput on mutated PEM text',
    cases: 10_000,
    arbitrary: mutated(
      fc.constantFrom(...rootCertificates.slice(0, 6).map((pem) => new TextEncoder().encode(pem))),
    ),
    check: async (bytes) => {
      await decodeInput({ name: 'fuzz.pem', bytes });
    },
  },
  {
    name: 'decodeInput on mutated PKCS#7 bundles (with and without CRLs)',
    cases: 10_000,
    arbitrary: mutated(lazyDecoderSeeds((found) => found.pkcs7)),
    check: (bytes) => decodes('fuzz.p7c', bytes),
  },
  {
    name: 'decodeInput on mutated CSRs and CRLs',
    cases: 10_000,
    arbitrary: mutated(lazyDecoderSeeds((found) => [...found.csrs, ...found.crls])),
    check: (bytes) => decodes('fuzz.der', bytes),
  },
  {
    name: 'extension registry and ASN.1 tree on mutated certificates',
    cases: 10_000,
    arbitrary: mutated(fc.constantFrom(...seeds)),
    check: async (bytes) => {
      try {
        const model = readCertificate(bytes);
        // Parsers may fail on hostile bytes, but only into the raw fallback, never out of it.
        describeExtensions(model.extensions);
      } catch (error) {
        if (!(error instanceof DerError)) throw error;
      }
      try {
        buildAsn1Tree(bytes);
      } catch (error) {
        if (!(error instanceof DerError)) throw error;
      }
    },
  },
  {
    name: 'OCSP response check on mutated openssl responses (good and revoked)',
    cases: 10_000,
    arbitrary: mutated(lazyDecoderSeeds((found) => found.ocsp.responses)),
    check: async (bytes) => {
      const { cert, issuer } = decoderSeeds().ocsp;
      ocspParties ??= Promise.all([readVerifyCert(cert), readVerifyCert(issuer)]);
      const [leaf, ca] = await ocspParties;
      const verdict = await checkOcspResponse(bytes, leaf, ca, { at: new Date() });
      if (!['good', 'revoked', 'unknown', 'invalid'].includes(verdict.status)) throw new Error('no verdict');
    },
  },
  {
    name: 'verifier certificate reader on mutated DER: no crash, and it reads what the display shows',
    cases: 10_000,
    arbitrary: mutated(fc.constantFrom(...seeds)),
    check: async (bytes) => {
      // Any other exception than the readers' own errors escapes and fails the property.
      const differences = await displayVerdictDifferences(bytes);
      if (differences.length) throw new Error(`display and verdict disagree: ${differences.join('; ')}`);
    },
  },
  {
    name: 'verifier CRL reader and scope check on mutated CRLs (indirect, delta, distribution points)',
    cases: 5_000,
    arbitrary: mutated(fc.constant(null).chain(() => fc.constantFrom(...crlFuzzSeeds()))),
    check: checkCrl,
  },
  {
    name: 'TLS handshake analysis on mutated server flights',
    cases: 10_000,
    arbitrary: mutated(fc.constantFrom(tlsFlight(seeds.slice(0, 2)), tlsFlight(seeds.slice(2, 5)))),
    check: async (bytes) => {
      try {
        analyzeHandshake({ chunks: [{ from: 'server', bytes }] });
      } catch (error) {
        if (!(error instanceof TlsParseError)) throw error;
      }
    },
  },
];

/** Runs a property; returns a description of the first counterexample, or undefined. */
export async function runProperty(
  property: ParserProperty,
  parameters: fc.Parameters<[Uint8Array]>,
): Promise<string | undefined> {
  const details = await fc.check(
    fc.asyncProperty(property.arbitrary, async (bytes) => {
      await property.check(bytes);
    }),
    parameters,
  );
  if (!details.failed) return undefined;
  const example = details.counterexample?.[0];
  return `${property.name}: ${String((details as { errorInstance?: unknown }).errorInstance ?? '')}\ninput (hex): ${example ? Buffer.from(example).toString('hex') : '?'}`;
}

/**
 * PKCS#12 files and encrypted PKCS#8 keys (seeds made with openssl on first use, iteration count 1).
 * `fuzz/run.ts` runs only `parserProperties`; list these there too to fuzz them for longer.
 */
const lazySeeds = (pick: (seeds: ReturnType<typeof pkcs12FuzzSeeds>) => Uint8Array[]) =>
  fc.constant(null).chain(() => fc.constantFrom(...pick(pkcs12FuzzSeeds())));

export const pkcs12Properties: ParserProperty[] = [
  {
    name: 'readPkcs12 on mutated PKCS#12 files',
    cases: 10_000,
    arbitrary: mutated(lazySeeds((seeds) => seeds.pkcs12)),
    check: checkPkcs12,
  },
  {
    name: 'readPrivateKey on mutated encrypted PKCS#8 keys',
    cases: 10_000,
    arbitrary: mutated(lazySeeds((seeds) => seeds.encryptedKeys)),
    check: checkEncryptedKey,
  },
];
