/**
 * Roots a client trusts only for certificates issued before a date: Chrome Root Store constraints
 * (`sct_not_after_sec`), Java's distrust policies. A certificate doesn't record when it was
 * signed: the earliest embedded SCT timestamp stands for it, else notBefore (docs/clients.md §1),
 * and the finding says which. Without verified SCTs the answer is an estimate, and says so.
 */
import { finding } from '../findings';
import { embeddedScts } from './certificate-transparency';
import type { PathCheck } from './types';

export const rootDistrustCheck: PathCheck<'root-distrust'> = {
  name: 'root-distrust',
  scope: 'path',
  codes: ['distrusted-root'],
  summary: "certificates issued after a root's distrust date are refused (issuance estimated)",
  optional: true,
  run(path, { rules }) {
    if (!path.anchored) return [];
    const limit = rules.distrustAfter.get(path.chain[path.last].sha256);
    if (!limit) return [];
    const leaf = path.chain[0];
    const { earliest } = embeddedScts(leaf);
    const issued = earliest ?? leaf.notBefore;
    if (issued.getTime() <= limit.date.getTime()) return [];
    const estimate = earliest
      ? `its earliest embedded SCT is from ${day(earliest)} (SCT signatures not checked)`
      : `no embedded SCT, so its notBefore (${day(leaf.notBefore)}) stands for the issuance date`;
    return [finding('distrusted-root', leaf.sha256, `${rules.clientName}: ${limit.rule}; ${estimate}`)];
  },
};

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
