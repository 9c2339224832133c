/** policyMappings (RFC 5280 §4.2.1.5): issuer-domain policies a CA takes as subject-domain ones. */
import { childrenOf, DerError, expectTag, readOid, universalTags } from '../../asn1/der';
import { oidValue, topFields } from './common';
import { node, type ExtensionSpec } from './nodes';

export interface PolicyMapping {
  issuerDomainPolicy: string;
  subjectDomainPolicy: string;
}

export const policyMappings: ExtensionSpec<PolicyMapping[]> = {
  read: (value) =>
    topFields(value, 'policyMappings').map((mapping) => {
      const [issuerPolicy, subjectPolicy, extra] = childrenOf(
        value,
        expectTag(mapping, universalTags.sequence, 'policy mapping', mapping.start),
      );
      if (!issuerPolicy || !subjectPolicy || extra)
        throw new DerError('a policy mapping needs two policies', mapping.start);
      return {
        issuerDomainPolicy: readOid(
          value,
          expectTag(issuerPolicy, universalTags.oid, 'policy', mapping.start),
        ),
        subjectDomainPolicy: readOid(
          value,
          expectTag(subjectPolicy, universalTags.oid, 'policy', mapping.start),
        ),
      };
    }),
  nodes: (mappings) =>
    mappings.map((mapping) =>
      node('mapping', 'Mapping', undefined, [
        node('issuerDomainPolicy', 'Issuer policy', oidValue(mapping.issuerDomainPolicy)),
        node('subjectDomainPolicy', 'Subject policy', oidValue(mapping.subjectDomainPolicy)),
      ]),
    ),
};
