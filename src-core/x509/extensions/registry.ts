/**
 * One parser per extension OID, all with the same shape. An unknown OID, or a parser that throws
 * on hostile bytes, falls back to the raw value (with the reason) instead of breaking the view.
 */
import type { RawExtension } from '../model';
import { extensionNames } from '../oids';
import { distributionPoints, infoAccess } from './access';
import {
  authorityKeyIdentifier,
  basicConstraints,
  extKeyUsage,
  inhibitAnyPolicy,
  keyUsage,
  nameConstraints,
  nullValue,
  policyConstraints,
  policyMappings,
  privateKeyUsagePeriod,
  subjectAltName,
  subjectKeyIdentifier,
} from './common';
import { bytesValue, node, type ExtensionParser, type ExtensionView } from './nodes';
import { certificatePolicies } from './policies';
import { sctList } from './sct';
import {
  attributes,
  microsoftCaVersion,
  microsoftTemplate,
  netscapeCertType,
  octetValue,
  qcStatements,
  stringValue,
  tlsFeature,
} from './vendor';

export const extensionParsers: Record<string, ExtensionParser> = {
  '2.5.29.9': attributes,
  '2.5.29.14': subjectKeyIdentifier,
  '2.5.29.15': keyUsage,
  '2.5.29.16': privateKeyUsagePeriod,
  '2.5.29.17': subjectAltName,
  '2.5.29.18': subjectAltName,
  '2.5.29.19': basicConstraints,
  '2.5.29.30': nameConstraints,
  '2.5.29.31': distributionPoints,
  '2.5.29.32': certificatePolicies,
  '2.5.29.33': policyMappings,
  '2.5.29.35': authorityKeyIdentifier,
  '2.5.29.36': policyConstraints,
  '2.5.29.37': extKeyUsage,
  '2.5.29.46': distributionPoints,
  '2.5.29.54': inhibitAnyPolicy,
  '1.3.6.1.5.5.7.1.1': infoAccess,
  '1.3.6.1.5.5.7.1.3': qcStatements,
  '1.3.6.1.5.5.7.1.11': infoAccess,
  '1.3.6.1.5.5.7.1.24': tlsFeature,
  '1.3.6.1.5.5.7.48.1.5': nullValue(
    'OCSP responses signed with this certificate need no revocation check of it',
  ),
  '1.3.6.1.4.1.11129.2.4.2': sctList,
  '1.3.6.1.4.1.11129.2.4.3': nullValue(
    'Precertificate: made for Certificate Transparency logs, not for use (no client accepts it)',
  ),
  '1.3.6.1.4.1.311.20.2': stringValue('templateName', 'Template name'),
  '1.3.6.1.4.1.311.21.1': microsoftCaVersion,
  '1.3.6.1.4.1.311.21.2': octetValue('previousCaHash', 'Previous CA certificate hash'),
  '1.3.6.1.4.1.311.21.7': microsoftTemplate,
  '1.3.6.1.4.1.311.21.10': certificatePolicies,
  '2.16.840.1.113730.1.1': netscapeCertType,
  '2.16.840.1.113730.1.13': stringValue('comment', 'Comment'),
};

export function describeExtension(extension: RawExtension): ExtensionView {
  const name = extensionNames[extension.oid];
  const base = {
    oid: extension.oid,
    ...(name ? { name } : {}),
    critical: extension.critical,
    value: extension.value,
    range: extension.range,
  };
  const parse = extensionParsers[extension.oid];
  const raw = [node('value', 'Value', bytesValue(extension.value))];
  if (!parse) return { ...base, parsed: false, nodes: raw };
  try {
    return { ...base, parsed: true, nodes: parse(extension.value) };
  } catch (error) {
    return {
      ...base,
      parsed: false,
      nodes: raw,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export function describeExtensions(extensions: RawExtension[]): ExtensionView[] {
  return extensions.map(describeExtension);
}
