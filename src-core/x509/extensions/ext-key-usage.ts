/** extKeyUsage (RFC 5280 §4.2.1.12): the purposes the key is for, as OIDs. */
import { expectTag, readOid, universalTags } from '../../asn1/der';
import { extendedKeyUsages } from '../oids';
import { oidValue, topFields } from './common';
import { node, type ExtensionSpec } from './nodes';

export const oidServerAuth = '1.3.6.1.5.5.7.3.1';
export const oidClientAuth = '1.3.6.1.5.5.7.3.2';
export const oidOcspSigning = '1.3.6.1.5.5.7.3.9';
export const oidAnyExtendedKeyUsage = '2.5.29.37.0';

export const extKeyUsage: ExtensionSpec<string[]> = {
  read: (value) =>
    topFields(value, 'extKeyUsage').map((purpose) =>
      readOid(value, expectTag(purpose, universalTags.oid, 'key purpose', purpose.start)),
    ),
  nodes: (purposes) => purposes.map((oid) => node('keyPurpose', 'Purpose', oidValue(oid, extendedKeyUsages))),
};
