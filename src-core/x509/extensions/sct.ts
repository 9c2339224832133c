/**
 * Embedded Signed Certificate Timestamps (RFC 6962 §3.3): an OCTET STRING holding the TLS-encoded
 * SignedCertificateTimestampList. Each SCT says a CT log promised to publish the certificate.
 */
import { content, DerError, expectTag, readWhole, universalTags } from '../../asn1/der';
import { bytesValue, node, numberValue, text, type ExtensionSpec } from './nodes';

const hashes: Record<number, string> = {
  0: 'none',
  1: 'MD5',
  2: 'SHA-1',
  3: 'SHA-224',
  4: 'SHA-256',
  5: 'SHA-384',
  6: 'SHA-512',
};
const signatures: Record<number, string> = { 0: 'anonymous', 1: 'RSA', 2: 'DSA', 3: 'ECDSA', 7: 'Ed25519' };

export interface SignedCertificateTimestamp {
  version: number;
  logId: Uint8Array;
  timestamp: Date;
  extensions: Uint8Array;
  hash: string;
  signatureAlgorithm: string;
  signature: Uint8Array;
}

/** The TLS-encoded list → SCTs; also used for SCTs from the TLS extension and stapled OCSP. */
export function readSctList(list: Uint8Array): SignedCertificateTimestamp[] {
  const reader = new TlsReader(list);
  const total = reader.uint16();
  if (total !== list.length - 2) throw new DerError('SCT list length does not match its contents', 0);
  const scts: SignedCertificateTimestamp[] = [];
  while (!reader.done()) {
    const length = reader.uint16();
    const item = new TlsReader(reader.bytes(length), reader.offset - length);
    const version = item.uint8();
    if (version !== 0) {
      scts.push({
        version: version + 1,
        logId: new Uint8Array(0),
        timestamp: new Date(0),
        extensions: new Uint8Array(0),
        hash: '',
        signatureAlgorithm: '',
        signature: item.rest(),
      });
      continue;
    }
    const logId = item.bytes(32);
    const high = item.uint32();
    const low = item.uint32();
    const extensions = item.bytes(item.uint16());
    const hash = item.uint8();
    const signatureAlgorithm = item.uint8();
    const signature = item.bytes(item.uint16());
    if (!item.done()) throw new DerError('unexpected bytes after an SCT', item.offset);
    scts.push({
      version: 1,
      logId: logId.slice(),
      timestamp: new Date(high * 2 ** 32 + low),
      extensions: extensions.slice(),
      hash: hashes[hash] ?? `hash ${hash}`,
      signatureAlgorithm: signatures[signatureAlgorithm] ?? `signature ${signatureAlgorithm}`,
      signature: signature.slice(),
    });
  }
  return scts;
}

/** The embedded SCT list: an OCTET STRING holding the TLS-encoded list. */
export const sctList: ExtensionSpec<SignedCertificateTimestamp[]> = {
  read: (value) =>
    readSctList(
      content(value, expectTag(readWhole(value, 'SCT list'), universalTags.octetString, 'SCT list', 0)),
    ),
  nodes: (scts) =>
    scts.map((sct) =>
      node('sct', 'Signed certificate timestamp', undefined, [
        node('version', 'Version', numberValue(sct.version)),
        node('logId', 'Log ID', bytesValue(sct.logId)),
        node('timestamp', 'Timestamp', { type: 'date', date: sct.timestamp }),
        ...(sct.extensions.length ? [node('extensions', 'Extensions', bytesValue(sct.extensions))] : []),
        node('signatureAlgorithm', 'Signature algorithm', text(`${sct.signatureAlgorithm} with ${sct.hash}`)),
        node('signature', 'Signature', bytesValue(sct.signature)),
      ]),
    ),
};

class TlsReader {
  offset = 0;
  constructor(
    private readonly data: Uint8Array,
    private readonly base = 0,
  ) {}
  done(): boolean {
    return this.offset >= this.data.length;
  }
  bytes(length: number): Uint8Array {
    if (this.offset + length > this.data.length)
      throw new DerError('the SCT data ends early', this.base + this.offset);
    const slice = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
  rest(): Uint8Array {
    return this.bytes(this.data.length - this.offset).slice();
  }
  uint8(): number {
    return this.bytes(1)[0];
  }
  uint16(): number {
    const b = this.bytes(2);
    return (b[0] << 8) | b[1];
  }
  uint32(): number {
    const b = this.bytes(4);
    return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  }
}
