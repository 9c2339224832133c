/**
 * A trust anchor must be a self-signed root unless partial chains are allowed: OpenSSL without
 * X509_V_FLAG_PARTIAL_CHAIN (s_client, Node, Python ≤ 3.12) looks further for the issuer of a
 * trusted intermediate and fails when it isn't trusted (X509_V_ERR 2). Optional: the OpenSSL
 * profile selects it (docs/clients.md §3.7).
 */
import { finding } from '../findings';
import type { PathCheck } from './types';

export const anchorSelfSignedCheck: PathCheck<'anchor-self-signed'> = {
  name: 'anchor-self-signed',
  scope: 'path',
  codes: ['unknown-issuer'],
  summary: 'the trust anchor is a self-signed root (no partial chains)',
  optional: true,
  run({ chain, last, anchored }, { rules }) {
    const anchor = chain[last];
    if (!anchored || anchor.selfIssued) return [];
    return [
      finding(
        'unknown-issuer',
        anchor.sha256,
        `${rules.clientName} trusts only self-signed roots as anchors (no partial chains), and this trusted certificate's issuer is not trusted`,
      ),
    ];
  },
};
