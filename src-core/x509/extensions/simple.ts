/**
 * Extensions with one small value: TLS feature (must-staple), private key usage period, the NULL
 * markers (OCSP no-check, the precertificate poison), and the CRL ones — CRL number, delta CRL
 * indicator, an entry's reason code and invalidity date.
 */
import { DerError, expectTag, readSmallInteger, readWhole, universalTags } from '../../asn1/der';
import { readTime } from '../../asn1/time';
import { integerValue, readInteger, topFields, type IntegerValue } from './common';
import { node, numberValue, text, type ExtensionSpec } from './nodes';

const tlsFeatureNames: Record<number, [string, string]> = {
  5: ['status_request', 'OCSP must-staple (status_request)'],
  17: ['status_request_v2', 'OCSP multi-staple (status_request_v2)'],
};

/** TLS features (RFC 7633) as TLS extension numbers; 5 is must-staple. */
export const tlsFeature: ExtensionSpec<number[]> = {
  read: (value) =>
    topFields(value, 'tlsFeature').map((feature) =>
      readSmallInteger(value, expectTag(feature, universalTags.integer, 'TLS feature', feature.start)),
    ),
  nodes: (features) =>
    features.map((number) => {
      const [key, label] = tlsFeatureNames[number] ?? ['feature', `TLS extension ${number}`];
      return node(key, label, numberValue(number));
    }),
};

export const statusRequestFeature = 5;

export const privateKeyUsagePeriod: ExtensionSpec<{ notBefore?: Date; notAfter?: Date }> = {
  read(value) {
    const result: { notBefore?: Date; notAfter?: Date } = {};
    for (const field of topFields(value, 'privateKeyUsagePeriod')) {
      const time = readTime(value, { ...field, tag: universalTags.generalizedTime }).date;
      if (field.tag === 0x80) result.notBefore = time;
      else if (field.tag === 0x81) result.notAfter = time;
      else throw new DerError('unexpected field in privateKeyUsagePeriod', field.start);
    }
    return result;
  },
  nodes: (data) => [
    ...(data.notBefore ? [node('notBefore', 'Not before', { type: 'date', date: data.notBefore })] : []),
    ...(data.notAfter ? [node('notAfter', 'Not after', { type: 'date', date: data.notAfter })] : []),
  ],
};

/** Anything whose value must be an ASN.1 NULL (OCSP no-check, the precertificate poison). */
export function nullMarker(meaning: string): ExtensionSpec<true> {
  return {
    read(value) {
      const tlv = expectTag(readWhole(value), universalTags.null, 'value', 0);
      if (tlv.contentEnd !== tlv.contentStart) throw new DerError('NULL with contents', 0);
      return true;
    },
    nodes: () => [node('meaning', 'Meaning', text(meaning))],
  };
}

/** An INTEGER that is the whole value: cRLNumber, and deltaCRLIndicator (the base CRL's number). */
export function integerExtension(key: string, label: string): ExtensionSpec<IntegerValue> {
  return {
    read: (value) => readInteger(value, expectTag(readWhole(value, label), universalTags.integer, label, 0)),
    nodes: (number) => [node(key, label, integerValue(number))],
  };
}

/** CRLReason (RFC 5280 §5.3.1), by code; 7 is unused. */
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

export type CrlReason = (typeof crlReasons)[number] | `reason ${number}`;

export const crlReasonName = (code: number): CrlReason => crlReasons[code] ?? `reason ${code}`;

/** The code of a reason name (`reason 12` for codes without a name). */
export function crlReasonCode(reason: CrlReason): number {
  const index = (crlReasons as readonly string[]).indexOf(reason);
  return index >= 0 ? index : Number(reason.slice('reason '.length));
}

/** A CRL entry's reasonCode: an ENUMERATED. */
export const reasonCode: ExtensionSpec<number> = {
  read: (value) =>
    readSmallInteger(
      value,
      expectTag(readWhole(value, 'reasonCode'), universalTags.enumerated, 'reason code', 0),
    ),
  nodes: (code) => [
    node('reason', 'Reason', text(crlReasonName(code)), [node('code', 'Code', numberValue(code))]),
  ],
};

/** A CRL entry's invalidityDate: when the key is known or suspected to have been compromised. */
export const invalidityDate: ExtensionSpec<Date> = {
  read: (value) =>
    readTime(
      value,
      expectTag(readWhole(value, 'invalidityDate'), universalTags.generalizedTime, 'invalidity date', 0),
    ).date,
  nodes: (date) => [node('invalidityDate', 'Invalid since', { type: 'date', date })],
};
