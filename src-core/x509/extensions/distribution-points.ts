/**
 * cRLDistributionPoints and freshestCRL (RFC 5280 §4.2.1.13, §4.2.1.15), and the names and
 * reasons an issuingDistributionPoint shares with them.
 */
import { childrenOf, DerError, expectTag, readTlv, universalTags, type Tlv } from '../../asn1/der';
import { readGeneralNames } from '../general-name';
import type { GeneralName } from '../model';
import { nameProblems, readRdn, toRfc4514, type NameAttribute } from '../name';
import { generalNamesNodes, namedBitNodes, readBits, topFields } from './common';
import { node, type ExtensionNode, type ExtensionSpec } from './nodes';

/** ReasonFlags bits (RFC 5280 §4.2.1.13), in bit order. */
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

/** DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RDN }. */
export type DistributionPointName =
  { fullName: GeneralName[] } | { relativeName: NameAttribute[]; problem?: string };

export interface DistributionPoint {
  name?: DistributionPointName;
  /** The ReasonFlags bits set. */
  reasons?: number[];
  crlIssuer?: GeneralName[];
}

/** The DistributionPointName inside an explicit [0] (a distribution point's or an IDP's). */
export function readDistributionPointName(bytes: Uint8Array, holder: Tlv): DistributionPointName {
  const choice = readTlv(bytes, holder.contentStart, holder.contentEnd);
  if (choice.tag === 0xa0) return { fullName: readGeneralNames(bytes, choice) };
  if (choice.tag === 0xa1) {
    const problems: string[] = [];
    const relativeName = readRdn(bytes, choice, problems);
    problems.push(...nameProblems(relativeName));
    return { relativeName, ...(problems.length ? { problem: problems.join('; ') } : {}) };
  }
  throw new DerError('unknown distribution point name', choice.start);
}

export function distributionPointNameNode(name: DistributionPointName): ExtensionNode {
  if ('fullName' in name) return node('fullName', 'Full name', undefined, generalNamesNodes(name.fullName));
  return node('nameRelativeToCRLIssuer', 'Name relative to the CRL issuer', {
    type: 'name',
    rfc4514: toRfc4514(name.relativeName),
    ...(name.problem ? { problem: name.problem } : {}),
  });
}

export const distributionPoints: ExtensionSpec<DistributionPoint[]> = {
  read: (value) =>
    topFields(value, 'distribution points').map((point) => {
      const result: DistributionPoint = {};
      for (const field of childrenOf(
        value,
        expectTag(point, universalTags.sequence, 'distribution point', point.start),
      )) {
        if (field.tag === 0xa0) result.name = readDistributionPointName(value, field);
        else if (field.tag === 0x81) result.reasons = readBits(value, field);
        else if (field.tag === 0xa2) result.crlIssuer = readGeneralNames(value, field);
        else throw new DerError('unexpected field in a distribution point', field.start);
      }
      return result;
    }),
  nodes: (points) =>
    points.map((point) =>
      node('distributionPoint', 'Distribution point', undefined, [
        ...(point.name ? [distributionPointNameNode(point.name)] : []),
        ...(point.reasons
          ? [node('reasons', 'Only for reasons', undefined, namedBitNodes(point.reasons, reasonFlags))]
          : []),
        ...(point.crlIssuer
          ? [node('cRLIssuer', 'CRL issuer', undefined, generalNamesNodes(point.crlIssuer))]
          : []),
      ]),
    ),
};

/** The URIs among the points' full names (what can be fetched). */
export function distributionPointUris(points: DistributionPoint[]): string[] {
  return points.flatMap((point) =>
    point.name && 'fullName' in point.name
      ? point.name.fullName.flatMap((name) => (name.type === 'uri' ? [name.value] : []))
      : [],
  );
}
