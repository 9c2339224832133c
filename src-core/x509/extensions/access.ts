/** Where to find more: AIA/SIA access descriptions and CRL distribution points (and freshest CRL). */
import { childrenOf, DerError, expectTag, readOid, readTlv, universalTags } from '../../asn1/der';
import { readGeneralName } from '../general-name';
import { readRdn, toRfc4514 } from '../name';
import { accessMethods } from '../oids';
import { generalNameNode, generalNamesNodes, namedBitsFromTlv, topSequence } from './common';
import { node, type ExtensionNode } from './nodes';

export function infoAccess(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'access descriptions')).map((description) => {
    const [method, location] = childrenOf(
      value,
      expectTag(description, universalTags.sequence, 'access description', description.start),
    );
    const oid = readOid(value, expectTag(method, universalTags.oid, 'access method', description.start));
    if (!location) throw new DerError('access description without a location', description.start);
    const name = accessMethods[oid];
    return node(name ?? 'accessDescription', name ?? 'Access', { type: 'oid', oid }, [
      generalNameNode(readGeneralName(value, location)),
    ]);
  });
}

export const reasonFlags: [string, string][] = [
  ['unused', 'Unused'],
  ['keyCompromise', 'Key compromise'],
  ['cACompromise', 'CA compromise'],
  ['affiliationChanged', 'Affiliation changed'],
  ['superseded', 'Superseded'],
  ['cessationOfOperation', 'Cessation of operation'],
  ['certificateHold', 'Certificate hold'],
  ['privilegeWithdrawn', 'Privilege withdrawn'],
  ['aACompromise', 'AA compromise'],
];

export function distributionPoints(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'distribution points')).map((point) => {
    const children = childrenOf(
      value,
      expectTag(point, universalTags.sequence, 'distribution point', point.start),
    ).map((field): ExtensionNode => {
      if (field.tag === 0xa0) return distributionPointName(value, field.contentStart, field.contentEnd);
      if (field.tag === 0x81)
        return node('reasons', 'Only for reasons', undefined, namedBitsFromTlv(value, field, reasonFlags));
      if (field.tag === 0xa2)
        return node('cRLIssuer', 'CRL issuer', undefined, generalNamesNodes(value, field));
      throw new DerError('unexpected field in a distribution point', field.start);
    });
    return node('distributionPoint', 'Distribution point', undefined, children);
  });
}

/** DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RDN }. */
export function distributionPointName(value: Uint8Array, start: number, end: number): ExtensionNode {
  const choice = readTlv(value, start, end);
  if (choice.tag === 0xa0) return node('fullName', 'Full name', undefined, generalNamesNodes(value, choice));
  if (choice.tag === 0xa1) {
    const attributes = readRdn(value, choice);
    return node('nameRelativeToCRLIssuer', 'Name relative to the CRL issuer', {
      type: 'name',
      rfc4514: toRfc4514(attributes),
    });
  }
  throw new DerError('unknown distribution point name', choice.start);
}
