/**
 * Revocation of every certificate below the anchor: online evidence when the caller fetched some
 * (no usable answer is a warning, an error when CRLs were also given), else the CRLs given, which
 * must cover each certificate (fail closed: the caller asked for revocation).
 */
import { finding, type Finding } from '../findings';
import type { RevocationCheck } from '../revocation';
import type { CheckContext, PathCheck, PathOutcome, PathUnderCheck } from './types';

export const revocationCheck: PathCheck<'revocation'> = {
  name: 'revocation',
  scope: 'path',
  codes: ['revoked', 'revocation-unknown'],
  summary: 'no certificate is revoked, by the online evidence or the CRLs given',
  run(path, context) {
    // Without revocation inputs (the usual verdict) the answer comes at once, not as a promise.
    return context.revocation ? checkRevocation(path, context) : [];
  },
};

async function checkRevocation(
  path: PathUnderCheck,
  { at, revocation: inputs, budget }: CheckContext,
): Promise<Finding[] | PathOutcome> {
  if (!inputs) return [];
  const { chain, last } = path;
  const findings: Finding[] = [];
  const crlOptions = inputs.crlOptions(path);
  if (inputs.online) {
    const revocation: RevocationCheck[] = [];
    for (let i = 0; i < last; i++) {
      budget.spend('crlChecks', inputs.online.crls.length + 1);
      const check = await inputs.checkFetchedRevocation(
        chain[i],
        chain[i + 1],
        inputs.online.bySha.get(chain[i].sha256),
        inputs.online.crls,
        at,
        crlOptions,
      );
      revocation.push(check);
      if (check.status === 'revoked') findings.push(finding('revoked', chain[i].sha256, check.detail));
      if (check.status === 'unknown')
        findings.push(
          finding(
            'revocation-unknown',
            chain[i].sha256,
            check.detail,
            inputs.crls.length ? 'error' : undefined,
          ),
        );
    }
    revocation.push({
      sha256: chain[last].sha256,
      method: 'none',
      urls: [],
      status: 'not-checked',
      detail: path.anchored
        ? 'a trust anchor is trusted as it is'
        : chain.length > 1
          ? 'its issuer was not found'
          : 'its issuer was not found (or it signed itself)',
    });
    return { findings, revocation };
  }
  if (!inputs.crls.length) return [];
  for (let i = 0; i < last; i++) {
    budget.spend('crlChecks', inputs.crls.length);
    const status = await inputs.checkRevocation(chain[i], chain[i + 1], inputs.crls, at, crlOptions);
    if (status.status === 'revoked')
      findings.push(finding('revoked', chain[i].sha256, inputs.describeRevoked(status)));
    if (status.status === 'unknown')
      findings.push(finding('revocation-unknown', chain[i].sha256, status.reason, 'error'));
    if (status.status === 'no-crl')
      findings.push(
        finding('revocation-unknown', chain[i].sha256, 'no CRL that covers it was given', 'error'),
      );
  }
  return findings;
}
