/**
 * Certificate revocation lists (RFC 5280 §5), read once: issuer, dates, number, scope, and every
 * entry (serial, date, reason, invalidity date, certificate issuer). An entry whose extension
 * can't be read keeps its serial and says what is wrong: the list still decodes. The verifier's
 * CRL view (verify/crl.ts) is a projection of `parseCrl`.
 */
import {
  childrenOf,
  DerError,
  expectTag,
  readIntegerHex,
  readSmallInteger,
  universalTags,
  type Tlv,
} from '../asn1/der';
import { readTime } from '../asn1/time';
import { readExtensionsIn, readRawExtension } from './certificate';
import { crlReasonName, type CrlReason } from './extensions/crl-entry';
import { extensions as known, findExtension, readExtension } from './extensions/registry';
import type { GeneralName, RawExtension, SignatureAlgorithm } from './model';
import { displayName, nameProblems, readName, toRfc4514, type NameAttribute } from './name';
import { readSignedEnvelope } from './signed';

export interface CrlEntry {
  serialHex: string;
  revocationDate: Date;
  reason?: CrlReason;
  invalidityDate?: Date;
  /** In an indirect CRL: the issuer of this entry's certificate and of the entries after it. */
  certificateIssuer?: GeneralName[];
  /** Entry extensions that can't be read, or critical ones nobody here understands. */
  problems?: string[];
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
  /** What is wrong but didn't stop the reading (bad entry extensions, a bad issuer string…). */
  problems?: string[];
  /** The signed part and the signature (views into `der`), for the signature check. */
  tbs: Uint8Array;
  signatureValue: Uint8Array;
}

const isTime = (tlv: Tlv | undefined) =>
  tlv?.tag === universalTags.utcTime || tlv?.tag === universalTags.generalizedTime;

/** Entry extensions this reader understands (RFC 5280 §5.3). */
const entryExtensions = new Set<string>([
  known.reasonCode.oid,
  known.invalidityDate.oid,
  known.certificateIssuer.oid,
]);

/** Reads a CRL into the model (a copy of the bytes is kept); a `DerError` with the offset on bytes that aren't one. */
export function readCrl(input: Uint8Array): DecodedCrl {
  return parseCrl(input.slice());
}

/**
 * CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING };
 * TBSCertList ::= SEQUENCE { version INTEGER OPTIONAL, signature, issuer Name, thisUpdate Time,
 * nextUpdate Time OPTIONAL, revokedCertificates SEQUENCE OF … OPTIONAL, crlExtensions [0] OPTIONAL }.
 * No copy: the model's byte fields are views into `der`.
 */
export function parseCrl(der: Uint8Array): DecodedCrl {
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

  const problems: string[] = [];
  const issuerAttributes = readName(der, issuerTlv, problems);
  problems.push(...nameProblems(issuerAttributes).map((problem) => `issuer: ${problem}`));
  const malformedEntries = entries.filter((entry) => entry.problems).length;
  if (malformedEntries)
    problems.push(
      `${malformedEntries} entr${malformedEntries === 1 ? 'y has' : 'ies have'} extensions that can't be used`,
    );
  const crlNumber = findExtension(extensions, known.cRLNumber);
  const deltaOf = findExtension(extensions, known.deltaCRLIndicator);
  for (const read of [crlNumber, deltaOf])
    if (read?.error) problems.push(`extension ${read.extension.oid} is malformed (${read.error})`);
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
    ...(crlNumber?.data ? { crlNumber: crlNumber.data.hex } : {}),
    ...(deltaOf?.data ? { deltaOf: deltaOf.data.hex } : {}),
    extensions,
    ...(problems.length ? { problems } : {}),
    tbs: der.subarray(envelope.tbs.start, envelope.tbs.end),
    signatureValue: envelope.signature,
  };
}

/** revokedCertificates entry: SEQUENCE { userCertificate, revocationDate, crlEntryExtensions OPTIONAL }. */
function readEntry(der: Uint8Array, entry: Tlv): CrlEntry {
  const [serial, date, extensionsTlv] = childrenOf(
    der,
    expectTag(entry, universalTags.sequence, 'CRL entry', entry.start),
  );
  const result: CrlEntry = {
    serialHex: readIntegerHex(der, expectTag(serial, universalTags.integer, 'revoked serial', entry.start)),
    revocationDate: readTime(
      der,
      expectTag(date, isTime(date) ? date!.tag : universalTags.utcTime, 'revocation date', entry.start),
    ).date,
  };
  if (!extensionsTlv) return result;
  const problems: string[] = [];
  try {
    for (const extensionTlv of childrenOf(
      der,
      expectTag(extensionsTlv, universalTags.sequence, 'entry extensions', extensionsTlv.start),
    )) {
      let extension: RawExtension;
      try {
        extension = readRawExtension(der, extensionTlv);
      } catch (error) {
        problems.push(`an entry extension can't be read (${(error as Error).message})`);
        continue;
      }
      (result.extensions ??= []).push(extension);
      const read = readExtension(extension);
      if (!read || !entryExtensions.has(extension.oid)) {
        if (extension.critical) problems.push(`unknown critical entry extension ${extension.oid}`);
        continue;
      }
      if ('error' in read) {
        problems.push(`entry extension ${extension.oid} is malformed (${read.error})`);
        continue;
      }
      if (extension.oid === known.reasonCode.oid) result.reason = crlReasonName(read.data as number);
      else if (extension.oid === known.invalidityDate.oid) result.invalidityDate = read.data as Date;
      else result.certificateIssuer = read.data as GeneralName[];
    }
  } catch (error) {
    problems.push(`the entry extensions can't be read (${(error as Error).message})`);
  }
  if (problems.length) result.problems = problems;
  return result;
}
