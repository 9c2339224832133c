/** The server sends the trust anchor itself (or a copy of it): harmless bytes. */
import { finding } from '../findings';
import { sameKey } from '../known-certs';
import type { SentCheck } from './types';

export const anchorSentCheck: SentCheck<'anchor-sent'> = {
  name: 'anchor-sent',
  scope: 'sent',
  codes: ['anchor-sent'],
  summary: 'whether the trust anchor itself was sent',
  run({ presented, chosen }) {
    if (!chosen.anchored) return [];
    const anchor = chosen.chain[chosen.last];
    const sent = presented.find((cert) => cert && (cert.sha256 === anchor.sha256 || sameKey(cert, anchor)));
    return sent ? [finding('anchor-sent', sent.sha256)] : [];
  },
};
