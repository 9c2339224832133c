/** subjectDirectoryAttributes (RFC 5280 §4.2.1.8): attributes of the subject (date of birth…). */
import { childrenOf, expectTag, readOid, universalTags } from '../../asn1/der';
import { decodeString, isStringTag, type DecodedString } from '../../asn1/strings';
import { readTime } from '../../asn1/time';
import { oidValue, topFields } from './common';
import { bytesValue, node, text, type ExtensionSpec } from './nodes';

export type AttributeValue = { text: DecodedString } | { date: Date } | { der: Uint8Array };

/** SEQUENCE OF Attribute { type, SET OF value } (subject directory attributes). */
export const directoryAttributes: ExtensionSpec<{ oid: string; values: AttributeValue[] }[]> = {
  read: (value) =>
    topFields(value, 'attributes').map((attribute) => {
      const [type, values] = childrenOf(
        value,
        expectTag(attribute, universalTags.sequence, 'attribute', attribute.start),
      );
      const oid = readOid(value, expectTag(type, universalTags.oid, 'attribute type', attribute.start));
      return {
        oid,
        values: (values ? childrenOf(value, values) : []).map((item): AttributeValue =>
          isStringTag(item.tag)
            ? { text: decodeString(value, item) }
            : item.tag === universalTags.generalizedTime
              ? { date: readTime(value, item).date }
              : { der: value.subarray(item.start, item.end) },
        ),
      };
    }),
  nodes: (attributes) =>
    attributes.map(({ oid, values }) =>
      node(
        'attribute',
        'Attribute',
        oidValue(oid, {
          '1.3.6.1.5.5.7.9.1': 'dateOfBirth',
          '1.3.6.1.5.5.7.9.2': 'placeOfBirth',
          '1.3.6.1.5.5.7.9.3': 'gender',
          '1.3.6.1.5.5.7.9.4': 'countryOfCitizenship',
          '1.3.6.1.5.5.7.9.5': 'countryOfResidence',
        }),
        values.map((item) =>
          'text' in item
            ? node('value', 'Value', text(item.text.text, item.text.problem))
            : 'date' in item
              ? node('value', 'Value', { type: 'date', date: item.date })
              : node('value', 'Value', bytesValue(item.der)),
        ),
      ),
    ),
};
