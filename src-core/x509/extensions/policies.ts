/** certificatePolicies: each policy, its CA/B Forum validation level, CPS and user-notice qualifiers. */
import { childrenOf, DerError, expectTag, readOid, readSmallInteger, universalTags } from '../../asn1/der';
import { validationLevels } from '../oids';
import { oidValue, topSequence } from './common';
import { node, numberValue, text, type ExtensionNode } from './nodes';
import { isStringTag, readString } from '../../asn1/strings';

const cps = '1.3.6.1.5.5.7.2.1';
const userNotice = '1.3.6.1.5.5.7.2.2';

export const validationLevelMeanings: Record<'DV' | 'OV' | 'IV' | 'EV', string> = {
  DV: 'Domain validated: the CA checked only that the requester controls the domain.',
  OV: 'Organization validated: the CA also checked that the organization named in the certificate exists.',
  IV: 'Individual validated: the CA also checked the identity of the person named in the certificate.',
  EV: 'Extended validation: the CA did the strictest identity checks of the organization (CA/B Forum EV guidelines).',
};

export function certificatePolicies(value: Uint8Array): ExtensionNode[] {
  return childrenOf(value, topSequence(value, 'certificatePolicies')).map((information) => {
    const [identifier, qualifiers] = childrenOf(
      value,
      expectTag(information, universalTags.sequence, 'policy information', information.start),
    );
    const oid = readOid(
      value,
      expectTag(identifier, universalTags.oid, 'policy identifier', information.start),
    );
    const children: ExtensionNode[] = [];
    const level = validationLevels[oid];
    if (level)
      children.push(
        node('validationLevel', 'Validation level', text(level), [
          node('meaning', 'Meaning', text(validationLevelMeanings[level])),
        ]),
      );
    if (qualifiers) {
      for (const qualifier of childrenOf(
        value,
        expectTag(qualifiers, universalTags.sequence, 'policy qualifiers', qualifiers.start),
      ))
        children.push(policyQualifier(value, qualifier));
    }
    return node('policy', 'Policy', oidValue(oid), children.length ? children : undefined);
  });
}

function policyQualifier(value: Uint8Array, qualifier: ReturnType<typeof childrenOf>[number]): ExtensionNode {
  const [idTlv, body] = childrenOf(
    value,
    expectTag(qualifier, universalTags.sequence, 'policy qualifier', qualifier.start),
  );
  const id = readOid(value, expectTag(idTlv, universalTags.oid, 'qualifier id', qualifier.start));
  if (!body) throw new DerError('policy qualifier without a value', qualifier.start);
  if (id === cps) return node('cps', 'Certification practice statement', text(readString(value, body)));
  if (id === userNotice) {
    const parts = childrenOf(value, expectTag(body, universalTags.sequence, 'user notice', body.start)).map(
      (part) => {
        if (isStringTag(part.tag)) return node('explicitText', 'Text', text(readString(value, part)));
        const [organization, numbers] = childrenOf(
          value,
          expectTag(part, universalTags.sequence, 'notice reference', part.start),
        );
        if (!organization || !numbers) throw new DerError('incomplete notice reference', part.start);
        return node(
          'noticeRef',
          'Notice reference',
          text(readString(value, organization)),
          childrenOf(value, numbers).map((number) =>
            node('noticeNumber', 'Notice number', numberValue(readSmallInteger(value, number))),
          ),
        );
      },
    );
    return node('userNotice', 'User notice', undefined, parts);
  }
  return node('qualifier', 'Qualifier', oidValue(id));
}
