/** subjectKeyIdentifier and authorityKeyIdentifier (RFC 5280 §4.2.1.1-2): which key, by id. */
import { content, DerError, expectTag, readWhole, universalTags } from '../../asn1/der';
import { readGeneralNames } from '../general-name';
import type { GeneralName } from '../model';
import { generalNamesNodes, integerValue, readInteger, topFields, type IntegerValue } from './common';
import { bytesValue, node, type ExtensionNode, type ExtensionSpec } from './nodes';

export const subjectKeyIdentifier: ExtensionSpec<Uint8Array> = {
  read: (value) =>
    content(
      value,
      expectTag(readWhole(value, 'subjectKeyIdentifier'), universalTags.octetString, 'key identifier', 0),
    ),
  nodes: (id) => [node('keyIdentifier', 'Key identifier', bytesValue(id))],
};

export interface AuthorityKeyIdentifier {
  keyIdentifier?: Uint8Array;
  authorityCertIssuer?: GeneralName[];
  authorityCertSerialNumber?: IntegerValue;
}

export const authorityKeyIdentifier: ExtensionSpec<AuthorityKeyIdentifier> = {
  read(value) {
    const result: AuthorityKeyIdentifier = {};
    for (const field of topFields(value, 'authorityKeyIdentifier')) {
      if (field.tag === 0x80) result.keyIdentifier = content(value, field);
      else if (field.tag === 0xa1) result.authorityCertIssuer = readGeneralNames(value, field);
      else if (field.tag === 0x82)
        result.authorityCertSerialNumber = readInteger(value, { ...field, tag: universalTags.integer });
      else throw new DerError('unexpected field in authorityKeyIdentifier', field.start);
    }
    return result;
  },
  nodes(data) {
    const nodes: ExtensionNode[] = [];
    if (data.keyIdentifier)
      nodes.push(node('keyIdentifier', 'Key identifier', bytesValue(data.keyIdentifier)));
    if (data.authorityCertIssuer)
      nodes.push(
        node('authorityCertIssuer', 'Issuer', undefined, generalNamesNodes(data.authorityCertIssuer)),
      );
    if (data.authorityCertSerialNumber)
      nodes.push(
        node(
          'authorityCertSerialNumber',
          'Issuer serial number',
          integerValue(data.authorityCertSerialNumber),
        ),
      );
    return nodes;
  },
};
