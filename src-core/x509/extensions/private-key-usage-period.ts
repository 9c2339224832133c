/** privateKeyUsagePeriod (RFC 3280 §4.2.1.4, deprecated): when the private key may be used. */
import { DerError, universalTags } from '../../asn1/der';
import { readTime } from '../../asn1/time';
import { topFields } from './common';
import { node, type ExtensionSpec } from './nodes';

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
