/** Microsoft's extensions: certificate template (name and OID, versions), CA version, previous CA hash. */
import { expectTag, readOid, readSmallInteger, readWhole, universalTags } from '../../asn1/der';
import { oidValue, topFields } from './common';
import { node, numberValue, type ExtensionSpec } from './nodes';

export const microsoftTemplate: ExtensionSpec<{ templateId: string; major?: number; minor?: number }> = {
  read(value) {
    const [id, major, minor] = topFields(value, 'certificate template');
    return {
      templateId: readOid(value, expectTag(id, universalTags.oid, 'template id', 0)),
      ...(major ? { major: readSmallInteger(value, major) } : {}),
      ...(minor ? { minor: readSmallInteger(value, minor) } : {}),
    };
  },
  nodes: (data) => [
    node('templateID', 'Template', oidValue(data.templateId)),
    ...(data.major !== undefined ? [node('majorVersion', 'Major version', numberValue(data.major))] : []),
    ...(data.minor !== undefined ? [node('minorVersion', 'Minor version', numberValue(data.minor))] : []),
  ],
};

export const microsoftCaVersion: ExtensionSpec<number> = {
  read: (value) =>
    readSmallInteger(value, expectTag(readWhole(value), universalTags.integer, 'CA version', 0)),
  nodes: (version) => [
    node('certificateIndex', 'Certificate renewals', numberValue(version & 0xffff)),
    node('keyIndex', 'Key renewals', numberValue(Math.floor(version / 0x10000))),
  ],
};
