/** Each certificate's signature verifies with its issuer's key. */
import { finding, type Finding } from '../findings';
import { oversizedKey } from '../../crypto/key-bounds';
import { verifySignatureNow, type SignatureVerdict } from '../../crypto/signature';
import type { VerifyCert } from '../cert';
import type { LinkCheck } from './types';

export const signatureCheck: LinkCheck<'signature'> = {
  name: 'signature',
  scope: 'link',
  codes: ['bad-signature', 'key-too-large'],
  summary: "the issuer's key made the certificate's signature",
  run({ child, issuer, index }, path, { budget }) {
    budget.spend('signatures');
    const inherited = path.dsaParameters[index + 1];
    // At once where the verdict is (the CLI's engine), else when WebCrypto gives it.
    const verdict = verifySignatureNow(child, issuer, inherited);
    return verdict instanceof Promise
      ? verdict.then((settled) => signatureFindings(settled, child, issuer, inherited))
      : signatureFindings(verdict, child, issuer, inherited);
  },
};

function signatureFindings(
  verdict: SignatureVerdict,
  child: VerifyCert,
  issuer: VerifyCert,
  inherited: Uint8Array | undefined,
): Finding[] {
  if (verdict === 'valid') return [];
  // A key too large to compute with was never tried: say that, not "bad signature".
  const oversized = verdict === 'unsupported' ? oversizedKey(issuer, inherited) : undefined;
  if (oversized) return [finding('key-too-large', issuer.sha256, oversized)];
  return [
    finding(
      'bad-signature',
      child.sha256,
      verdict === 'unsupported' ? 'unsupported signature algorithm or key' : undefined,
    ),
  ];
}
