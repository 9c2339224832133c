/** A CA's pathLenConstraint counts the non-self-issued intermediates below it. */
import { finding, type Finding } from '../findings';
import { constraintsHeld, type PathCheck } from './types';

export const pathLengthCheck: PathCheck<'path-length'> = {
  name: 'path-length',
  scope: 'path',
  codes: ['path-length-exceeded'],
  summary: 'no CA has more CAs below it than its pathLenConstraint allows',
  run(path, context) {
    const { chain, last } = path;
    const findings: Finding[] = [];
    for (let j = 1; j <= last; j++) {
      if (!constraintsHeld(path, j, context, 'other')) continue;
      const pathLen = chain[j].basicConstraints?.pathLen;
      if (pathLen === undefined) continue;
      let below = 0;
      for (let k = 1; k < j; k++) if (!chain[k].selfIssued || context.rules.pathLenCountsSelfIssued) below++;
      if (below > pathLen) findings.push(finding('path-length-exceeded', chain[j].sha256));
    }
    return findings;
  },
};
