/** policyConstraints and inhibitAnyPolicy (RFC 5280 §4.2.1.11, §4.2.1.14): when policies turn strict. */
import { DerError, expectTag, readSmallInteger, readWhole, universalTags } from '../../asn1/der';
import { topFields } from './common';
import { node, numberValue, type ExtensionNode, type ExtensionSpec } from './nodes';

export interface PolicyConstraints {
  requireExplicitPolicy?: number;
  inhibitPolicyMapping?: number;
}

export const policyConstraints: ExtensionSpec<PolicyConstraints> = {
  read(value) {
    const result: PolicyConstraints = {};
    for (const field of topFields(value, 'policyConstraints')) {
      const skip = readSmallInteger(value, { ...field, tag: universalTags.integer });
      if (field.tag === 0x80) result.requireExplicitPolicy = skip;
      else if (field.tag === 0x81) result.inhibitPolicyMapping = skip;
      else throw new DerError('unexpected field in policyConstraints', field.start);
    }
    return result;
  },
  nodes(data) {
    const nodes: ExtensionNode[] = [];
    if (data.requireExplicitPolicy !== undefined)
      nodes.push(
        node(
          'requireExplicitPolicy',
          'Require an explicit policy after (certificates)',
          numberValue(data.requireExplicitPolicy),
        ),
      );
    if (data.inhibitPolicyMapping !== undefined)
      nodes.push(
        node(
          'inhibitPolicyMapping',
          'Inhibit policy mapping after (certificates)',
          numberValue(data.inhibitPolicyMapping),
        ),
      );
    return nodes;
  },
};

export const inhibitAnyPolicy: ExtensionSpec<number> = {
  read: (value) =>
    readSmallInteger(
      value,
      expectTag(readWhole(value, 'inhibitAnyPolicy'), universalTags.integer, 'skip certs', 0),
    ),
  nodes: (skip) => [node('skipCerts', 'anyPolicy stops counting after (certificates)', numberValue(skip))],
};
