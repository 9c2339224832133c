/** tlsFeature (RFC 7633): TLS extensions the server must use; 5 (status_request) is must-staple. */
import { expectTag, readSmallInteger, universalTags } from '../../asn1/der';
import { topFields } from './common';
import { node, numberValue, type ExtensionSpec } from './nodes';

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
