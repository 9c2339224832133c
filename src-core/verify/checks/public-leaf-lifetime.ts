/**
 * The 398-day limit as browsers apply it: only on paths to the client's built-in (public) roots,
 * never under a local anchor. Chrome compares notAfter − notBefore with 398 days whatever the
 * issuance date (docs/clients.md §3.1, `CR-proc`); optional: a client profile selects it.
 */
import { finding } from '../findings';
import { anchoredPublicly, type PathCheck } from './types';

const maxDays = 398;
const day = 86_400_000;

export const publicLeafLifetimeCheck: PathCheck<'public-leaf-lifetime'> = {
  name: 'public-leaf-lifetime',
  scope: 'path',
  codes: ['long-validity'],
  summary: 'a server leaf under a public root is valid for 398 days at most (local anchors exempt)',
  optional: true,
  run(path, context) {
    const leaf = path.chain[0];
    if (context.purpose !== 'serverAuth' || path.chain.length < 2 || !anchoredPublicly(path, context))
      return [];
    const lifetime = leaf.notAfter.getTime() - leaf.notBefore.getTime();
    if (lifetime <= maxDays * day) return [];
    return [
      finding(
        'long-validity',
        leaf.sha256,
        `${Math.round(lifetime / day)} days; ${context.rules.clientName} allows ${maxDays} under its public roots`,
      ),
    ];
  },
};
