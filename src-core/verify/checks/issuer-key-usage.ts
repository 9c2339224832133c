/** An issuer's key usage, when it has one, allows signing certificates. */
import { finding } from '../findings';
import type { LinkCheck } from './types';

export const issuerKeyUsageCheck: LinkCheck<'issuer-key-usage'> = {
  name: 'issuer-key-usage',
  scope: 'link',
  codes: ['issuer-key-usage'],
  summary: "each issuer's key usage allows keyCertSign",
  run({ issuer, issuerIsAnchor }, _path, { rules }) {
    return issuer.keyUsage && !issuer.keyUsage.has('keyCertSign') && (rules.anchorKeyUsage || !issuerIsAnchor)
      ? [finding('issuer-key-usage', issuer.sha256)]
      : [];
  },
};
