/**
 * One reader per extension OID, all with the same shape (`ExtensionSpec`): typed data read once,
 * the display tree derived from it. An unknown OID, or bytes its reader refuses, falls back to the
 * raw value (with the reason) instead of breaking the view; the verifier gets the same reason.
 */
import { DerError } from '../../asn1/der';
import type { RawExtension } from '../model';
import { extensionNames } from '../oids';
import { altName } from './alt-name';
import { basicConstraints } from './basic-constraints';
import { certificatePolicies } from './certificate-policies';
import { distributionPoints } from './distribution-points';
import { extKeyUsage } from './ext-key-usage';
import { infoAccess } from './info-access';
import { issuingDistributionPoint } from './issuing-distribution-point';
import { authorityKeyIdentifier, subjectKeyIdentifier } from './key-identifiers';
import { keyUsage } from './key-usage';
import { nameConstraints } from './name-constraints';
import { bytesValue, node, type ExtensionNode, type ExtensionSpec, type ExtensionView } from './nodes';
import { inhibitAnyPolicy, policyConstraints } from './policy-constraints';
import { policyMappings } from './policy-mappings';
import { sctList } from './sct';
import { crlNumber, deltaCrlIndicator } from './crl-number';
import { invalidityDate, reasonCode } from './crl-entry';
import { directoryAttributes } from './directory-attributes';
import { microsoftCaVersion, microsoftTemplate } from './microsoft';
import { netscapeCertType } from './netscape';
import { nullMarker } from './null-marker';
import { privateKeyUsagePeriod } from './private-key-usage-period';
import { qcStatements } from './qc-statements';
import { tlsFeature } from './tls-feature';
import { octetsExtension, stringExtension } from './common';

/** The extensions the verifier and the model read, by name: OID and reader. */
export const extensions = {
  subjectDirectoryAttributes: { oid: '2.5.29.9', spec: directoryAttributes },
  subjectKeyIdentifier: { oid: '2.5.29.14', spec: subjectKeyIdentifier },
  keyUsage: { oid: '2.5.29.15', spec: keyUsage },
  privateKeyUsagePeriod: { oid: '2.5.29.16', spec: privateKeyUsagePeriod },
  subjectAltName: { oid: '2.5.29.17', spec: altName },
  issuerAltName: { oid: '2.5.29.18', spec: altName },
  basicConstraints: { oid: '2.5.29.19', spec: basicConstraints },
  cRLNumber: { oid: '2.5.29.20', spec: crlNumber },
  reasonCode: { oid: '2.5.29.21', spec: reasonCode },
  invalidityDate: { oid: '2.5.29.24', spec: invalidityDate },
  deltaCRLIndicator: { oid: '2.5.29.27', spec: deltaCrlIndicator },
  issuingDistributionPoint: {
    oid: '2.5.29.28',
    spec: issuingDistributionPoint,
  },
  certificateIssuer: { oid: '2.5.29.29', spec: altName },
  nameConstraints: { oid: '2.5.29.30', spec: nameConstraints },
  cRLDistributionPoints: { oid: '2.5.29.31', spec: distributionPoints },
  certificatePolicies: { oid: '2.5.29.32', spec: certificatePolicies },
  policyMappings: { oid: '2.5.29.33', spec: policyMappings },
  authorityKeyIdentifier: {
    oid: '2.5.29.35',
    spec: authorityKeyIdentifier,
  },
  policyConstraints: { oid: '2.5.29.36', spec: policyConstraints },
  extKeyUsage: { oid: '2.5.29.37', spec: extKeyUsage },
  freshestCRL: { oid: '2.5.29.46', spec: distributionPoints },
  inhibitAnyPolicy: { oid: '2.5.29.54', spec: inhibitAnyPolicy },
  authorityInfoAccess: { oid: '1.3.6.1.5.5.7.1.1', spec: infoAccess },
  qcStatements: { oid: '1.3.6.1.5.5.7.1.3', spec: qcStatements },
  subjectInfoAccess: { oid: '1.3.6.1.5.5.7.1.11', spec: infoAccess },
  tlsFeature: { oid: '1.3.6.1.5.5.7.1.24', spec: tlsFeature },
  ocspNoCheck: {
    oid: '1.3.6.1.5.5.7.48.1.5',
    spec: nullMarker('OCSP responses signed with this certificate need no revocation check of it'),
  },
  sctList: { oid: '1.3.6.1.4.1.11129.2.4.2', spec: sctList },
  precertificatePoison: {
    oid: '1.3.6.1.4.1.11129.2.4.3',
    spec: nullMarker(
      'Precertificate: made for Certificate Transparency logs, not for use (no client accepts it)',
    ),
  },
  microsoftCertificateType: {
    oid: '1.3.6.1.4.1.311.20.2',
    spec: stringExtension('templateName', 'Template name'),
  },
  microsoftCaVersion: { oid: '1.3.6.1.4.1.311.21.1', spec: microsoftCaVersion },
  microsoftPreviousCaHash: {
    oid: '1.3.6.1.4.1.311.21.2',
    spec: octetsExtension('previousCaHash', 'Previous CA certificate hash'),
  },
  microsoftCertificateTemplate: { oid: '1.3.6.1.4.1.311.21.7', spec: microsoftTemplate },
  microsoftApplicationPolicies: { oid: '1.3.6.1.4.1.311.21.10', spec: certificatePolicies },
  netscapeCertType: { oid: '2.16.840.1.113730.1.1', spec: netscapeCertType },
  netscapeComment: { oid: '2.16.840.1.113730.1.13', spec: stringExtension('comment', 'Comment') },
} as const;

