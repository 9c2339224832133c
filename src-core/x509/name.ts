/** Distinguished names: ordered RDNs with OIDs and labels, RFC 4514 strings, a short display name. */
import { childrenOf, DerError, expectTag, readOid, universalTags, type Tlv } from '../asn1/der';
import { toHex } from '../bytes/hex';
import { isStringTag, readString } from '../asn1/strings';

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

export interface NameAttribute {
  oid: string;
  label?: string;
  /** The text; a value that is not a string is `#` + the hex of its DER (RFC 4514 §2.4). */
  value: string;
  /** The value is not a string and `value` is its `#hex` form. */
  binary?: boolean;
  /** Set on the second and later attributes of a multi-valued RDN (joined with `+`). */
  sameRdn?: boolean;
}

/** Name ::= SEQUENCE OF SET OF AttributeTypeAndValue, in encoded order (most general first). */
export function readName(bytes: Uint8Array, name: Tlv): NameAttribute[] {
  expectTag(name, universalTags.sequence, 'name', name.start);
  const attributes: NameAttribute[] = [];
  for (const rdn of childrenOf(bytes, name)) {
    expectTag(rdn, universalTags.set, 'relative distinguished name', rdn.start);
    attributes.push(...readRdn(bytes, rdn));
  }
  return attributes;
}

/** One RDN's attributes (a SET, or an implicitly tagged one such as nameRelativeToCRLIssuer). */
export function readRdn(bytes: Uint8Array, rdn: Tlv): NameAttribute[] {
  const entries = childrenOf(bytes, rdn);
  if (entries.length === 0) throw new DerError('empty relative distinguished name', rdn.start);
  return entries.map((entry, index) => {
    expectTag(entry, universalTags.sequence, 'name attribute', entry.start);
    const [type, value] = childrenOf(bytes, entry);
    const oid = readOid(bytes, expectTag(type, universalTags.oid, 'attribute type', entry.start));
    if (!value) throw new DerError('attribute without a value', entry.start);
    const label = attributeLabels[oid];
    return {
      oid,
      ...(label ? { label } : {}),
      ...(isStringTag(value.tag)
        ? { value: readString(bytes, value) }
        : { value: `#${toHex(bytes.subarray(value.start, value.end))}`, binary: true }),
      ...(index > 0 ? { sameRdn: true } : {}),
    };
  });
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
