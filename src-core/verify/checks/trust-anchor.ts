/** The path reaches a trust anchor; if not, why not: an unknown root, a self-signed leaf, no issuer. */
import { finding } from '../findings';
import { verifySignature } from '../../crypto/signature';
import type { PathCheck } from './types';

export const trustAnchorCheck: PathCheck<'trust-anchor'> = {
  name: 'trust-anchor',
  scope: 'path',
  codes: ['untrusted-root', 'self-signed-leaf', 'unknown-issuer'],
  summary: 'the path ends at a trust anchor of the stores in use',
  run(path, { budget }) {
    // An anchored path (the usual verdict) is answered at once, not as a promise.
    if (path.anchored) return [];
    const top = path.chain[path.last];
    if (top.selfIssued && path.chain.length > 1) return [finding('untrusted-root', top.sha256)];
    if (top.selfIssued) {
      budget.spend('signatures');
      return verifySignature(top, top).then((verdict) => [
        finding(verdict === 'valid' ? 'self-signed-leaf' : 'unknown-issuer', top.sha256),
      ]);
    }
    return [finding('unknown-issuer', top.sha256)];
  },
};