type Known = (typeof extensions)[keyof typeof extensions];
type DataOf<E> = E extends { spec: ExtensionSpec<infer T> } ? T : never;

const byOid = new Map<string, ExtensionSpec<unknown>>(
  Object.values(extensions).map((entry: Known) => [entry.oid, entry.spec as ExtensionSpec<unknown>]),
);

export type ReadExtension = { data: unknown } | { error: string };

/** The typed data of an extension its registered reader accepts, or why it refused the bytes. */
export function readExtension(extension: RawExtension): ReadExtension | undefined {
  const spec = byOid.get(extension.oid);
  if (!spec) return undefined;
  try {
    return { data: spec.read(extension.value) };
  } catch (error) {
    // Hostile bytes can break a reader anywhere: every failure is a reason, never a crash.
    return { error: error instanceof DerError || error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The first extension of a kind among `list`, read: undefined when absent, `{ error }` when its
 * bytes can't be read.
 */
export function findExtension<E extends Known>(
  list: RawExtension[],
  entry: E,
): { extension: RawExtension; data?: DataOf<E>; error?: string } | undefined {
  const extension = list.find((candidate) => candidate.oid === entry.oid);
  if (!extension) return undefined;
  const read = readExtension(extension)!;
  return 'data' in read ? { extension, data: read.data as DataOf<E> } : { extension, error: read.error };
}

/** The typed data of the first extension of a kind, when present and readable. */
export function extensionData<E extends Known>(list: RawExtension[], entry: E): DataOf<E> | undefined {
  return findExtension(list, entry)?.data;
}

export function describeExtension(extension: RawExtension): ExtensionView {
  const name = extensionNames[extension.oid];
  const base = {
    oid: extension.oid,
    ...(name ? { name } : {}),
    critical: extension.critical,
    value: extension.value,
    range: extension.range,
  };
  const raw = [node('value', 'Value', bytesValue(extension.value))];
  const read = readExtension(extension);
  if (!read) return { ...base, parsed: false, nodes: raw };
  if ('error' in read) return { ...base, parsed: false, nodes: raw, error: read.error };
  let nodes: ExtensionNode[];
  try {
    nodes = byOid.get(extension.oid)!.nodes(read.data);
  } catch (error) {
    return {
      ...base,
      parsed: false,
      nodes: raw,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  return { ...base, parsed: true, nodes };
}

export function describeExtensions(list: RawExtension[]): ExtensionView[] {
  return list.map(describeExtension);
}
