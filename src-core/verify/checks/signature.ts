/** Each certificate's signature verifies with its issuer's key. */
import { finding } from '../findings';
import { verifySignature } from '../signature';
import type { LinkCheck } from './types';

export const signatureCheck: LinkCheck<'signature'> = {
  name: 'signature',
  scope: 'link',
  codes: ['bad-signature'],
  summary: "the issuer's key made the certificate's signature",
  async run({ child, issuer, index }, path, { budget }) {
    budget.spend('signatures');
    const verdict = await verifySignature(child, issuer, path.dsaParameters[index + 1]);
    if (verdict === 'valid') return [];
    return [
      finding(
        'bad-signature',
        child.sha256,
        verdict === 'unsupported' ? 'unsupported signature algorithm or key' : undefined,
      ),
    ];
  },
};
