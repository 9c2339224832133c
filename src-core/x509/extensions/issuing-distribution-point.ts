/**
 * issuingDistributionPoint (RFC 5280 §5.2.5): a CRL's scope — which distribution point it is,
 * which kinds of certificates and which reasons it covers, and whether it is indirect.
 */
import { DerError } from '../../asn1/der';
import {
  distributionPointNameNode,
  readDistributionPointName,
  reasonFlags,
  type DistributionPointName,
} from './distribution-points';
import { namedBitNodes, readBits, topFields } from './common';
import { booleanValue, node, type ExtensionNode, type ExtensionSpec } from './nodes';

export interface IssuingDistributionPoint {
  distributionPoint?: DistributionPointName;
  onlyContainsUserCerts: boolean;
  onlyContainsCACerts: boolean;
  /** The ReasonFlags bits set, when the CRL covers only some reasons. */
  onlySomeReasons?: number[];
  indirectCRL: boolean;
  onlyContainsAttributeCerts: boolean;
}

const flags = [
  [1, 'onlyContainsUserCerts', 'Only user certificates'],
  [2, 'onlyContainsCACerts', 'Only CA certificates'],
  [4, 'indirectCRL', 'Indirect CRL (lists other issuers’ certificates)'],
  [5, 'onlyContainsAttributeCerts', 'Only attribute certificates'],
] as const;

export const issuingDistributionPoint: ExtensionSpec<IssuingDistributionPoint> = {
  read(value) {
    const result: IssuingDistributionPoint = {
      onlyContainsUserCerts: false,
      onlyContainsCACerts: false,
      indirectCRL: false,
      onlyContainsAttributeCerts: false,
    };
    let last = -1;
    for (const field of topFields(value, 'issuingDistributionPoint')) {
      const number = field.tagNumber;
      if (field.tagClass !== 'context' || number <= last || number > 5)
        throw new DerError('unexpected field in issuingDistributionPoint', field.start);
      last = number;
      if (number === 0) {
        if (!field.constructed) throw new DerError('distributionPoint must be constructed', field.start);
        result.distributionPoint = readDistributionPointName(value, field);
      } else if (number === 3) result.onlySomeReasons = readBits(value, field);
      else {
        // [1] [2] [4] [5] IMPLICIT BOOLEAN
        if (field.constructed || field.contentEnd - field.contentStart !== 1)
          throw new DerError('a flag of issuingDistributionPoint must be one byte', field.start);
        const flag = flags.find(([tag]) => tag === number)!;
        result[flag[1]] = value[field.contentStart] !== 0;
      }
    }
    return result;
  },
  nodes(data) {
    const nodes: ExtensionNode[] = [];
    if (data.distributionPoint) nodes.push(distributionPointNameNode(data.distributionPoint));
    for (const [, key, label] of flags) if (data[key]) nodes.push(node(key, label, booleanValue(true)));
    if (data.onlySomeReasons)
      nodes.push(
        node(
          'onlySomeReasons',
          'Only for reasons',
          undefined,
          namedBitNodes(data.onlySomeReasons, reasonFlags),
        ),
      );
    return nodes;
  },
};
