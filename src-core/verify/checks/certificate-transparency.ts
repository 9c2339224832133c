/**
 * Certificate Transparency as Chrome, Safari and Firefox require it under their public roots
 * (docs/clients.md §3.2): embedded SCTs from 2 distinct logs for a leaf valid up to 180 days, 3
 * beyond; leaves from before 2018-05-01 exempt. Only the count can be judged: without a CT log
 * list the SCTs' signatures, logs and operators are not checked, and the findings say so.
 */
import type { VerifyCert } from '../cert';
import { finding } from '../findings';
import { anchoredPublicly, type PathCheck } from './types';

const day = 86_400_000;
const requiredSince = new Date('2018-05-01T00:00:00Z');

/** The embedded v1 SCTs' timestamps, distinct logs and earliest time; an unreadable list counts as none. */
export function embeddedScts(leaf: VerifyCert): { timestamps: Date[]; logs: number; earliest?: Date } {
  return leaf.sctList && !('error' in leaf.sctList) ? leaf.sctList : { timestamps: [], logs: 0 };
}

export const certificateTransparencyCheck: PathCheck<'certificate-transparency'> = {
  name: 'certificate-transparency',
  scope: 'path',
  codes: ['ct-insufficient', 'ct-unchecked'],
  summary: 'a leaf under a public root carries embedded SCTs from enough logs (counted, not verified)',
  optional: true,
  run(path, context) {
    const leaf = path.chain[0];
    if (
      context.purpose !== 'serverAuth' ||
      !anchoredPublicly(path, context) ||
      leaf.notBefore < requiredSince
    )
      return [];
    const lifetime = leaf.notAfter.getTime() - leaf.notBefore.getTime();
    const needed = lifetime <= 180 * day ? 2 : 3;
    const { timestamps, logs } = embeddedScts(leaf);
    const counted = `${timestamps.length} embedded SCT${timestamps.length === 1 ? '' : 's'} from ${logs} log${logs === 1 ? '' : 's'}`;
    const caveat = 'signatures and log states not checked (no CT log list)';
    if (logs < needed)
      return [
        finding(
          'ct-insufficient',
          leaf.sha256,
          `${counted}; ${context.rules.clientName} needs ${needed} for this lifetime; ${caveat}`,
        ),
      ];
    return [
      finding(
        'ct-unchecked',
        leaf.sha256,
        `${counted}: enough for ${context.rules.clientName}'s count; ${caveat}`,
      ),
    ];
  },
};
