/** Each certificate's signature verifies with its issuer's key. */
import { finding } from '../findings';
import { oversizedKey } from '../../crypto/key-bounds';
import { verifySignature } from '../../crypto/signature';
import type { LinkCheck } from './types';

export const signatureCheck: LinkCheck<'signature'> = {
  name: 'signature',
  scope: 'link',
  codes: ['bad-signature', 'key-too-large'],
  summary: "the issuer's key made the certificate's signature",
  async run({ child, issuer, index }, path, { budget }) {
    budget.spend('signatures');
    const verdict = await verifySignature(child, issuer, path.dsaParameters[index + 1]);
    if (verdict === 'valid') return [];
    // A key too large to compute with was never tried: say that, not "bad signature".
    const oversized =
      verdict === 'unsupported' ? oversizedKey(issuer, path.dsaParameters[index + 1]) : undefined;
    if (oversized) return [finding('key-too-large', issuer.sha256, oversized)];
    return [
      finding(
        'bad-signature',
        child.sha256,
        verdict === 'unsupported' ? 'unsupported signature algorithm or key' : undefined,
      ),
    ];
  },
};
