/**
 * Distinguished names, read once: ordered RDNs with OIDs, labels and text (the one string reader,
 * so a bad string is marked and its problem said), RFC 4514 strings, a short display name, and
 * the comparison key the verifier matches names by.
 */
import { childrenOf, DerError, expectTag, readOid, universalTags, type Tlv } from '../asn1/der';
import { decodeString, isStringTag } from '../asn1/strings';
import { readTime } from '../asn1/time';
import { toHex } from '../bytes/hex';

export const attributeLabels: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.15': 'businessCategory',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionL',
  '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionST',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
};

export const oidCommonName = '2.5.4.3';
export const oidEmailAddress = '1.2.840.113549.1.9.1';

export interface NameAttribute {
  oid: string;
  label?: string;
  /** The text (bytes invalid in its string type marked `\xNN`); a value that is not a string is `#` + the hex of its DER (RFC 4514 §2.4). */
  value: string;
  /** The value is not a string and `value` is its `#hex` form. */
  binary?: boolean;
  /** The string type's tag as encoded (0x13 PrintableString, 0x0c UTF8String…), for string values. */
  stringTag?: number;
  /** Set on the second and later attributes of a multi-valued RDN (joined with `+`). */
  sameRdn?: boolean;
  /** Why the value is not valid as encoded (invalid UTF-8, non-ASCII in a PrintableString…). */
  problem?: string;
}

/**
 * Name ::= SEQUENCE OF SET OF AttributeTypeAndValue, in encoded order (most general first).
 * Problems that don't stop the reading (an empty RDN) are added to `problems`.
 */
export function readName(bytes: Uint8Array, name: Tlv, problems?: string[]): NameAttribute[] {
  expectTag(name, universalTags.sequence, 'name', name.start);
  const attributes: NameAttribute[] = [];
  const rdns = childrenOf(bytes, name);
  for (let i = 0; i < rdns.length; i++) {
    expectTag(rdns[i], universalTags.set, 'relative distinguished name', rdns[i].start);
    const read = readRdn(bytes, rdns[i], problems);
    for (let j = 0; j < read.length; j++) attributes.push(read[j]);
  }
  return attributes;
}

/** One RDN's attributes (a SET, or an implicitly tagged one such as nameRelativeToCRLIssuer). */
export function readRdn(bytes: Uint8Array, rdn: Tlv, problems?: string[]): NameAttribute[] {
  const entries = childrenOf(bytes, rdn);
  if (entries.length === 0)
    problems?.push(`an empty relative distinguished name (SET SIZE (1..MAX)) at byte ${rdn.start}`);
  const attributes: NameAttribute[] = [];
  for (let index = 0; index < entries.length; index++)
    attributes.push(readAttribute(bytes, entries[index], index > 0));
  return attributes;
}

/** AttributeTypeAndValue. Every attribute has every field (most undefined): one object shape for all. */
function readAttribute(bytes: Uint8Array, entry: Tlv, sameRdn: boolean): NameAttribute {
  expectTag(entry, universalTags.sequence, 'name attribute', entry.start);
  const parts = childrenOf(bytes, entry);
  const oid = attributeOid(bytes, expectTag(parts[0], universalTags.oid, 'attribute type', entry.start));
  const value = parts[1];
  if (!value) throw new DerError('attribute without a value', entry.start);
  const attribute: NameAttribute = {
    oid,
    label: attributeLabels[oid],
    value: '',
    binary: undefined,
    stringTag: undefined,
    sameRdn: sameRdn || undefined,
    problem: undefined,
  };
  if (isStringTag(value.tag) && !value.constructed) {
    const decoded = decodeString(bytes, value);
    attribute.value = decoded.text;
    attribute.stringTag = value.tag;
    if (decoded.problem) attribute.problem = decoded.problem;
  } else {
    attribute.value = `#${toHex(bytes.subarray(value.start, value.end))}`;
    attribute.binary = true;
    // A value typed as a time must be one.
    if (value.tag === universalTags.utcTime || value.tag === universalTags.generalizedTime) {
      try {
        readTime(bytes, value);
      } catch (error) {
        attribute.problem = error instanceof Error ? error.message : String(error);
      }
    }
  }
  return attribute;
}

/** X.520 attribute types (2.5.4.n, encoded 55 04 n) are nearly every name's: read them directly. */
function attributeOid(bytes: Uint8Array, type: Tlv): string {
  const at = type.contentStart;
  if (type.contentEnd - at === 3 && bytes[at] === 0x55 && bytes[at + 1] === 0x04 && bytes[at + 2] < 0x80)
    return `2.5.4.${bytes[at + 2]}`;
  return readOid(bytes, type);
}

/** The problems of a name's values, as `CN: invalid UTF-8 in a UTF8String`. */
export function nameProblems(attributes: NameAttribute[]): string[] {
  const problems: string[] = [];
  for (const attribute of attributes)
    if (attribute.problem) problems.push(`${attribute.label ?? attribute.oid}: ${attribute.problem}`);
  return problems;
}

/** RFC 4514: most specific RDN first, `CN=leaf,O=Org,C=US`, special characters escaped. */
export function toRfc4514(attributes: NameAttribute[]): string {
  const rdns: string[][] = [];
  for (const attribute of attributes) {
    const text = `${attribute.label ?? attribute.oid}=${attribute.binary ? attribute.value : escapeValue(attribute.value)}`;
    if (attribute.sameRdn && rdns.length) rdns[rdns.length - 1].push(text);
    else rdns.push([text]);
  }
  return rdns
    .reverse()
    .map((rdn) => rdn.join('+'))
    .join(',');
}

export function escapeValue(value: string): string {
  if (!/[\\,+"<>;=]|^[ #]| $/.test(value)) return value;
  return value
    .replace(/([\\,+"<>;=])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

/** A short, human name for lists: the CN, else the O/OU, else the whole string. */
export function displayName(attributes: NameAttribute[]): string {
  const pick = (label: string) => attributes.filter((attribute) => attribute.label === label).pop()?.value;
  return pick('CN') ?? pick('OU') ?? pick('O') ?? toRfc4514(attributes);
}

/** The texts of one attribute type (common names, email addresses), in order. */
export function attributeTexts(attributes: NameAttribute[], oid: string): string[] {
  const texts: string[] = [];
  for (const attribute of attributes)
    if (attribute.oid === oid && !attribute.binary) texts.push(attribute.value);
  return texts;
}

/**
 * The comparison key of a name (RFC 5280 §7.1, RFC 4518 simplified): case-folded, whitespace
 * collapsed, attribute by attribute in encoded order. RDNs are joined by `/`, the attributes of a
 * multi-valued RDN by `+`, and those characters are escaped inside values, so a key's RDN
 * boundaries are exact and a prefix of RDNs is a prefix of the key (directory-name constraints
 * rely on it). A value that is no string compares by its DER.
 */
export function nameKey(attributes: NameAttribute[]): string {
  let key = '';
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i];
    if (i > 0) key += attribute.sameRdn ? '+' : '/';
    const compared = attribute.binary ? attribute.value.slice(1) : attribute.value;
    key += `${attribute.oid}=${escapeKeyText(collapse(compared).toLowerCase())}`;
  }
  return key;
}

/** Trimmed, runs of whitespace as one space (the regex only when there is something to do). */
function collapse(text: string): string {
  return /\s\s|[^\S ]|^\s|\s$/.test(text) ? text.trim().replace(/\s+/g, ' ') : text;
}

function escapeKeyText(text: string): string {
  return /[\\/+]/.test(text) ? text.replace(/[\\/+]/g, '\\$&') : text;
}
