/** A stapled OCSP response is usable, about the leaf, and says it is not revoked. */
import { finding } from '../findings';
import type { PathCheck } from './types';

export const stapledOcspCheck: PathCheck<'stapled-ocsp'> = {
  name: 'stapled-ocsp',
  scope: 'path',
  codes: ['revoked', 'ocsp-stapled-invalid'],
  summary: 'the stapled OCSP response is current, signed for the leaf, and not "revoked"',
  async run({ chain }, { stapledOcsp, at, budget }) {
    if (!stapledOcsp || chain.length < 2) return [];
    budget.spend('signatures');
    const { checkOcspResponse } = await import('../ocsp');
    const leaf = chain[0];
    const verdict = await checkOcspResponse(stapledOcsp, leaf, chain[1], {
      at,
      label: 'the stapled OCSP response',
    });
    if (verdict.status === 'revoked')
      return [finding('revoked', leaf.sha256, 'according to the stapled OCSP response')];
    if (verdict.status !== 'good') return [finding('ocsp-stapled-invalid', leaf.sha256, verdict.problem)];
    return [];
  },
};
