/** A CRL entry's reasonCode and invalidityDate (RFC 5280 §5.3.1, §5.3.2); its certificateIssuer is alt-name.ts. */
import { expectTag, readSmallInteger, readWhole, universalTags } from '../../asn1/der';
import { readTime } from '../../asn1/time';
import { node, numberValue, text, type ExtensionSpec } from './nodes';

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
