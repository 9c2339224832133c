/** The path's certificates that were sent come leaf first, each followed by its issuer. */
import { finding } from '../findings';
import type { SentCheck } from './types';

export const sentOrderCheck: SentCheck<'sent-order'> = {
  name: 'sent-order',
  scope: 'sent',
  codes: ['wrong-order'],
  summary: 'what was sent is in order: the leaf, then each issuer',
  run({ presented, chosen }) {
    const positions = chosen.chain
      .map((cert) => presented.findIndex((sent) => sent?.sha256 === cert.sha256))
      .filter((position) => position >= 0);
    const outOfOrder =
      positions.some((position, index) => index > 0 && position < positions[index - 1]) ||
      (positions.length > 0 && positions[0] !== 0);
    return outOfOrder ? [finding('wrong-order', presented[0]?.sha256)] : [];
  },
};
