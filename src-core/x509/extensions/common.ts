/** Extension parsers for the core RFC 5280 extensions, one small function each. */
import {
  childrenOf,
  content,
  DerError,
  expectTag,
  readBitString,
  readBoolean,
  readIntegerHex,
  readOid,
  readSmallInteger,
  readTlv,
  readWhole,
  setBits,
  unsignedDecimal,
  universalTags,
  type Tlv,
} from '../../asn1/der';
import { readGeneralName, readGeneralNames } from '../general-name';
import type { GeneralName } from '../model';
import { extendedKeyUsages, otherNameTypes, policyNames } from '../oids';
import {
  booleanValue,
  bytesValue,
  node,
  numberValue,
  text,
  type ExtensionNode,
  type NodeValue,
} from './nodes';
import { readTime } from '../../asn1/time';

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
      return node(key, label, text(name.value));
    case 'ip':
      return node(key, label, { type: 'ip', bytes: name.bytes });
    case 'directory':
      return node(key, label, { type: 'name', rfc4514: name.rfc4514 });
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

export const generalNamesNodes = (bytes: Uint8Array, tlv: Tlv): ExtensionNode[] =>
  readGeneralNames(bytes, tlv).map(generalNameNode);

export function oidValue(oid: string, names: Record<string, string> = {}): NodeValue {
  const name = names[oid] ?? policyNames[oid] ?? extendedKeyUsages[oid];
  return { type: 'oid', oid, ...(name ? { name } : {}) };
}

export function integerValue(bytes: Uint8Array, tlv: Tlv): NodeValue {
  const hex = readIntegerHex(bytes, tlv);
  return {
    type: 'integer',
    hex,
    decimal: bytes[tlv.contentStart] & 0x80 ? `-0x${hex}` : unsignedDecimal(content(bytes, tlv)),
  };
}

/** The sequence at the top of an extension value, which must be all of it. */
export function topSequence(value: Uint8Array, what: string): Tlv {
  return expectTag(readWhole(value, what), universalTags.sequence, what, 0);
}

export const subjectAltName = (value: Uint8Array): ExtensionNode[] =>
  generalNamesNodes(value, topSequence(value, 'subjectAltName'));

export function basicConstraints(value: Uint8Array): ExtensionNode[] {
  const nodes = [node('cA', 'Certificate authority', booleanValue(false))];
  for (const field of childrenOf(value, topSequence(value, 'basicConstraints'))) {
    if (field.tag === universalTags.boolean)
      nodes[0] = node('cA', 'Certificate authority', booleanValue(readBoolean(value, field)));
    else if (field.tag === universalTags.integer)
      nodes.push(
        node('pathLenConstraint', 'Maximum intermediates below', numberValue(readSmallInteger(value, field))),
      );
    else throw new DerError('unexpected field in basicConstraints', field.start);
  }
  return nodes;
}

const keyUsageBits: [string, string][] = [
  ['digitalSignature', 'Digital signature'],
  ['nonRepudiation', 'Non-repudiation (content commitment)'],
  ['keyEncipherment', 'Key encipherment'],
  ['dataEncipherment', 'Data encipherment'],
  ['keyAgreement', 'Key agreement'],
  ['keyCertSign', 'Certificate signing'],
  ['cRLSign', 'CRL signing'],
  ['encipherOnly', 'Encipher only'],
  ['decipherOnly', 'Decipher only'],
];

export function namedBits(value: Uint8Array, names: [string, string][], what: string): ExtensionNode[] {
  return namedBitsFromTlv(value, expectTag(readWhole(value, what), universalTags.bitString, what, 0), names);
}

/** A BIT STRING (or an implicitly tagged one) of named flags → one node per set flag. */
export function namedBitsFromTlv(bytes: Uint8Array, tlv: Tlv, names: [string, string][]): ExtensionNode[] {
  const { data } = readBitString(bytes, tlv);
  return setBits(data).map((bit) => {
    const [key, label] = names[bit] ?? [`bit${bit}`, `Bit ${bit}`];
    return node(key, label, booleanValue(true));
  });
}

export const keyUsage = (value: Uint8Array): ExtensionNode[] => namedBits(value, keyUsageBits, 'keyUsage');

export function extKeyUsage(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'extKeyUsage')).map((purpose) => {
    const oid = readOid(value, expectTag(purpose, universalTags.oid, 'key purpose', purpose.start));
    return node('keyPurpose', 'Purpose', oidValue(oid, extendedKeyUsages));
  });
}

