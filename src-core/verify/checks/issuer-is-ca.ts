/** Every issuer is a CA (basicConstraints cA); a v1 trust anchor is taken as one. */
import { finding } from '../findings';
import type { LinkCheck } from './types';

export const issuerIsCaCheck: LinkCheck<'issuer-is-ca'> = {
  name: 'issuer-is-ca',
  scope: 'link',
  codes: ['not-a-ca'],
  summary: 'each issuer may act as a CA (basicConstraints cA, or a version 1 trust anchor)',
  run({ issuer, issuerIsAnchor }, _path, { rules }) {
    if (issuer.basicConstraints?.ca || (issuerIsAnchor && issuer.version < 2)) return [];
    // A v3 anchor without basicConstraints: some clients take it as a CA anyway.
    const lenient = rules.anchorWithoutBasicConstraints;
    if (issuerIsAnchor && !issuer.basicConstraints && lenient !== 'v1')
      if (lenient === 'any' || issuer.keyUsage?.has('keyCertSign')) return [];
    return [finding('not-a-ca', issuer.sha256)];
  },
};
