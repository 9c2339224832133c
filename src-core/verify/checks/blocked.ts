/** Certificates a client's root program explicitly distrusts (Microsoft's disallowed list, Java's blocked roots). */
import { finding, type Finding } from '../findings';
import type { PathCheck } from './types';

export const blockedCheck: PathCheck<'blocked'> = {
  name: 'blocked',
  scope: 'path',
  codes: ['blocked-certificate'],
  summary: "no certificate of the path is on the client's blocked list",
  optional: true,
  run({ chain }, { rules }) {
    const findings: Finding[] = [];
    for (const cert of chain)
      if (rules.blocked.has(cert.sha256))
        findings.push(finding('blocked-certificate', cert.sha256, `on ${rules.clientName}'s blocked list`));
    return findings;
  },
};
