/** nameConstraints (RFC 5280 §4.2.1.10): the name subtrees a CA's subordinates must (not) be in. */
import { childrenOf, DerError, expectTag, readSmallInteger, universalTags } from '../../asn1/der';
import { readGeneralName } from '../general-name';
import type { GeneralName } from '../model';
import { generalNameNode, topFields } from './common';
import { node, numberValue, type ExtensionNode, type ExtensionSpec } from './nodes';

export interface GeneralSubtree {
  base: GeneralName;
  minimum?: number;
  maximum?: number;
}

export interface NameConstraints {
  permitted?: GeneralSubtree[];
  excluded?: GeneralSubtree[];
}

export const nameConstraints: ExtensionSpec<NameConstraints> = {
  read(value) {
    const result: NameConstraints = {};
    for (const field of topFields(value, 'nameConstraints')) {
      if (field.tag !== 0xa0 && field.tag !== 0xa1)
        throw new DerError('unexpected field in nameConstraints', field.start);
      const subtrees = childrenOf(value, field).map((subtree): GeneralSubtree => {
        const [base, ...bounds] = childrenOf(
          value,
          expectTag(subtree, universalTags.sequence, 'general subtree', subtree.start),
        );
        if (!base) throw new DerError('general subtree without a base', subtree.start);
        const entry: GeneralSubtree = { base: readGeneralName(value, base) };
        for (const bound of bounds) {
          const number = readSmallInteger(value, { ...bound, tag: universalTags.integer });
          if (bound.tag === 0x80) entry.minimum = number;
          else if (bound.tag === 0x81) entry.maximum = number;
          else throw new DerError('unexpected field in a general subtree', bound.start);
        }
        return entry;
      });
      if (field.tag === 0xa0) result.permitted = [...(result.permitted ?? []), ...subtrees];
      else result.excluded = [...(result.excluded ?? []), ...subtrees];
    }
    return result;
  },
  nodes(data) {
    const subtreeNodes = (subtrees: GeneralSubtree[]): ExtensionNode[] =>
      subtrees.map((subtree) => {
        const entry = generalNameNode(subtree.base);
        if (subtree.minimum !== undefined)
          (entry.children ??= []).push(node('minimum', 'Minimum', numberValue(subtree.minimum)));
        if (subtree.maximum !== undefined)
          (entry.children ??= []).push(node('maximum', 'Maximum', numberValue(subtree.maximum)));
        return entry;
      });
    return [
      ...(data.permitted
        ? [node('permittedSubtrees', 'Permitted', undefined, subtreeNodes(data.permitted))]
        : []),
      ...(data.excluded
        ? [node('excludedSubtrees', 'Excluded', undefined, subtreeNodes(data.excluded))]
        : []),
    ];
  },
};
