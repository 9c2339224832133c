/** The caller's maximum depth, counting logical intermediates: a self-issued one (key rollover) adds none. */
import { finding } from '../findings';
import type { PathCheck } from './types';

export const depthCheck: PathCheck<'depth'> = {
  name: 'depth',
  scope: 'path',
  codes: ['depth-exceeded'],
  summary: 'no more intermediates than the caller allows',
  run({ chain, anchored }, { maxDepth, rules }) {
    if (maxDepth === undefined) return [];
    const intermediates = chain
      .slice(1, anchored ? -1 : undefined)
      .filter((cert) => !cert.selfIssued || rules.depthCountsSelfIssued).length;
    return intermediates > maxDepth ? [finding('depth-exceeded', chain[0].sha256)] : [];
  },
};
