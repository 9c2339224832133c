/** A must-staple leaf (TLS feature status_request) came with a stapled OCSP response. */
import { finding } from '../findings';
import type { PathCheck } from './types';

export const mustStapleCheck: PathCheck<'must-staple'> = {
  name: 'must-staple',
  scope: 'path',
  codes: ['must-staple-missing'],
  summary: 'a must-staple leaf came with a stapled OCSP response',
  run({ chain }, { stapledOcsp }) {
    const leaf = chain[0];
    return stapledOcsp === null && leaf.mustStaple ? [finding('must-staple-missing', leaf.sha256)] : [];
  },
};
