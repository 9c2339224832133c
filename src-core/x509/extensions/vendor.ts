/** Microsoft, Netscape, QC statements and subject directory attributes. */
import {
  childrenOf,
  content,
  expectTag,
  readOid,
  readSmallInteger,
  readWhole,
  universalTags,
} from '../../asn1/der';
import { decodeString, isStringTag, type DecodedString } from '../../asn1/strings';
import { readTime } from '../../asn1/time';
import { namedBitNodes, oidValue, readBitsValue, topFields } from './common';
import { bytesValue, node, numberValue, text, type ExtensionSpec } from './nodes';

/** A value that is one character string (Microsoft template name, Netscape comment). */
export function stringExtension(key: string, label: string): ExtensionSpec<DecodedString> {
  return {
    read: (value) => decodeString(value, readWhole(value, label)),
    nodes: (decoded) => [node(key, label, text(decoded.text, decoded.problem))],
  };
}

/** A value that is one OCTET STRING (Microsoft previous CA hash). */
export function octetsExtension(key: string, label: string): ExtensionSpec<Uint8Array> {
  return {
    read: (value) => content(value, expectTag(readWhole(value, label), universalTags.octetString, label, 0)),
    nodes: (bytes) => [node(key, label, bytesValue(bytes))],
  };
}

export const microsoftTemplate: ExtensionSpec<{ templateId: string; major?: number; minor?: number }> = {
  read(value) {
    const [id, major, minor] = topFields(value, 'certificate template');
    return {
      templateId: readOid(value, expectTag(id, universalTags.oid, 'template id', 0)),
      ...(major ? { major: readSmallInteger(value, major) } : {}),
      ...(minor ? { minor: readSmallInteger(value, minor) } : {}),
    };
  },
  nodes: (data) => [
    node('templateID', 'Template', oidValue(data.templateId)),
    ...(data.major !== undefined ? [node('majorVersion', 'Major version', numberValue(data.major))] : []),
    ...(data.minor !== undefined ? [node('minorVersion', 'Minor version', numberValue(data.minor))] : []),
  ],
};

export const microsoftCaVersion: ExtensionSpec<number> = {
  read: (value) =>
    readSmallInteger(value, expectTag(readWhole(value), universalTags.integer, 'CA version', 0)),
  nodes: (version) => [
    node('certificateIndex', 'Certificate renewals', numberValue(version & 0xffff)),
    node('keyIndex', 'Key renewals', numberValue(Math.floor(version / 0x10000))),
  ],
};

const netscapeTypes: [string, string][] = [
  ['sslClient', 'SSL client'],
  ['sslServer', 'SSL server'],
  ['smime', 'S/MIME'],
  ['objectSigning', 'Object signing'],
  ['reserved', 'Reserved'],
  ['sslCa', 'SSL CA'],
  ['smimeCa', 'S/MIME CA'],
  ['objectSigningCa', 'Object signing CA'],
];

export const netscapeCertType: ExtensionSpec<number[]> = {
  read: (value) => readBitsValue(value, 'netscapeCertType'),
  nodes: (bits) => namedBitNodes(bits, netscapeTypes),
};

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

const qcStatementNames: Record<string, string> = {
  '0.4.0.1862.1.1': 'QcCompliance',
  '0.4.0.1862.1.2': 'QcLimitValue',
  '0.4.0.1862.1.3': 'QcRetentionPeriod',
  '0.4.0.1862.1.4': 'QcSSCD',
  '0.4.0.1862.1.5': 'QcPDS',
  '0.4.0.1862.1.6': 'QcType',
  '1.3.6.1.5.5.7.11.2': 'id-qcs-pkixQCSyntax-v2',
  '0.4.0.19495.2': 'PSD2',
};

export const qcStatements: ExtensionSpec<{ oid: string; info?: Uint8Array }[]> = {
  read: (value) =>
    topFields(value, 'qcStatements').map((statement) => {
      const [id, info] = childrenOf(
        value,
        expectTag(statement, universalTags.sequence, 'QC statement', statement.start),
      );
      const oid = readOid(value, expectTag(id, universalTags.oid, 'statement id', statement.start));
      return { oid, ...(info ? { info: value.subarray(info.start, info.end) } : {}) };
    }),
  nodes: (statements) =>
    statements.map(({ oid, info }) =>
      node(
        'statement',
        'Statement',
        oidValue(oid, qcStatementNames),
        info ? [node('info', 'Information', bytesValue(info))] : undefined,
      ),
    ),
};
