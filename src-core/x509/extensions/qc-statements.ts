/** qcStatements (RFC 3739, ETSI EN 319 412-5): qualified-certificate statements, shown by name. */
import { childrenOf, expectTag, readOid, universalTags } from '../../asn1/der';
import { oidValue, topFields } from './common';
import { bytesValue, node, type ExtensionSpec } from './nodes';

const qcStatementNames: Record<string, string> = {
  '0.4.0.1862.1.1': 'QcCompliance',
  '0.4.0.1862.1.2': 'QcLimitValue',
  '0.4.0.1862.1.3': 'QcRetentionPeriod',
  '0.4.0.1862.1.4': 'QcSSCD',
  '0.4.0.1862.1.5': 'QcPDS',
  '0.4.0.1862.1.6': 'QcType',
  '1.3.6.1.5.5.7.11.2': 'id-qcs-pkixQCSyntax-v2',
  '0.4.0.19495.2': 'PSD2',
};

export const qcStatements: ExtensionSpec<{ oid: string; info?: Uint8Array }[]> = {
  read: (value) =>
    topFields(value, 'qcStatements').map((statement) => {
      const [id, info] = childrenOf(
        value,
        expectTag(statement, universalTags.sequence, 'QC statement', statement.start),
      );
      const oid = readOid(value, expectTag(id, universalTags.oid, 'statement id', statement.start));
      return { oid, ...(info ? { info: value.subarray(info.start, info.end) } : {}) };
    }),
  nodes: (statements) =>
    statements.map(({ oid, info }) =>
      node(
        'statement',
        'Statement',
        oidValue(oid, qcStatementNames),
        info ? [node('info', 'Information', bytesValue(info))] : undefined,
      ),
    ),
};
