/** basicConstraints (RFC 5280 §4.2.1.9): is the subject a CA, and how many CAs may follow it. */
import { DerError, readBoolean, readSmallInteger, universalTags } from '../../asn1/der';
import { topFields } from './common';
import { booleanValue, node, numberValue, type ExtensionSpec } from './nodes';

export interface BasicConstraints {
  ca: boolean;
  pathLen?: number;
}

export const basicConstraints: ExtensionSpec<BasicConstraints> = {
  read(value) {
    const fields = topFields(value, 'basicConstraints');
    let index = 0;
    const ca = fields[index]?.tag === universalTags.boolean && readBoolean(value, fields[index++]);
    const pathLen =
      fields[index]?.tag === universalTags.integer ? readSmallInteger(value, fields[index++]) : undefined;
    if (fields[index]) throw new DerError('unexpected field in basicConstraints', fields[index].start);
    return pathLen !== undefined ? { ca, pathLen } : { ca };
  },
  nodes: (data) => [
    node('cA', 'Certificate authority', booleanValue(data.ca)),
    ...(data.pathLen !== undefined
      ? [node('pathLenConstraint', 'Maximum intermediates below', numberValue(data.pathLen))]
      : []),
  ],
};
