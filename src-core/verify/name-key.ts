/**
 * The comparison key of a distinguished name, read straight from its DER with the decoder's
 * reader: RFC 5280 §7.1 (RFC 4518, simplified) — case-folded, whitespace collapsed, attribute by
 * attribute in encoded order. RDNs are joined by `/`, the attributes of a multi-valued RDN by `+`,
 * and those characters are escaped inside values, so a key's RDN boundaries are exact and a
 * prefix of RDNs is a prefix of the key (directory-name constraints rely on it).
 */
import { childrenOf, DerError, expectTag, readOid, universalTags, type Tlv } from '../asn1/der';
import { toHex } from '../bytes/hex';
import { readString } from '../asn1/strings';
import { readTime } from '../asn1/time';

/** A character string's text as the verifier compares it; undefined for other types. */
export function attributeText(bytes: Uint8Array, value: Tlv): string | undefined {
  const data = bytes.subarray(value.contentStart, value.contentEnd);
  switch (value.tag) {
    case 0x0c: // UTF8String
    case 0x1e: // BMPString
    case 0x1c: // UniversalString
      return readString(bytes, value);
    // Printable, IA5, Teletex (a byte per character, as browsers read it), Visible, Numeric…
    case 0x12:
    case 0x13:
    case 0x14:
    case 0x15:
    case 0x16:
    case 0x19:
    case 0x1a:
    case 0x1b:
      return byteText(data);
    default:
      return undefined;
  }
}

/** IA5 text a byte per character (what the verifier compares; non-ASCII bytes fail the checks). */
export function latin1Text(bytes: Uint8Array): string {
  return byteText(bytes);
}

/**
 * A byte per character (ISO 8859-1), a native call per 4 KiB: cheaper than a loop, and than a
 * TextDecoder, whose "latin1" is windows-1252 and would read 0x80–0x9f as other characters.
 */
function byteText(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 4096)
    text += String.fromCharCode.apply(null, bytes.subarray(at, at + 4096) as unknown as number[]);
  return text;
}

/** X.520 attribute types (2.5.4.n, encoded 55 04 n) are nearly every name's: read them directly. */
function attributeOid(bytes: Uint8Array, type: Tlv): string {
  const at = type.contentStart;
  if (type.contentEnd - at === 3 && bytes[at] === 0x55 && bytes[at + 1] === 0x04 && bytes[at + 2] < 0x80)
    return `2.5.4.${bytes[at + 2]}`;
  return readOid(bytes, type);
}

export interface NameAttributeValue {
  oid: string;
  /** The decoded text; undefined when the value is not a character string. */
  text: string | undefined;
}

/** The attributes of a Name (SEQUENCE OF SET OF AttributeTypeAndValue), grouped by RDN. */
export function readNameRdns(
  bytes: Uint8Array,
  name: Tlv,
): { attributes: NameAttributeValue[]; key: string }[] {
  expectTag(name, universalTags.sequence, 'name', name.start);
  return childrenOf(bytes, name).map((rdn) => {
    if (rdn.tag !== universalTags.set)
      throw new DerError('a relative distinguished name must be a SET', rdn.start);
    return readRdn(bytes, rdn);
  });
}

/** One RDN (a SET, or an implicitly tagged one such as nameRelativeToCRLIssuer) and its key. */
export function readRdn(bytes: Uint8Array, rdn: Tlv): { attributes: NameAttributeValue[]; key: string } {
  const attributes: NameAttributeValue[] = [];
  const parts: string[] = [];
  for (const entry of childrenOf(bytes, rdn)) {
    expectTag(entry, universalTags.sequence, 'name attribute', entry.start);
    const [type, value] = childrenOf(bytes, entry);
    const oid = attributeOid(bytes, expectTag(type, universalTags.oid, 'attribute type', entry.start));
    if (!value) throw new DerError('attribute without a value', entry.start);
    // A value typed as a time must be one (the decoder's rule too): such a name is malformed.
    if (value.tag === universalTags.utcTime || value.tag === universalTags.generalizedTime)
      readTime(bytes, value);
    const text = attributeText(bytes, value);
    attributes.push({ oid, text });
    const compared = text ?? toHex(bytes.subarray(value.start, value.end));
    parts.push(`${oid}=${escapeKeyText(collapse(compared).toLowerCase())}`);
  }
  return { attributes, key: parts.join('+') };
}

/** Trimmed, runs of whitespace as one space (the regex only when there is something to do). */
function collapse(text: string): string {
  return /\s\s|[^\S ]|^\s|\s$/.test(text) ? text.trim().replace(/\s+/g, ' ') : text;
}

function escapeKeyText(text: string): string {
  return /[\\/+]/.test(text) ? text.replace(/[\\/+]/g, '\\$&') : text;
}

/** The comparison key of the Name at `name`. */
export function nameKey(bytes: Uint8Array, name: Tlv): string {
  return readNameRdns(bytes, name)
    .map((rdn) => rdn.key)
    .join('/');
}
