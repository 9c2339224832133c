/**
 * Reads a certificate's subject straight from the DER, without pkijs, and normalises it exactly
 * like `normaliseName` — so ~300 trust anchors can be indexed by subject in a few milliseconds
 * and only the few that matter get parsed in full.
 */

interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

function readTlv(der: Uint8Array, offset: number): Tlv | undefined {
  if (offset + 2 > der.length) return undefined;
  const tag = der[offset];
  let cursor = offset + 1;
  let length = der[cursor++];
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || cursor + count > der.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[cursor++];
  }
  if (cursor + length > der.length) return undefined;
  return { tag, start: offset, contentStart: cursor, end: cursor + length };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const list: Tlv[] = [];
  let offset = parent.contentStart;
  while (offset < parent.end) {
    const child = readTlv(der, offset);
    if (!child || child.end > parent.end) return [];
    list.push(child);
    offset = child.end;
  }
  return list;
}

function oidToString(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0)
        parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function stringValue(der: Uint8Array, tlv: Tlv): string | undefined {
  const bytes = der.subarray(tlv.contentStart, tlv.end);
  switch (tlv.tag) {
    case 0x0c: // UTF8String
      return utf8.decode(bytes);
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x14: // TeletexString (as pkijs reads it: byte per character)
    case 0x1a: // VisibleString
      return latin1.decode(bytes);
    case 0x1e: {
      // BMPString, UTF-16BE
      let text = '';
      for (let i = 0; i + 1 < bytes.length; i += 2)
        text += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
      return text;
    }
    default:
      return undefined;
  }
}

/** The subject key of a DER certificate, or undefined when it can't be read this cheaply. */
export function fastSubjectKey(der: Uint8Array): string | undefined {
  const certificate = readTlv(der, 0);
  if (!certificate || certificate.tag !== 0x30) return undefined;
  const tbs = children(der, certificate)[0];
  if (!tbs || tbs.tag !== 0x30) return undefined;
  const fields = children(der, tbs);
  const skip = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version
  const subject = fields[skip + 4]; // serial, signature, issuer, validity, subject
  if (!subject || subject.tag !== 0x30) return undefined;
  const entries: string[] = [];
  for (const rdn of children(der, subject)) {
    for (const attribute of children(der, rdn)) {
      const [type, value] = children(der, attribute);
      if (!type || type.tag !== 0x06 || !value) return undefined;
      const text = stringValue(der, value);
      if (text === undefined) return undefined;
      entries.push(
        `${oidToString(der.subarray(type.contentStart, type.end))}=${text.trim().replace(/\s+/g, ' ').toLowerCase()}`,
      );
    }
  }
  return entries.join('/');
}
