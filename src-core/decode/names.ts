/** Distinguished names as RFC 4514 strings, with the usual short labels for attribute types. */
import type * as pkijs from 'pkijs';

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
  value: string;
}

/** RDNs in encoded order (most general first, as in the certificate). */
export function readNameAttributes(name: pkijs.RelativeDistinguishedNames): NameAttribute[] {
  return name.typesAndValues.map((entry) => {
    const raw = entry.value.valueBlock.value;
    return {
      oid: entry.type,
      label: attributeLabels[entry.type],
      value: typeof raw === 'string' ? raw : String(raw),
    };
  });
}

/** RFC 4514: most specific first, `CN=leaf,O=Org,C=US`, special characters escaped. */
export function toRfc4514(attributes: NameAttribute[]): string {
  return [...attributes]
    .reverse()
    .map((attribute) => `${attribute.label ?? attribute.oid}=${escapeValue(attribute.value)}`)
    .join(',');
}

export function escapeValue(value: string): string {
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
