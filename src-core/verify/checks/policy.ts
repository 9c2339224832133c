/** Certificate policies (RFC 5280 §6.1.3 d–f, 6.1.4, 6.1.5), from below the anchor down to the leaf. */
import { finding } from '../findings';
import { processPolicies } from '../policy';
import type { PathCheck } from './types';

export const policyCheck: PathCheck<'policy'> = {
  name: 'policy',
  scope: 'path',
  codes: ['policy-violation'],
  summary: 'a certificate policy acceptable to the caller is valid along the whole path',
  run(path, { policy, budget }) {
    if (!path.anchored) return [];
    const problem = processPolicies(path.chain.slice(0, path.last).reverse(), policy, budget);
    return problem ? [finding('policy-violation', path.chain[0].sha256, problem)] : [];
  },
};
