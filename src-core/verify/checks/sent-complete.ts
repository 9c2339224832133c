/** Every intermediate of the chosen, anchored path was sent (not fetched or found in a store). */
import { finding } from '../findings';
import type { SentCheck } from './types';

export const sentCompleteCheck: SentCheck<'sent-complete'> = {
  name: 'sent-complete',
  scope: 'sent',
  codes: ['incomplete-chain'],
  summary: 'the intermediates the path needs were all sent',
  run({ presented, presentedShas, chosen }) {
    // Nothing sent (a file of one certificate, say): nothing to judge.
    if (!chosen.anchored || presented.length === 0) return [];
    const missing = chosen.chain.slice(1, -1).find((cert) => !presentedShas.has(cert.sha256));
    return missing ? [finding('incomplete-chain', missing.sha256)] : [];
  },
};
