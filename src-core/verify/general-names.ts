/**
 * GeneralNames (RFC 5280 §4.2.1.6) as the verifier compares them — SAN, name constraints, CRL
 * distribution points — projected from the typed names the x509 readers produced: directory
 * names become name keys, the forms this verifier doesn't interpret are kept by tag.
 */
import { toHex } from '../bytes/hex';
import type { GeneralName } from '../x509/model';
import { nameKey } from '../x509/name';

export interface GeneralNames {
  dns: string[];
  ip: Uint8Array[];
  email: string[];
  uri: string[];
  /** Normalised directory names. */
  dirNames: string[];
  /** Name forms we don't interpret (otherName, x400…), by tag. */
  other: number[];
}

/** GeneralName CHOICE tags of the forms kept only by tag. */
const otherTags = { other: 0, x400: 3, ediParty: 5, registeredId: 8 } as const;

export function generalNamesOf(names: GeneralName[]): GeneralNames {
  const result: GeneralNames = { dns: [], ip: [], email: [], uri: [], dirNames: [], other: [] };
  for (const name of names) {
    switch (name.type) {
      case 'dns':
        result.dns.push(name.value);
        break;
      case 'email':
        result.email.push(name.value);
        break;
      case 'uri':
        result.uri.push(name.value);
        break;
      case 'ip':
        result.ip.push(name.bytes);
        break;
      case 'directory':
        result.dirNames.push(nameKey(name.attributes));
        break;
      default:
        result.other.push(otherTags[name.type]);
    }
  }
  return result;
}

/** A key names can be matched by (`dn:<name key>`, `uri:<url>`); other forms get a key of their own. */
export function generalNameKey(name: GeneralName): string {
  switch (name.type) {
    case 'directory':
      return `dn:${nameKey(name.attributes)}`;
    case 'uri':
      return `uri:${name.value}`;
    case 'dns':
      return `other2:${name.value}`;
    case 'email':
      return `other1:${name.value}`;
    case 'ip':
      return `other7:${toHex(name.bytes)}`;
    case 'registeredId':
      return `other8:${name.oid}`;
    default:
      return `other${otherTags[name.type]}:${toHex(name.der)}`;
  }
}
