/**
 * Every finding the verifier can report: a stable code, a severity, what it means in plain words
 * (who signed what) and how to fix it. One table; docs/findings.md is generated from it.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface FindingDefinition {
  severity: Severity;
  title: string;
  /** What it means, for someone who doesn't live in PKI. */
  explanation: string;
  fix: string;
}

export const findingDefinitions = {
  'untrusted-root': {
    severity: 'error',
    title: 'Root not trusted',
    explanation:
      'The chain ends at a root certificate that is in none of the trust stores in use. A root vouches only for itself, so nothing a browser already trusts vouches for this chain.',
    fix: 'Use a certificate from a publicly trusted CA, or add this root to the trust store of every client that must trust it (for internal PKIs).',
  },
  'unknown-issuer': {
    severity: 'error',
    title: 'Issuer not found',
    explanation:
      'No certificate was found that could have signed this one: not among what the server sent, not in the trust stores, not via the AIA link. The chain stops here.',
    fix: 'Look at the issuer this certificate names. If it is an intermediate, send it from the server, in order after the certificate it signed. If it is a root (a private or internal CA, or one this client lacks), nothing the server sends can fix it: add that root to the trust store of every client that must trust it, or use a certificate from a publicly trusted CA.',
  },
  'incomplete-chain': {
    severity: 'warning',
    title: 'Incomplete chain',
    explanation:
      'The server does not send every intermediate certificate needed to reach a trusted root. Browsers that cache or download intermediates cope; many other clients (curl, Java, Android apps, IoT devices) fail.',
    fix: 'Configure the server with the full chain: the leaf, then each intermediate up to (not including) the root. Certscope offers the fixed chain to download.',
  },
  'wrong-order': {
    severity: 'warning',
    title: 'Certificates out of order',
    explanation:
      'The server sends the certificates in an order where a certificate is not followed by the one that signed it. RFC 8446 tolerates it, but older clients fail.',
    fix: 'Order the chain file leaf first, then the intermediate that signed it, then the next one up.',
  },
  'extra-certificate': {
    severity: 'warning',
    title: 'Unneeded certificate sent',
    explanation:
      'The server sends a certificate that is not part of the path to the trusted root. It wastes bytes in every handshake and can confuse some clients.',
    fix: 'Remove the certificate from the server’s chain file.',
  },
  'duplicate-certificate': {
    severity: 'warning',
    title: 'Certificate sent twice',
    explanation: 'The same certificate appears more than once in what the server sends.',
    fix: 'Remove the repeated certificate from the server’s chain file.',
  },
  'anchor-sent': {
    severity: 'info',
    title: 'Root certificate sent',
    explanation:
      'The server sends the root certificate itself. Clients must already have the root to trust it, so sending it only adds bytes.',
    fix: 'You can remove the root from the server’s chain file.',
  },
  'local-anchor-only': {
    severity: 'warning',
    title: 'Trusted only by a local store',
    explanation:
      'The chain is trusted only through a root in this machine’s own store or your own anchors, not the public one. That is what TLS interception by a proxy or antivirus looks like — or an internal CA.',
    fix: 'If you did not install that root on purpose, find out what did. Public sites should chain to a public root.',
  },
  expired: {
    severity: 'error',
    title: 'Expired',
    explanation: 'The certificate’s validity period has ended. Clients reject expired certificates.',
    fix: 'Renew the certificate and install the new one (with its chain).',
  },
  'not-yet-valid': {
    severity: 'error',
    title: 'Not yet valid',
    explanation:
      'The certificate’s validity period has not started yet. Either it was installed too early or a clock is wrong.',
    fix: 'Check the server’s and client’s clocks, or wait until the start date.',
  },
  'expires-soon': {
    severity: 'warning',
    title: 'Expires soon',
    explanation: 'The certificate expires within the warning threshold.',
    fix: 'Renew it now, and automate renewal (ACME) if you can.',
  },
  'bad-signature': {
    severity: 'error',
    title: 'Signature does not verify',
    explanation:
      'The certificate claims an issuer, but the issuer’s key did not produce its signature. It was altered, or the issuer is a different certificate with the same name.',
    fix: 'Reissue the certificate, or send the right intermediate.',
  },
  'hostname-mismatch': {
    severity: 'error',
    title: 'Wrong host name',
    explanation:
      'The certificate is not valid for the host name you asked for: none of its subject alternative names match.',
    fix: 'Get a certificate that lists this host name (or a matching wildcard), or connect using a name the certificate lists.',
  },
  'self-signed-leaf': {
    severity: 'error',
    title: 'Self-signed certificate',
    explanation: 'The server’s certificate signed itself; no authority vouches for it.',
    fix: 'Get a certificate from a trusted CA (Let’s Encrypt is free), or trust this certificate explicitly on every client.',
  },
  'not-a-ca': {
    severity: 'error',
    title: 'Issuer is not a CA',
    explanation:
      'A certificate that signed another one is not allowed to act as a certificate authority (basicConstraints CA is missing or false).',
    fix: 'The issuing certificate must be a CA certificate: reissue the chain from a proper intermediate.',
  },
  'path-length-exceeded': {
    severity: 'error',
    title: 'Too many intermediates',
    explanation:
      'A CA certificate limits how many CAs may sit below it (pathLenConstraint), and this chain has more.',
    fix: 'Issue from a CA whose path length allows it, or shorten the chain.',
  },
  'issuer-key-usage': {
    severity: 'error',
    title: 'Issuer may not sign certificates',
    explanation: 'The issuing certificate’s key usage does not include certificate signing (keyCertSign).',
    fix: 'Reissue the intermediate with keyCertSign in its key usage.',
  },
  'leaf-key-usage': {
    severity: 'warning',
    title: 'Key usage does not allow TLS',
    explanation:
      'The certificate’s key usage does not allow what TLS needs (digitalSignature, or keyEncipherment for RSA key exchange).',
    fix: 'Reissue the certificate with digitalSignature in its key usage.',
  },
  'eku-mismatch': {
    severity: 'error',
    title: 'Not for this purpose',
    explanation:
      'The certificate (or a CA above it) restricts its extended key usage, and the purpose asked for (server or client authentication) is not included.',
    fix: 'Reissue the certificate with the right extended key usage (serverAuth for web servers).',
  },
  'name-constraint-violation': {
    severity: 'error',
    title: 'Outside the CA’s allowed names',
    explanation:
      'A CA above this certificate may only issue for certain names (name constraints), and this certificate names something outside them.',
    fix: 'Issue the certificate from a CA that is allowed to issue for this name.',
  },
  'unknown-critical-extension': {
    severity: 'error',
    title: 'Unknown critical extension',
    explanation:
      'The certificate carries an extension marked critical that the verifier does not understand; RFC 5280 requires rejecting it.',
    fix: 'Reissue the certificate without that extension, or mark it non-critical.',
  },
  'key-too-large': {
    severity: 'error',
    title: 'Key too large to check',
    explanation:
      'The certificate’s public key has parameters far beyond what any client accepts (a DSA prime over 3,072 bits or a subgroup over 256 bits, an RSA modulus over 16,384 bits). Checking a signature with it would take minutes of arithmetic, so Certscope did not — nor would a browser or TLS library, which refuse such keys. A key like this is a mistake or an attempt to stall whoever checks it.',
    fix: 'Issue the certificate with a standard key: RSA 2048–4096 bits, or ECDSA P-256 or P-384.',
  },
  'weak-key': {
    severity: 'error',
    title: 'Weak key',
    explanation:
      'The key is too small to be safe (RSA below 2048 bits, or an elliptic curve below 256 bits). Browsers reject it.',
    fix: 'Generate a new key (RSA 2048+ or ECDSA P-256) and reissue the certificate.',
  },
  'weak-signature': {
    severity: 'error',
    title: 'Weak signature algorithm',
    explanation:
      'The certificate is signed with MD5 or SHA-1, which can be forged. Browsers stopped accepting SHA-1 certificates in 2017.',
    fix: 'Reissue the certificate with SHA-256 or stronger.',
  },
  revoked: {
    severity: 'error',
    title: 'Revoked',
    explanation:
      'The issuing CA has revoked this certificate — its OCSP responder, its CRL or the stapled OCSP response says so: it must no longer be trusted. The detail says which answer and from where.',
    fix: 'Replace the certificate with a newly issued one (and the key, if it was revoked for key compromise).',
  },
  'revocation-unknown': {
    severity: 'warning',
    title: 'Revocation status unknown',
    explanation:
      'Revocation was asked for, but no usable answer came back for this certificate: the OCSP responder or CRL server could not be reached or took too long, sent something unreadable, stale or not signed by the certificate’s CA, or the certificate names neither (or the CRLs given don’t cover it). Nothing says it is revoked — and nothing says it is not.',
    fix: 'Check that the OCSP responder or CRL distribution point in the certificate is reachable over http and answers with a current response signed by the issuing CA; the detail says what went wrong.',
  },
  'long-validity': {
    severity: 'warning',
    title: 'Validity too long',
    explanation:
      'Publicly trusted TLS certificates issued since September 2020 may be valid for at most 398 days; browsers reject longer ones.',
    fix: 'Reissue with a shorter validity period.',
  },
  'missing-san': {
    severity: 'error',
    title: 'No subject alternative names',
    explanation:
      'The certificate has no subjectAltName extension. Browsers only check host names there; the common name alone has not counted since 2017.',
    fix: 'Reissue the certificate with the host names in the subjectAltName extension.',
  },
  'cn-not-in-san': {
    severity: 'info',
    title: 'Common name not in SANs',
    explanation:
      'The subject’s common name is not among the subject alternative names. Harmless for browsers, confusing for people.',
    fix: 'List the common name among the SANs when reissuing.',
  },
  'policy-violation': {
    severity: 'error',
    title: 'No acceptable certificate policy',
    explanation:
      'A CA in the path requires an explicit certificate policy (or the policies asked for), and no policy is valid all the way from the root to this certificate.',
    fix: 'Issue the certificate under a policy every CA above it accepts, or check the policy mappings of the intermediates.',
  },
  'profile-violation': {
    severity: 'error',
    title: 'Breaks the certificate profile',
    explanation:
      'The certificate breaks a rule of the RFC 5280 certificate profile that strict clients enforce (for example a missing key identifier, a critical flag where none is allowed, or an invalid name).',
    fix: 'Reissue the certificate with a conforming CA; the detail says which rule.',
  },
  'non-strict-der': {
    severity: 'error',
    title: 'Not strict DER',
    explanation:
      'The certificate’s encoding breaks the DER rules (BER lengths, a negative or zero serial number, loosely formatted times). Lenient parsers read it; browsers refuse it.',
    fix: 'Reissue the certificate with a conforming CA.',
  },
  'must-staple-missing': {
    severity: 'error',
    title: 'Must-staple without a stapled response',
    explanation:
      'The certificate demands that the server staple an OCSP response (TLS feature must-staple), and the server did not.',
    fix: 'Enable OCSP stapling on the server.',
  },
  'ocsp-stapled-invalid': {
    severity: 'warning',
    title: 'Stapled OCSP response unusable',
    explanation:
      'The server stapled an OCSP response that could not be read or does not match this certificate.',
    fix: 'Check the server’s OCSP stapling configuration.',
  },
  'depth-exceeded': {
    severity: 'error',
    title: 'Chain too long',
    explanation: 'The path to a trusted root is longer than the maximum depth allowed.',
    fix: 'Shorten the chain.',
  },
  'legacy-tls-version': {
    severity: 'warning',
    title: 'TLS older than 1.2',
    explanation:
      'The server negotiated TLS 1.1, TLS 1.0 or SSL 3.0. Browsers refuse these versions (since 2020), and so do current curl, Java and Go by default: only old clients can still connect, whatever the certificate says.',
    fix: 'Enable TLS 1.2 and TLS 1.3 on the server, and turn the older versions off.',
  },
  // ---- client profiles (issue 14): rules some clients apply and today's verdict does not ----
  'ct-insufficient': {
    severity: 'error',
    title: 'Not enough Certificate Transparency proof',
    explanation:
      'Chrome, Safari and Firefox refuse a certificate from a publicly trusted CA unless it carries signed certificate timestamps (SCTs) from enough Certificate Transparency logs: two for a certificate valid up to 180 days, three for a longer one. This one carries fewer. Certscope counts the SCTs embedded in the certificate; it cannot check their signatures or the logs’ state without a CT log list, which it does not ship.',
    fix: 'Ask the CA to reissue the certificate with embedded SCTs (every public CA does by default), or have the server send SCTs in the TLS extension.',
  },
  'ct-unchecked': {
    severity: 'info',
    title: 'Certificate Transparency: counted, not verified',
    explanation:
      'The certificate carries enough signed certificate timestamps (SCTs) for the client’s count. Certscope cannot check the SCTs’ signatures, nor that their logs are ones the client accepts, without a CT log list (which it does not ship): the client may still refuse if a log is unknown or retired.',
    fix: 'Nothing to do unless the client refuses; then check the SCTs with the CA or a CT monitor.',
  },
  'distrusted-root': {
    severity: 'error',
    title: 'Root distrusted for new certificates',
    explanation:
      'The client still trusts this root, but only for certificates issued before a date (Chrome’s Root Store constraints, Java’s distrust policies). This certificate was issued after it — judged by its earliest embedded SCT timestamp, else by its notBefore date, since a certificate does not record when it was signed. The detail says which date and which estimate.',
    fix: 'Replace the certificate with one from a CA the client trusts without a date limit.',
  },
  'blocked-certificate': {
    severity: 'error',
    title: 'Blocked by the client',
    explanation:
      'The client’s root program explicitly distrusts this certificate (Microsoft’s disallowed list, or the roots Java removed and blocks): nothing that chains through it is trusted, even if a user adds it back.',
    fix: 'Use a certificate from a CA the client trusts.',
  },
  // ---- end of client profiles ----
  'too-much-work': {
    severity: 'error',
    title: 'Verification stopped: too much work',
    explanation:
      'Checking this chain would take more work than Certscope allows for one verdict: thousands of names against thousands of name constraints, a tangle of look-alike certificates to try, a policy tree that keeps growing, or too many signatures or CRLs. Certscope stops rather than freeze, so it cannot say the chain is trusted — and real clients, which have similar limits, refuse such chains too. The detail says which limit was reached.',
    fix: 'Issue the certificate with fewer names, from CAs with fewer name constraints or policies, and send only the certificates the chain needs. If the chain comes from a server you do not control, treat it as hostile.',
  },
} as const satisfies Record<string, FindingDefinition>;

export type FindingCode = keyof typeof findingDefinitions;

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** SHA-256 of the certificate it is about, where it is about one. */
  certificate?: string;
  /** Details for the message (e.g. the host, the days left). */
  detail?: string;
}

export function finding(
  code: FindingCode,
  certificate?: string,
  detail?: string,
  severity?: Severity,
): Finding {
  return {
    code,
    severity: severity ?? findingDefinitions[code].severity,
    ...(certificate ? { certificate } : {}),
    ...(detail ? { detail } : {}),
  };
}

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
