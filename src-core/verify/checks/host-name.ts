/** The leaf is valid for the name asked for (RFC 6125 as browsers apply it: SANs only, no CN). */
import { finding, type Finding } from '../findings';
import { leafMatchesName } from '../names';
import type { PathCheck } from './types';

export const hostNameCheck: PathCheck<'host-name'> = {
  name: 'host-name',
  scope: 'path',
  codes: ['missing-san', 'hostname-mismatch'],
  summary: "the leaf's subject alternative names cover the host, IP address or email asked for",
  run({ chain: [leaf] }, { host }) {
    if (!host) return [];
    const findings: Finding[] = [];
    if (!leaf.san) findings.push(finding('missing-san', leaf.sha256));
    if (!leafMatchesName(leaf, host)) findings.push(finding('hostname-mismatch', leaf.sha256, host.value));
    return findings;
  },
};
