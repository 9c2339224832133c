/**
 * Entry point of the decoder: any dropped or pasted input → the objects in it, plus clear errors.
 * The file's type is sniffed from its content (PEM armour, then the DER structure), never from
 * its name.
 */
import { readCertificate } from '../x509/certificate';
import { readCrl, type DecodedCrl } from '../x509/crl';
import { readCsr, type DecodedCsr } from '../x509/csr';
import { childrenOf, DerError, readTlv, readWhole, universalTags, type Tlv } from '../asn1/der';
import { keyFormatOfDer, keyFormatOfLabel, linkKeys, readKey, type DecodedKey } from '../pkcs/keys';
import type { CertificateModel, Fingerprints } from '../x509/model';
import { base64ToBytes } from '../bytes/base64';
import { countPemBlocksFrom, looksLikePem, pemBlocks } from '../bytes/pem';
import { looksLikePkcs7, readPkcs7 } from '../pkcs/pkcs7';
import { PasswordError } from '../pkcs/errors';
import { digestSync } from '../pkcs/hash';
import { looksLikePkcs12, readPkcs12 } from '../pkcs/pkcs12';
import { decodeLimits } from './decode-limits';
import { verifySignedData } from '../crypto/signature';
import { toHex } from '../bytes/hex';

export interface DecodedCertificate extends CertificateModel {
  fingerprints: Fingerprints;
  /** The PKCS#12 friendly name, when the certificate came from one. */
  friendlyName?: string;
  /** Where in the input it was: 'pem' block, 'der', 'pkcs7' bundle or 'pkcs12' file. */
  container: 'pem' | 'der' | 'pkcs7' | 'pkcs12';
}

export interface DecodeError {
  code:
    | 'not-a-certificate'
    | 'malformed'
    | 'too-large'
    | 'too-many'
    | 'unsupported'
    | 'password-required'
    | 'wrong-password';
  message: string;
  /** Byte offset in the object (DER) where the problem is, when known. */
  offset?: number;
  /** A summary standing for this many more problems of the same kind, not described one by one. */
  repeated?: number;
}

/** Objects that are not certificates but are worth listing (the certificates are in `items`). */
export type DecodedOther = DecodedCsr | DecodedCrl | DecodedKey;

export interface DecodeResult {
  name: string;
  /** Every certificate found, in order, from PEM, DER, PKCS#7 or PKCS#12. */
  items: DecodedCertificate[];
  others: DecodedOther[];
  errors: DecodeError[];
  /** Set when the file (PKCS#12, encrypted key) needs a password, or a different one. */
  needsPassword?: 'password-required' | 'wrong-password';
}

export interface DecodeRequest {
  name: string;
  bytes: Uint8Array;
  /** For PKCS#12 files and encrypted private keys; never kept. */
  password?: string;
}

class UnsupportedError extends Error {}
class NotCertificateError extends Error {}

interface Blob {
  der: Uint8Array;
  label?: string;
  /** Character offset of a PEM block in the text. */
  offset?: number;
  /** Where it came from, for messages: "block 2 (CERTIFICATE at character 130)". */
  where?: string;
  error?: string;
}

