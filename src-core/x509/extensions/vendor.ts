/** TLS feature, Microsoft, Netscape, QC statements and subject directory attributes. */
import {
  childrenOf,
  content,
  expectTag,
  readOid,
  readSmallInteger,
  readWhole,
  universalTags,
} from '../../asn1/der';
import { namedBits, oidValue, topSequence } from './common';
import { bytesValue, node, numberValue, text, type ExtensionNode } from './nodes';
import { isStringTag, readString } from '../../asn1/strings';
import { readTime } from '../../asn1/time';

const tlsFeatures: Record<number, [string, string]> = {
  5: ['status_request', 'OCSP must-staple (status_request)'],
  17: ['status_request_v2', 'OCSP multi-staple (status_request_v2)'],
};

export function tlsFeature(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'tlsFeature')).map((feature) => {
    const number = readSmallInteger(
      value,
      expectTag(feature, universalTags.integer, 'TLS feature', feature.start),
    );
    const [key, label] = tlsFeatures[number] ?? ['feature', `TLS extension ${number}`];
    return node(key, label, numberValue(number));
  });
}

export function microsoftTemplate(value: Uint8Array): ExtensionNode[] {
  const [id, major, minor] = childrenOf(value, topSequence(value, 'certificate template'));
  return [
    node(
      'templateID',
      'Template',
      oidValue(readOid(value, expectTag(id, universalTags.oid, 'template id', 0))),
    ),
    ...(major ? [node('majorVersion', 'Major version', numberValue(readSmallInteger(value, major)))] : []),
    ...(minor ? [node('minorVersion', 'Minor version', numberValue(readSmallInteger(value, minor)))] : []),
  ];
}

export function stringValue(key: string, label: string) {
  return (value: Uint8Array): ExtensionNode[] => {
    const tlv = readWhole(value, label);
    return [node(key, label, text(readString(value, tlv)))];
  };
}

export function microsoftCaVersion(value: Uint8Array): ExtensionNode[] {
  const version = readSmallInteger(
    value,
    expectTag(readWhole(value), universalTags.integer, 'CA version', 0),
  );
  return [
    node('certificateIndex', 'Certificate renewals', numberValue(version & 0xffff)),
    node('keyIndex', 'Key renewals', numberValue(Math.floor(version / 0x10000))),
  ];
}

export function octetValue(key: string, label: string) {
  return (value: Uint8Array): ExtensionNode[] => {
    const tlv = expectTag(readWhole(value, label), universalTags.octetString, label, 0);
    return [node(key, label, bytesValue(content(value, tlv)))];
  };
}

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

export const netscapeCertType = (value: Uint8Array): ExtensionNode[] =>
  namedBits(value, netscapeTypes, 'netscapeCertType');

/** SEQUENCE OF Attribute { type, SET OF value } (subject directory attributes). */
export function attributes(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'attributes')).map((attribute) => {
    const [type, values] = childrenOf(
      value,
      expectTag(attribute, universalTags.sequence, 'attribute', attribute.start),
    );
    const oid = readOid(value, expectTag(type, universalTags.oid, 'attribute type', attribute.start));
    const items = values ? childrenOf(value, values) : [];
    return node(
      'attribute',
      'Attribute',
      oidValue(oid, {
        '1.3.6.1.5.5.7.9.1': 'dateOfBirth',
        '1.3.6.1.5.5.7.9.2': 'placeOfBirth',
        '1.3.6.1.5.5.7.9.3': 'gender',
        '1.3.6.1.5.5.7.9.4': 'countryOfCitizenship',
        '1.3.6.1.5.5.7.9.5': 'countryOfResidence',
      }),
      items.map((item) =>
        isStringTag(item.tag)
          ? node('value', 'Value', text(readString(value, item)))
          : item.tag === universalTags.generalizedTime
            ? node('value', 'Value', { type: 'date', date: readTime(value, item).date })
            : node('value', 'Value', bytesValue(value.subarray(item.start, item.end))),
      ),
    );
  });
}

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

export function qcStatements(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'qcStatements')).map((statement) => {
    const [id, info] = childrenOf(
      value,
      expectTag(statement, universalTags.sequence, 'QC statement', statement.start),
    );
    const oid = readOid(value, expectTag(id, universalTags.oid, 'statement id', statement.start));
    return node(
      'statement',
      'Statement',
      oidValue(oid, qcStatementNames),
      info ? [node('info', 'Information', bytesValue(value.subarray(info.start, info.end)))] : undefined,
    );
  });
}
