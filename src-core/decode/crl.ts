/** Certificate revocation lists: issuer, dates, number, and every entry (serial, date, reason). */
import {
  childrenOf,
  DerError,
  expectTag,
  readIntegerHex,
  readSmallInteger,
  readTime,
  readTlv,
  universalTags,
  type Tlv,
} from './der';
import { readExtensionsIn, readRawExtension } from './certificate';
import type { RawExtension, SignatureAlgorithm } from './model';
import { displayName, readName, toRfc4514, type NameAttribute } from './names';
import { readSignedEnvelope } from './signed';

export const crlReasons = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;

export interface CrlEntry {
  serialHex: string;
  revocationDate: Date;
  reason?: (typeof crlReasons)[number] | `reason ${number}`;
  invalidityDate?: Date;
  /** The entry's extensions as read (reason and invalidity date included), when it has any. */
  extensions?: RawExtension[];
}

export interface DecodedCrl {
  kind: 'crl';
  der: Uint8Array;
  version: number;
  issuer: string;
  issuerAttributes: NameAttribute[];
  issuerDisplayName: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  signatureAlgorithm: SignatureAlgorithm;
  entries: CrlEntry[];
  revokedCount: number;
  /** cRLNumber, hex. */
  crlNumber?: string;
  /** Set on a delta CRL: the number of the base CRL it updates, hex. */
  deltaOf?: string;
  extensions: RawExtension[];
}

const isTime = (tlv: Tlv | undefined) =>
  tlv?.tag === universalTags.utcTime || tlv?.tag === universalTags.generalizedTime;

export function readCrl(input: Uint8Array): DecodedCrl {
  const der = input.slice();
  const envelope = readSignedEnvelope(der, 'CRL');
  const fields = childrenOf(der, envelope.tbs);
  let index = 0;
  let version = 1;
  if (fields[0]?.tag === universalTags.integer) version = readSmallInteger(der, fields[index++]) + 1;
  expectTag(fields[index++], universalTags.sequence, 'CRL signature algorithm', envelope.tbs.contentStart);
  const issuerTlv = expectTag(
    fields[index++],
    universalTags.sequence,
    'CRL issuer',
    envelope.tbs.contentStart,
  );
  const thisUpdateTlv = fields[index++];
  if (!isTime(thisUpdateTlv)) throw new DerError('CRL thisUpdate is missing', issuerTlv.end);
  const thisUpdate = readTime(der, thisUpdateTlv).date;
  let nextUpdate: Date | undefined;
  if (isTime(fields[index])) nextUpdate = readTime(der, fields[index++]).date;
  const entries: CrlEntry[] = [];
  if (fields[index]?.tag === universalTags.sequence) {
    for (const entry of childrenOf(der, fields[index++])) entries.push(readEntry(der, entry));
  }
  const extensions: RawExtension[] = [];
  if (fields[index]?.tag === 0xa0)
    extensions.push(...readExtensionsIn(der, fields[index++], 'CRL extensions'));
  if (fields[index]) throw new DerError('unexpected field in the CRL', fields[index].start);
  const integerExtension = (oid: string) => {
    const extension = extensions.find((candidate) => candidate.oid === oid);
    if (!extension) return undefined;
    return readIntegerHex(
      extension.value,
      expectTag(readTlv(extension.value, 0), universalTags.integer, oid, 0),
    );
  };
  const issuerAttributes = readName(der, issuerTlv);
  const crlNumber = integerExtension('2.5.29.20');
  const deltaOf = integerExtension('2.5.29.27');
  return {
    kind: 'crl',
    der,
    version,
    issuer: toRfc4514(issuerAttributes),
    issuerAttributes,
    issuerDisplayName: displayName(issuerAttributes),
    thisUpdate,
    ...(nextUpdate ? { nextUpdate } : {}),
    signatureAlgorithm: envelope.signatureAlgorithm,
    entries,
    revokedCount: entries.length,
    ...(crlNumber ? { crlNumber } : {}),
    ...(deltaOf ? { deltaOf } : {}),
    extensions,
  };
}

function readEntry(der: Uint8Array, entry: Tlv): CrlEntry {
  const [serial, date, extensionsTlv] = childrenOf(
    der,
    expectTag(entry, universalTags.sequence, 'CRL entry', entry.start),
  );
  const result: CrlEntry = {
    serialHex: readIntegerHex(der, expectTag(serial, universalTags.integer, 'revoked serial', entry.start)),
    revocationDate: readTime(der, date ?? serial).date,
  };
  if (extensionsTlv) {
    result.extensions = [];
    for (const extensionTlv of childrenOf(der, extensionsTlv)) {
      const extension = readRawExtension(der, extensionTlv);
      result.extensions.push(extension);
      const inner = readTlv(extension.value, 0);
      if (extension.oid === '2.5.29.21') {
        const code = readSmallInteger(extension.value, inner);
        result.reason = crlReasons[code] ?? `reason ${code}`;
      } else if (extension.oid === '2.5.29.24') result.invalidityDate = readTime(extension.value, inner).date;
    }
  }
  return result;
}
