/** The leaf is valid for the name asked for (RFC 6125 as browsers apply it: SANs only, no CN). */
import { finding, type Finding } from '../findings';
import { leafMatchesName } from '../names';
import type { PathCheck } from './types';

export const hostNameCheck: PathCheck<'host-name'> = {
  name: 'host-name',
  scope: 'path',
  codes: ['missing-san', 'hostname-mismatch'],
  summary: "the leaf's subject alternative names cover the host, IP address or email asked for",
  run({ chain }, { host, rules }) {
    const leaf = chain[0];
    if (!host) return [];
    const findings: Finding[] = [];
    const matches = leafMatchesName(leaf, host, rules);
    // Where the CN still counts, a leaf without SANs is only wrong when its CN doesn't match either.
    if (!leaf.san && !(matches && rules.commonNameFallback))
      findings.push(finding('missing-san', leaf.sha256));
    if (!matches) findings.push(finding('hostname-mismatch', leaf.sha256, host.value));
    return findings;
  },
};