export function subjectKeyIdentifier(value: Uint8Array): ExtensionNode[] {
  const id = expectTag(
    readWhole(value, 'subjectKeyIdentifier'),
    universalTags.octetString,
    'key identifier',
    0,
  );
  return [node('keyIdentifier', 'Key identifier', bytesValue(content(value, id)))];
}

export function authorityKeyIdentifier(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'authorityKeyIdentifier')).map((field) => {
    if (field.tag === 0x80) return node('keyIdentifier', 'Key identifier', bytesValue(content(value, field)));
    if (field.tag === 0xa1)
      return node('authorityCertIssuer', 'Issuer', undefined, generalNamesNodes(value, field));
    if (field.tag === 0x82)
      return node(
        'authorityCertSerialNumber',
        'Issuer serial number',
        integerValue(value, { ...field, tag: 0x02 }),
      );
    throw new DerError('unexpected field in authorityKeyIdentifier', field.start);
  });
}

export function nameConstraints(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'nameConstraints')).map((subtrees) => {
    const permitted = subtrees.tag === 0xa0;
    if (!permitted && subtrees.tag !== 0xa1)
      throw new DerError('unexpected field in nameConstraints', subtrees.start);
    const entries = childrenOf(value, subtrees).map((subtree) => {
      const [base, ...bounds] = childrenOf(
        value,
        expectTag(subtree, universalTags.sequence, 'general subtree', subtree.start),
      );
      if (!base) throw new DerError('general subtree without a base', subtree.start);
      const entry = generalNameNode(readGeneralName(value, base));
      for (const bound of bounds) {
        const number = readSmallInteger(value, { ...bound, tag: 0x02 });
        (entry.children ??= []).push(
          bound.tag === 0x80
            ? node('minimum', 'Minimum', numberValue(number))
            : node('maximum', 'Maximum', numberValue(number)),
        );
      }
      return entry;
    });
    return permitted
      ? node('permittedSubtrees', 'Permitted', undefined, entries)
      : node('excludedSubtrees', 'Excluded', undefined, entries);
  });
}

export function policyConstraints(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'policyConstraints')).map((field) => {
    const skip = numberValue(readSmallInteger(value, { ...field, tag: 0x02 }));
    if (field.tag === 0x80)
      return node('requireExplicitPolicy', 'Require an explicit policy after (certificates)', skip);
    if (field.tag === 0x81)
      return node('inhibitPolicyMapping', 'Inhibit policy mapping after (certificates)', skip);
    throw new DerError('unexpected field in policyConstraints', field.start);
  });
}

export function policyMappings(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'policyMappings')).map((mapping) => {
    const [issuerPolicy, subjectPolicy] = childrenOf(value, mapping);
    if (!issuerPolicy || !subjectPolicy)
      throw new DerError('a policy mapping needs two policies', mapping.start);
    return node('mapping', 'Mapping', undefined, [
      node('issuerDomainPolicy', 'Issuer policy', oidValue(readOid(value, issuerPolicy))),
      node('subjectDomainPolicy', 'Subject policy', oidValue(readOid(value, subjectPolicy))),
    ]);
  });
}

export function inhibitAnyPolicy(value: Uint8Array): ExtensionNode[] {
  const skip = expectTag(readWhole(value, 'inhibitAnyPolicy'), universalTags.integer, 'skip certs', 0);
  return [
    node(
      'skipCerts',
      'anyPolicy stops counting after (certificates)',
      numberValue(readSmallInteger(value, skip)),
    ),
  ];
}

export function privateKeyUsagePeriod(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'privateKeyUsagePeriod')).map((field) => {
    const time = readTime(value, { ...field, tag: universalTags.generalizedTime });
    return field.tag === 0x80
      ? node('notBefore', 'Not before', { type: 'date', date: time.date })
      : node('notAfter', 'Not after', { type: 'date', date: time.date });
  });
}

/** Anything whose value must be an ASN.1 NULL (OCSP no-check, the precertificate poison). */
export function nullValue(meaning: string) {
  return (value: Uint8Array): ExtensionNode[] => {
    expectTag(readWhole(value), universalTags.null, 'value', 0);
    return [node('meaning', 'Meaning', text(meaning))];
  };
}

export function readInner(value: Uint8Array, tlv: Tlv): Tlv {
  return readTlv(value, tlv.contentStart, tlv.contentEnd);
}
