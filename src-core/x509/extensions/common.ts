/** What the extension readers share: the top SEQUENCE, general names, named bits, OID and integer values. */
import {
  childrenOf,
  content,
  expectTag,
  readBitString,
  readIntegerHex,
  readWhole,
  setBits,
  unsignedDecimal,
  universalTags,
  type Tlv,
} from '../../asn1/der';
import { decodeString, type DecodedString } from '../../asn1/strings';
import { readGeneralNames } from '../general-name';
import type { GeneralName } from '../model';
import { extendedKeyUsages, otherNameTypes, policyNames } from '../oids';
import {
  booleanValue,
  bytesValue,
  node,
  text,
  type ExtensionNode,
  type ExtensionSpec,
  type NodeValue,
} from './nodes';

export const generalNameLabels: Record<GeneralName['type'], [string, string]> = {
  dns: ['dNSName', 'DNS name'],
  email: ['rfc822Name', 'Email address'],
  uri: ['uniformResourceIdentifier', 'URI'],
  ip: ['iPAddress', 'IP address'],
  directory: ['directoryName', 'Directory name'],
  registeredId: ['registeredID', 'Registered ID'],
  other: ['otherName', 'Other name'],
  x400: ['x400Address', 'X.400 address'],
  ediParty: ['ediPartyName', 'EDI party name'],
};

export function generalNameNode(name: GeneralName): ExtensionNode {
  const [key, label] = generalNameLabels[name.type];
  switch (name.type) {
    case 'dns':
    case 'email':
    case 'uri':
      return node(key, label, text(name.value, name.problem));
    case 'ip':
      return node(key, label, { type: 'ip', bytes: name.bytes });
    case 'directory':
      return node(key, label, {
        type: 'name',
        rfc4514: name.rfc4514,
        ...(name.problem ? { problem: name.problem } : {}),
      });
    case 'registeredId':
      return node(key, label, oidValue(name.oid));
    case 'other':
      return node(key, label, oidValue(name.oid, otherNameTypes), [
        name.value !== undefined
          ? node('value', 'Value', text(name.value))
          : node('value', 'Value', bytesValue(name.der)),
      ]);
    default:
      return node(key, label, bytesValue(name.der));
  }
}

export const generalNamesNodes = (names: GeneralName[]): ExtensionNode[] => names.map(generalNameNode);

/** GeneralNames ::= SEQUENCE OF GeneralName, as the whole extension value. */
export function readGeneralNamesValue(value: Uint8Array, what: string): GeneralName[] {
  return readGeneralNames(value, topSequence(value, what));
}

export function oidValue(oid: string, names: Record<string, string> = {}): NodeValue {
  const name = names[oid] ?? policyNames[oid] ?? extendedKeyUsages[oid];
  return { type: 'oid', oid, ...(name ? { name } : {}) };
}

/** An INTEGER of any size: its hex (as encoded) and decimal forms. */
export interface IntegerValue {
  hex: string;
  decimal: string;
}

export function readInteger(bytes: Uint8Array, tlv: Tlv): IntegerValue {
  const hex = readIntegerHex(bytes, tlv);
  return {
    hex,
    decimal: bytes[tlv.contentStart] & 0x80 ? `-0x${hex}` : unsignedDecimal(content(bytes, tlv)),
  };
}

export const integerValue = (integer: IntegerValue): NodeValue => ({ type: 'integer', ...integer });

/** The sequence at the top of an extension value, which must be all of it. */
export function topSequence(value: Uint8Array, what: string): Tlv {
  return expectTag(readWhole(value, what), universalTags.sequence, what, 0);
}

/** The fields of the sequence that is the whole extension value. */
export function topFields(value: Uint8Array, what: string): Tlv[] {
  return childrenOf(value, topSequence(value, what));
}

/** A BIT STRING (or an implicitly tagged one) of named flags → the numbers of the bits set. */
export function readBits(bytes: Uint8Array, tlv: Tlv): number[] {
  return setBits(readBitString(bytes, tlv).data);
}

/** The BIT STRING that is the whole extension value → the bits set. */
export function readBitsValue(value: Uint8Array, what: string): number[] {
  return readBits(value, expectTag(readWhole(value, what), universalTags.bitString, what, 0));
}

/** One node per set bit, named from `names` (bit n → names[n]). */
export function namedBitNodes(bits: number[], names: [string, string][]): ExtensionNode[] {
  return bits.map((bit) => {
    const [key, label] = names[bit] ?? [`bit${bit}`, `Bit ${bit}`];
    return node(key, label, booleanValue(true));
  });
}

/** A value that is one character string (Microsoft template name, Netscape comment). */
export function stringExtension(key: string, label: string): ExtensionSpec<DecodedString> {
  return {
    read: (value) => decodeString(value, readWhole(value, label)),
    nodes: (decoded) => [node(key, label, text(decoded.text, decoded.problem))],
  };
}

/** A value that is one OCTET STRING (Microsoft previous CA hash). */
export function octetsExtension(key: string, label: string): ExtensionSpec<Uint8Array> {
  return {
    read: (value) => content(value, expectTag(readWhole(value, label), universalTags.octetString, label, 0)),
    nodes: (bytes) => [node(key, label, bytesValue(bytes))],
  };
}