export async function decodeInput(input: DecodeRequest): Promise<DecodeResult> {
  const result: DecodeResult = { name: input.name, items: [], others: [], errors: [] };
  if (input.bytes.length > decodeLimits.maxFileBytes) {
    result.errors.push({
      code: 'too-large',
      message: `${input.name} is larger than ${decodeLimits.maxFileBytes / 1024 / 1024} MiB, the most Certscope reads from one file`,
    });
    return result;
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(input.bytes);
  const blobs: Iterable<Blob> = looksLikePem(text)
    ? pemBlobs(text)
    : [{ der: bareBase64(text) ?? input.bytes }];
  const unreadable = new UnreadableBlocks(input.name, text);
  for (const blob of blobs) {
    if (result.items.length >= decodeLimits.maxCertificates) {
      tooMany(result);
      break;
    }
    if (unreadable.exhausted) {
      unreadable.stopAt(blob);
      break;
    }
    const prefix = blob.where ? `${input.name}, ${blob.where}` : input.name;
    if (blob.error) {
      unreadable.add(result, blob, () => ({ code: 'malformed', message: `${input.name}: ${blob.error}` }));
      continue;
    }
    try {
      await readObject(blob, input.password, result);
    } catch (error) {
      if (error instanceof PasswordError) result.errors.push(describeError(error, prefix, result));
      else unreadable.add(result, blob, () => describeError(error, prefix, result));
    }
  }
  unreadable.summarise(result);
  if (result.items.length > decodeLimits.maxCertificates) {
    result.items.length = decodeLimits.maxCertificates;
    tooMany(result);
  }
  linkKeys(result.others, result.items);
  if (result.items.length === 0 && result.others.length === 0 && result.errors.length === 0) {
    result.errors.push({ code: 'not-a-certificate', message: `${input.name} is not a certificate file` });
  }
  return result;
}

function* pemBlobs(text: string): Generator<Blob> {
  let index = 0;
  for (const block of pemBlocks(text)) {
    index++;
    yield {
      der: block.der,
      label: block.label,
      where: `block ${index} (${block.label} at character ${block.offset})`,
      offset: block.offset,
      ...(block.error ? { error: block.error } : {}),
    };
  }
}

/**
 * Blocks that could not be read: the first few are said one by one, the rest counted and said in
 * one line; after `decodeLimits.maxUnreadableBlocks` of them the reading stops, and the blocks
 * left are counted, not read. A 20 MiB file of 355,000 broken blocks once took 7 s to read and
 * made 355,000 messages (a frozen page to show them).
 */
class UnreadableBlocks {
  static readonly listed = 5;
  private count = 0;
  private firstOffset: number | undefined;
  private notRead = 0;
  constructor(
    private readonly name: string,
    private readonly text: string,
  ) {}

  get exhausted(): boolean {
    return this.count >= decodeLimits.maxUnreadableBlocks;
  }

  add(result: DecodeResult, blob: Blob, describe: () => DecodeError): void {
    this.count++;
    if (this.firstOffset === undefined) this.firstOffset = blob.offset ?? 0;
    if (this.count <= UnreadableBlocks.listed) result.errors.push(describe());
  }

  /** Reading stops before `next`: it and every block after it are counted, not read. */
  stopAt(next: Blob): void {
    this.notRead = countPemBlocksFrom(this.text, next.offset ?? 0);
  }

  summarise(result: DecodeResult): void {
    const more = this.count - UnreadableBlocks.listed;
    if (more <= 0) return;
    const all = this.count + this.notRead;
    // PEM offsets count characters; the message says bytes, as everywhere else.
    const byte = new TextEncoder().encode(this.text.slice(0, this.firstOffset)).length;
    const count = (n: number) => n.toLocaleString('en-US');
    const stopped = this.notRead
      ? ` After ${count(this.count)} unreadable blocks Certscope stopped reading: the last ${count(this.notRead)} were only counted.`
      : '';
    result.errors.push({
      code: 'malformed',
      message: `${this.name}: ${count(all)} blocks could not be read; first at byte ${byte}. The first ${UnreadableBlocks.listed} are described above.${stopped}`,
      offset: byte,
      repeated: all - UnreadableBlocks.listed,
    });
  }
}

function tooMany(result: DecodeResult): void {
  if (result.errors.some((error) => error.code === 'too-many')) return;
  result.errors.push({
    code: 'too-many',
    message: `${result.name} holds more than ${decodeLimits.maxCertificates} certificates; only the first ${decodeLimits.maxCertificates} were read`,
  });
}

function describeError(error: unknown, prefix: string, result: DecodeResult): DecodeError {
  if (error instanceof PasswordError) {
    result.needsPassword = error.reason;
    return { code: error.reason, message: `${prefix}: ${error.message}` };
  }
  if (error instanceof NotCertificateError)
    return { code: 'not-a-certificate', message: `${prefix} is not a certificate file: ${error.message}` };
  if (error instanceof UnsupportedError)
    return { code: 'unsupported', message: `${prefix}: ${error.message}` };
  if (error instanceof DerError)
    return {
      code: error.code,
      message: `${prefix} could not be read: ${error.message}${error.offset !== undefined ? ` (at byte ${error.offset})` : ''}`,
      ...(error.offset !== undefined ? { offset: error.offset } : {}),
    };
  const reason = error instanceof Error ? error.message : String(error);
  const offset = (error as { offset?: unknown }).offset;
  return {
    code: 'malformed',
    message: `${prefix} could not be read: ${reason}`,
    ...(typeof offset === 'number' ? { offset } : {}),
  };
}

/** Text that is nothing but base64 (a PEM body without its armour) → its bytes. */
function bareBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/^\uFEFF/, '').replace(/\s+/g, '');
  if (compact.length < 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  try {
    const bytes = base64ToBytes(compact);
    return bytes[0] === 0x30 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

const labelKinds: [
  RegExp,
  'certificate' | 'csr' | 'crl' | 'pkcs7' | 'pkcs12' | 'public-key' | 'parameters',
][] = [
  [/^(X509 |TRUSTED |)CERTIFICATE$/, 'certificate'],
  [/CERTIFICATE REQUEST$/, 'csr'],
  [/CRL$/, 'crl'],
  [/^(PKCS7|CMS|PKCS #7 SIGNED DATA)$/, 'pkcs7'],
  [/^PKCS12$/, 'pkcs12'],
  [/PUBLIC KEY$/, 'public-key'],
  [/PARAMETERS$/, 'parameters'],
];

/** One DER object, sniffed from its content (the PEM label only breaks ties). */
async function readObject(blob: Blob, password: string | undefined, result: DecodeResult): Promise<void> {
  const { der, label } = blob;
  const container: DecodedCertificate['container'] = label ? 'pem' : 'der';
  const keyFormat = label ? keyFormatOfLabel(label) : undefined;
  if (keyFormat) {
    result.others.push(await readKey(der, keyFormat, password));
    return;
  }
  const labelKind = label ? labelKinds.find(([pattern]) => pattern.test(label))?.[1] : undefined;
  if (labelKind === 'public-key' || labelKind === 'parameters')
    throw new UnsupportedError(`a ${label!.toLowerCase()} block is not a certificate (skipped)`);
  // A TRUSTED CERTIFICATE is the certificate followed by OpenSSL's trust settings.
  if (!label && der[0] !== universalTags.sequence)
    throw new NotCertificateError('it is neither PEM text nor DER certificate data');
  const top = label === 'TRUSTED CERTIFICATE' ? readTlv(der, 0) : readWhole(der, 'file contents');
  if (top.tag !== universalTags.sequence)
    throw new DerError('this is not DER-encoded certificate data (it does not start with a SEQUENCE)', 0);
  const bytes = label === 'TRUSTED CERTIFICATE' ? der.subarray(0, top.end) : der;
  if (looksLikePkcs7(bytes, top)) {
    const bundle = readPkcs7(bytes, top);
    for (const certificate of bundle.certificates)
      result.items.push(withFingerprints(readCertificate(certificate), 'pkcs7'));
    for (const crl of bundle.crls) result.others.push(readCrl(crl));
    return;
  }
  if (labelKind === 'pkcs12' || looksLikePkcs12(bytes)) {
    const contents = await readPkcs12(bytes, password);
    for (const certificate of contents.certificates) {
      const decoded = withFingerprints(readCertificate(certificate.der), 'pkcs12');
      if (certificate.friendlyName) decoded.friendlyName = certificate.friendlyName;
      result.items.push(decoded);
    }
    for (const key of contents.keys) result.others.push({ kind: 'key', ...key, source: 'pkcs12' });
    return;
  }
  const derKeyFormat = keyFormatOfDer(bytes, top);
  if (derKeyFormat) {
    result.others.push(await readKey(bytes, derKeyFormat, password));
    return;
  }
  if (labelKind === 'csr') {
    result.others.push(await withSignatureCheck(readCsr(bytes)));
    return;
  }
  if (labelKind === 'crl') {
    result.others.push(readCrl(bytes));
    return;
  }
  try {
    result.items.push(withFingerprints(readCertificate(bytes), container));
  } catch (certificateError) {
    if (labelKind === 'certificate') throw certificateError;
    const shape = signedShape(bytes, top);
    if (shape === 'csr') result.others.push(await withSignatureCheck(readCsr(bytes)));
    else if (shape === 'crl') result.others.push(readCrl(bytes));
    else throw certificateError;
  }
}

/** A signed object that is not a certificate: a CSR (version 0, name, key) or a CRL (…, name, time)? */
function signedShape(der: Uint8Array, top: Tlv): 'csr' | 'crl' | undefined {
  try {
    const [tbs] = childrenOf(der, top);
    const fields = childrenOf(der, tbs);
    if (
      fields[0]?.tag === universalTags.integer &&
      fields[1]?.tag === universalTags.sequence &&
      fields[2]?.tag === universalTags.sequence &&
      (fields[3] === undefined || fields[3].tag === 0xa0)
    )
      return 'csr';
    const afterVersion = fields[0]?.tag === universalTags.integer ? 1 : 0;
    const time = fields[afterVersion + 2]?.tag;
    if (time === universalTags.utcTime || time === universalTags.generalizedTime) return 'crl';
  } catch {
    // not a signed object at all
  }
  return undefined;
}

function withFingerprints(
  certificate: CertificateModel,
  container: DecodedCertificate['container'],
): DecodedCertificate {
  // Hashed on first use: a list of thousands of dropped certificates never needs them all.
  let fingerprints: Fingerprints | undefined;
  const decoded = { ...certificate, container } as DecodedCertificate;
  Object.defineProperty(decoded, 'fingerprints', {
    enumerable: true,
    configurable: true,
    get: () =>
      (fingerprints ??= {
        sha1: toHex(digestSync('SHA-1', certificate.der)),
        sha256: toHex(digestSync('SHA-256', certificate.der)),
        spkiSha256: toHex(digestSync('SHA-256', certificate.spki)),
      }),
  });
  return decoded;
}

/** Whether a CSR is signed by its own key (proof the requester holds it). */
async function withSignatureCheck(csr: DecodedCsr): Promise<DecodedCsr> {
  const { signatureAlgorithm, publicKey } = csr;
  const signature = await verifySignedData(
    {
      tbs: csr.signed.tbs,
      signatureOid: signatureAlgorithm.oid,
      signatureValue: csr.signed.signatureValue,
      ...(signatureAlgorithm.pss
        ? { pssHash: signatureAlgorithm.pss.hash, pssSaltLength: signatureAlgorithm.pss.saltLength }
        : {}),
    },
    {
      spki: csr.spki,
      key: publicKey,
      publicKeyBits: csr.signed.publicKeyBits,
      ...(csr.signed.publicKeyParameters ? { publicKeyParameters: csr.signed.publicKeyParameters } : {}),
    },
  );
  return { ...csr, signature };
}
