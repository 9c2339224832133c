/** Every certificate sent is needed once: no duplicates, none outside the chosen path (a sent anchor aside). */
import { finding, type Finding } from '../findings';
import { sameKey } from '../known-certs';
import type { SentCheck } from './types';

export const sentExtrasCheck: SentCheck<'sent-extras'> = {
  name: 'sent-extras',
  scope: 'sent',
  codes: ['duplicate-certificate', 'extra-certificate'],
  summary: 'each certificate sent is part of the chosen path, and sent once',
  run({ presented, chosen }) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const onPath = new Set(chosen.chain.map((cert) => cert.sha256));
    const anchor = chosen.anchored ? chosen.chain[chosen.last] : undefined;
    for (const cert of presented) {
      if (!cert) continue;
      if (seen.has(cert.sha256)) {
        findings.push(finding('duplicate-certificate', cert.sha256));
        continue;
      }
      seen.add(cert.sha256);
      if (!onPath.has(cert.sha256) && !(anchor && sameKey(cert, anchor)))
        findings.push(finding('extra-certificate', cert.sha256));
    }
    return findings;
  },
};
