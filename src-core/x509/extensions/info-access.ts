/** authorityInfoAccess and subjectInfoAccess (RFC 5280 §4.2.2): where to find more (issuers, OCSP). */
import { childrenOf, DerError, expectTag, readOid, universalTags } from '../../asn1/der';
import { readGeneralName } from '../general-name';
import type { GeneralName } from '../model';
import { accessMethods } from '../oids';
import { generalNameNode, topFields } from './common';
import { node, type ExtensionSpec } from './nodes';

export const oidAccessOcsp = '1.3.6.1.5.5.7.48.1';
export const oidAccessCaIssuers = '1.3.6.1.5.5.7.48.2';

export interface AccessDescription {
  method: string;
  location: GeneralName;
}

export const infoAccess: ExtensionSpec<AccessDescription[]> = {
  read: (value) =>
    topFields(value, 'access descriptions').map((description) => {
      const [method, location] = childrenOf(
        value,
        expectTag(description, universalTags.sequence, 'access description', description.start),
      );
      const oid = readOid(value, expectTag(method, universalTags.oid, 'access method', description.start));
      if (!location) throw new DerError('access description without a location', description.start);
      return { method: oid, location: readGeneralName(value, location) };
    }),
  nodes: (descriptions) =>
    descriptions.map(({ method, location }) => {
      const name = accessMethods[method];
      return node(name ?? 'accessDescription', name ?? 'Access', { type: 'oid', oid: method }, [
        generalNameNode(location),
      ]);
    }),
};

/** The URIs of the descriptions with this access method (only URI locations can be fetched). */
export function accessUris(descriptions: AccessDescription[], method: string): string[] {
  return descriptions.flatMap((description) =>
    description.method === method && description.location.type === 'uri' ? [description.location.value] : [],
  );
}
