/**
 * GeneralNames (RFC 5280 §4.2.1.6) as the verifier compares them: SAN, name constraints, AIA,
 * CRL distribution points. Read with the decoder's DER reader; directory names become name keys.
 */
import { content, DerError, readTlv, type Tlv } from '../asn1/der';
import { latin1Text, nameKey } from './name-key';

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

/** GeneralName tags whose forms this verifier doesn't interpret (otherName, x400, ediParty, registeredID). */
const uninterpreted = new Set([0, 3, 5, 8]);

export function readGeneralNames(bytes: Uint8Array, names: Tlv[]): GeneralNames {
  const result: GeneralNames = { dns: [], ip: [], email: [], uri: [], dirNames: [], other: [] };
  for (const name of names) {
    if (name.tagClass !== 'context') throw new DerError('a general name must be context-tagged', name.start);
    switch (name.tagNumber) {
      case 1:
        result.email.push(latin1Text(content(bytes, name)));
        break;
      case 2:
        result.dns.push(latin1Text(content(bytes, name)));
        break;
      case 4:
        result.dirNames.push(directoryNameKey(bytes, name));
        break;
      case 6:
        result.uri.push(latin1Text(content(bytes, name)));
        break;
      case 7:
        result.ip.push(content(bytes, name).slice());
        break;
      default:
        if (!uninterpreted.has(name.tagNumber))
          throw new DerError(`unknown general name [${name.tagNumber}]`, name.start);
        result.other.push(name.tagNumber);
    }
  }
  return result;
}

/** directoryName [4] is EXPLICIT: a Name inside. */
export function directoryNameKey(bytes: Uint8Array, name: Tlv): string {
  return nameKey(bytes, readTlv(bytes, name.contentStart, name.contentEnd));
}

/** A key names can be matched by (`dn:<name key>`, `uri:<url>`); other forms get a key of their own. */
export function generalNameKey(bytes: Uint8Array, name: Tlv): string {
  if (name.tagNumber === 4) return `dn:${directoryNameKey(bytes, name)}`;
  if (name.tagNumber === 6) return `uri:${latin1Text(content(bytes, name))}`;
  return `other${name.tagNumber}:${latin1Text(content(bytes, name))}`;
}
