/** Every issuer is a CA (basicConstraints cA); a v1 trust anchor is taken as one. */
import { finding } from '../findings';
import type { LinkCheck } from './types';

export const issuerIsCaCheck: LinkCheck<'issuer-is-ca'> = {
  name: 'issuer-is-ca',
  scope: 'link',
  codes: ['not-a-ca'],
  summary: 'each issuer may act as a CA (basicConstraints cA, or a version 1 trust anchor)',
  run({ issuer, issuerIsAnchor }) {
    if (issuer.basicConstraints?.ca || (issuerIsAnchor && issuer.version < 2)) return [];
    return [finding('not-a-ca', issuer.sha256)];
  },
};
