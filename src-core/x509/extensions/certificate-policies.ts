/**
 * certificatePolicies (RFC 5280 §4.2.1.4): each policy, its CA/B Forum validation level, and its
 * CPS and user-notice qualifiers. A qualifier that can't be read is said, not fatal: the policy
 * identifiers are what path validation needs.
 */
import {
  childrenOf,
  DerError,
  expectTag,
  readOid,
  readSmallInteger,
  universalTags,
  type Tlv,
} from '../../asn1/der';
import { decodeString, isStringTag, type DecodedString } from '../../asn1/strings';
import { validationLevels } from '../oids';
import { oidValue, topFields } from './common';
import { node, numberValue, text, type ExtensionNode, type ExtensionSpec } from './nodes';

export const oidAnyPolicy = '2.5.29.32.0';
const oidCps = '1.3.6.1.5.5.7.2.1';
const oidUserNotice = '1.3.6.1.5.5.7.2.2';

export const validationLevelMeanings: Record<'DV' | 'OV' | 'IV' | 'EV', string> = {
  DV: 'Domain validated: the CA checked only that the requester controls the domain.',
  OV: 'Organization validated: the CA also checked that the organization named in the certificate exists.',
  IV: 'Individual validated: the CA also checked the identity of the person named in the certificate.',
  EV: 'Extended validation: the CA did the strictest identity checks of the organization (CA/B Forum EV guidelines).',
};

export type PolicyQualifier =
  | { type: 'cps'; uri: DecodedString }
  | { type: 'userNotice'; parts: UserNoticePart[] }
  | { type: 'other'; oid: string }
  /** The qualifier's bytes could not be read (the policy itself stands). */
  | { type: 'unreadable'; error: string };

export type UserNoticePart =
  { explicitText: DecodedString } | { noticeRef: { organization: DecodedString; numbers: number[] } };

export interface PolicyInformation {
  oid: string;
  qualifiers: PolicyQualifier[];
}

export const certificatePolicies: ExtensionSpec<PolicyInformation[]> = {
  read: (value) =>
    topFields(value, 'certificatePolicies').map((information) => {
      const [identifier, qualifiers] = childrenOf(
        value,
        expectTag(information, universalTags.sequence, 'policy information', information.start),
      );
      const oid = readOid(
        value,
        expectTag(identifier, universalTags.oid, 'policy identifier', information.start),
      );
      if (!qualifiers) return { oid, qualifiers: [] };
      return {
        oid,
        qualifiers: childrenOf(
          value,
          expectTag(qualifiers, universalTags.sequence, 'policy qualifiers', qualifiers.start),
        ).map((qualifier) => {
          try {
            return readQualifier(value, qualifier);
          } catch (error) {
            if (!(error instanceof DerError)) throw error;
            return { type: 'unreadable', error: error.message };
          }
        }),
      };
    }),
  nodes: (policies) =>
    policies.map(({ oid, qualifiers }) => {
      const children: ExtensionNode[] = [];
      const level = validationLevels[oid];
      if (level)
        children.push(
          node('validationLevel', 'Validation level', text(level), [
            node('meaning', 'Meaning', text(validationLevelMeanings[level])),
          ]),
        );
      children.push(...qualifiers.map(qualifierNode));
      return node('policy', 'Policy', oidValue(oid), children.length ? children : undefined);
    }),
};

function readQualifier(value: Uint8Array, qualifier: Tlv): PolicyQualifier {
  const [idTlv, body] = childrenOf(
    value,
    expectTag(qualifier, universalTags.sequence, 'policy qualifier', qualifier.start),
  );
  const id = readOid(value, expectTag(idTlv, universalTags.oid, 'qualifier id', qualifier.start));
  if (!body) throw new DerError('policy qualifier without a value', qualifier.start);
  if (id === oidCps) return { type: 'cps', uri: decodeString(value, body) };
  if (id !== oidUserNotice) return { type: 'other', oid: id };
  const parts = childrenOf(value, expectTag(body, universalTags.sequence, 'user notice', body.start)).map(
    (part): UserNoticePart => {
      if (isStringTag(part.tag)) return { explicitText: decodeString(value, part) };
      const [organization, numbers] = childrenOf(
        value,
        expectTag(part, universalTags.sequence, 'notice reference', part.start),
      );
      if (!organization || !numbers) throw new DerError('incomplete notice reference', part.start);
      return {
        noticeRef: {
          organization: decodeString(value, organization),
          numbers: childrenOf(value, numbers).map((number) => readSmallInteger(value, number)),
        },
      };
    },
  );
  return { type: 'userNotice', parts };
}

const stringText = (decoded: DecodedString) => text(decoded.text, decoded.problem);

function qualifierNode(qualifier: PolicyQualifier): ExtensionNode {
  switch (qualifier.type) {
    case 'cps':
      return node('cps', 'Certification practice statement', stringText(qualifier.uri));
    case 'userNotice':
      return node(
        'userNotice',
        'User notice',
        undefined,
        qualifier.parts.map((part) =>
          'explicitText' in part
            ? node('explicitText', 'Text', stringText(part.explicitText))
            : node(
                'noticeRef',
                'Notice reference',
                stringText(part.noticeRef.organization),
                part.noticeRef.numbers.map((number) =>
                  node('noticeNumber', 'Notice number', numberValue(number)),
                ),
              ),
        ),
      );
    case 'other':
      return node('qualifier', 'Qualifier', oidValue(qualifier.oid));
    case 'unreadable':
      return node('qualifier', 'Qualifier', text(`could not be read (${qualifier.error})`));
  }
}

/** The CA/B Forum validation level the policies claim, if any. */
export function validationLevelOf(policies: PolicyInformation[]): 'DV' | 'OV' | 'IV' | 'EV' | undefined {
  for (const policy of policies) {
    const level = validationLevels[policy.oid];
    if (level) return level;
  }
  return undefined;
}
