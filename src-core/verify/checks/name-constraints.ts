/**
 * The name constraints of every CA above a certificate (RFC 5280 §4.2.1.10); a self-issued
 * intermediate is exempt. Comparisons are spent from the budget, per path and per verdict.
 */
import { finding, type Finding } from '../findings';
import { checkNameConstraints, preparedNamesOf } from '../names';
import { constraintsHeld, type CertificateCheck } from './types';

export const nameConstraintsCheck: CertificateCheck<'name-constraints'> = {
  name: 'name-constraints',
  scope: 'certificate',
  codes: ['name-constraint-violation'],
  summary: 'every name is within the name constraints of each CA above',
  run(cert, index, path, context) {
    const { chain, last } = path;
    if (index > 0 && cert.selfIssued) return [];
    const findings: Finding[] = [];
    for (let j = index + 1; j <= last; j++) {
      const constraints = chain[j].nameConstraints;
      if (!constraints || !constraintsHeld(path, j, context, 'other')) continue;
      const violation = checkNameConstraints(
        preparedNamesOf(cert, index === 0),
        constraints,
        context.budget,
        context.rules.literalWildcardConstraints,
      );
      if (violation) findings.push(finding('name-constraint-violation', cert.sha256, violation));
    }
    return findings;
  },
};
