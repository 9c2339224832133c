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
  /** The rule's source, where it is a published requirement (a CA/B Forum BR section). */
  reference?: string;
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
  // CA/B Forum TLS Baseline Requirements (v2.2.6): the optional checks in checks/cabf/, which the
  // `cabf` client profile selects. `reference` is the BR section each rule comes from.
  'cabf-version': {
    severity: 'error',
    title: 'CA/B Forum: not a version 3 certificate',
    explanation:
      'The Baseline Requirements allow only X.509 version 3 certificates: older versions cannot carry the extensions (basic constraints, key usage, subject alternative names) that say what the certificate may do.',
    fix: 'Reissue the certificate as version 3 (every current CA software does by default).',
    reference: 'BR §7.1.1; version row of §7.1.2.1, §7.1.2.6, §7.1.2.7',
  },
  'cabf-unique-identifiers': {
    severity: 'error',
    title: 'CA/B Forum: unique identifiers present',
    explanation:
      'The certificate carries issuerUniqueID or subjectUniqueID, obsolete fields the Baseline Requirements forbid in every certificate profile.',
    fix: 'Reissue the certificate without unique identifiers.',
    reference: 'BR §7.1.2.1, §7.1.2.6, §7.1.2.7 (issuerUniqueID, subjectUniqueID: MUST NOT be present)',
  },
  'cabf-serial-not-positive': {
    severity: 'error',
    title: 'CA/B Forum: serial number zero or negative',
    explanation: 'A publicly trusted certificate’s serial number must be greater than zero.',
    fix: 'Reissue the certificate with a positive serial number made from at least 64 random bits.',
    reference: 'BR §7.1.2.1, §7.1.2.6, §7.1.2.7 (serialNumber)',
  },
  'cabf-serial-too-long': {
    severity: 'error',
    title: 'CA/B Forum: serial number too long',
    explanation:
      'The serial number is 2^159 or more, so it does not fit in the 20 octets RFC 5280 and the Baseline Requirements allow.',
    fix: 'Reissue the certificate with a serial number of at most 20 octets (159 bits of value).',
    reference: 'BR §7.1.2.1, §7.1.2.6, §7.1.2.7 (serialNumber: less than 2^159)',
  },
  'cabf-serial-low-entropy': {
    severity: 'warning',
    title: 'CA/B Forum: serial number too short to hold 64 random bits',
    explanation:
      'Serial numbers must contain at least 64 bits from a cryptographically secure random generator, which makes collision attacks on the signature impractical. Randomness cannot be seen in one certificate, but a serial number of fewer than 8 octets (under 64 bits of value) cannot hold 64 random bits — or had a random first byte that happened to be zero, which is why this is a warning.',
    fix: 'Have the CA generate serial numbers from at least 64 CSPRNG bits (most use 16 octets).',
    reference: 'BR §7.1.2.1, §7.1.2.6, §7.1.2.7 (serialNumber: at least 64 bits of CSPRNG output)',
  },
  'cabf-signature-algorithm': {
    severity: 'error',
    title: 'CA/B Forum: signature algorithm not allowed or wrongly encoded',
    explanation:
      'The Baseline Requirements list the only signature algorithms a CA may use, each with its exact encoding: RSA PKCS#1 v1.5 with SHA-256/384/512 and NULL parameters, RSA-PSS with SHA-256/384/512 and the matching salt, ECDSA with SHA-256/384/512 and no parameters. SHA-1, MD5, Ed25519 and any other encoding are not allowed.',
    fix: 'Reissue the certificate signed with one of the allowed algorithms (for example ECDSA with SHA-256, or RSA with SHA-256), encoded exactly as §7.1.3.2 gives it.',
    reference: 'BR §7.1.3.2',
  },
  'cabf-signature-algorithm-mismatch': {
    severity: 'error',
    title: 'CA/B Forum: the two signature algorithm fields differ',
    explanation:
      'A certificate names its signature algorithm twice, inside and outside the signed part; the two must be byte-for-byte identical.',
    fix: 'Reissue the certificate; CA software that produces differing fields is broken.',
    reference: 'BR §7.1.2.1, §7.1.2.6, §7.1.2.7 (signatureAlgorithm), §7.1.3.2',
  },
  'cabf-ecdsa-curve-hash': {
    severity: 'error',
    title: 'CA/B Forum: ECDSA hash does not match the issuer’s curve',
    explanation:
      'An ECDSA CA must sign with the hash that matches its curve: P-256 with SHA-256, P-384 with SHA-384, P-521 with SHA-512.',
    fix: 'Have the CA sign with the hash of its key’s curve.',
    reference: 'BR §7.1.3.2.2',
  },
  'cabf-issuer-name': {
    severity: 'error',
    title: 'CA/B Forum: issuer name not byte-for-byte the issuer’s subject',
    explanation:
      'The issuer field must repeat the issuing CA’s subject name exactly as it is encoded, not merely a name that compares equal (different string types or spacing break some clients’ path building).',
    fix: 'Reissue the certificate with the issuer name copied from the CA certificate’s subject bytes.',
    reference: 'BR §7.1.4.1; issuer row of §7.1.2.1, §7.1.2.6, §7.1.2.7',
  },
  'cabf-key-algorithm': {
    severity: 'error',
    title: 'CA/B Forum: key type not allowed',
    explanation:
      'Publicly trusted certificates may certify only RSA keys and ECDSA keys on P-256, P-384 or P-521. DSA, Ed25519, Ed448 and every other key type are forbidden.',
    fix: 'Generate an RSA (2048 bits or more) or ECDSA P-256/P-384 key and reissue the certificate.',
    reference: 'BR §6.1.5 (“No other algorithms or key sizes are permitted”), §7.1.3.1',
  },
  'cabf-rsa-key-encoding': {
    severity: 'error',
    title: 'CA/B Forum: RSA key wrongly encoded',
    explanation:
      'An RSA key must be labelled rsaEncryption with explicit NULL parameters (AlgorithmIdentifier bytes 300d06092a864886f70d0101010500); the RSASSA-PSS key OID and absent parameters are not allowed.',
    fix: 'Reissue the certificate with the key encoded as rsaEncryption with NULL parameters.',
    reference: 'BR §7.1.3.1.1',
  },
  'cabf-rsa-key-size': {
    severity: 'error',
    title: 'CA/B Forum: RSA key size not allowed',
    explanation:
      'An RSA modulus must be at least 2048 bits and a multiple of 8 bits. Odd sizes come from broken key generators.',
    fix: 'Generate an RSA key of 2048, 3072 or 4096 bits and reissue the certificate.',
    reference: 'BR §6.1.5',
  },
  'cabf-rsa-exponent': {
    severity: 'error',
    title: 'CA/B Forum: RSA public exponent not allowed',
    explanation: 'The RSA public exponent must be an odd number of at least 3.',
    fix: 'Generate a new key with the usual exponent 65537 and reissue the certificate.',
    reference: 'BR §6.1.6',
  },
  'cabf-rsa-exponent-range': {
    severity: 'warning',
    title: 'CA/B Forum: RSA public exponent outside the recommended range',
    explanation:
      'The RSA public exponent should be between 2^16+1 (65537) and 2^256−1; small exponents such as 3 have a history of implementation attacks.',
    fix: 'Generate a new key with exponent 65537.',
    reference: 'BR §6.1.6 (SHOULD)',
  },
  'cabf-ec-key': {
    severity: 'error',
    title: 'CA/B Forum: elliptic curve key not allowed or wrongly encoded',
    explanation:
      'An ECDSA key must be on P-256, P-384 or P-521, named by its curve OID with the exact AlgorithmIdentifier encoding the Baseline Requirements give; other curves and explicit curve parameters are not allowed.',
    fix: 'Generate a P-256 or P-384 key (named-curve encoding, the default) and reissue the certificate.',
    reference: 'BR §6.1.5, §7.1.3.1.2',
  },
  'cabf-name-encoding': {
    severity: 'error',
    title: 'CA/B Forum: subject name wrongly encoded',
    explanation:
      'The subject name breaks the Baseline Requirements’ name encoding: each RDN must hold exactly one attribute, an attribute may appear once (streetAddress and domainComponent excepted), the listed attributes must come in the order of §7.1.4.2 and use its string types (countryName a two-letter PrintableString, most others UTF8String or PrintableString) within its length limits (commonName 64 characters).',
    fix: 'Reissue the certificate with the subject encoded as §7.1.4 requires; the detail says which attribute is at fault.',
    reference: 'BR §7.1.4.1, §7.1.4.2',
  },
  'cabf-country-code': {
    severity: 'error',
    title: 'CA/B Forum: country is not an ISO 3166-1 code',
    explanation:
      'countryName must be a two-letter ISO 3166-1 alpha-2 code in capitals, or XX where no code has been assigned.',
    fix: 'Reissue the certificate with the right country code (for example GB, not UK).',
    reference: 'BR §7.1.2.7.3, §7.1.2.7.4, §7.1.2.10.2',
  },
  'cabf-subject-placeholder': {
    severity: 'error',
    title: 'CA/B Forum: subject attribute with no real value',
    explanation:
      'A subject attribute holds only metadata — dots, dashes, spaces, nothing, or a placeholder such as “n/a” — instead of verified information. Leave such an attribute out.',
    fix: 'Reissue the certificate without the empty or placeholder attribute.',
    reference: 'BR §7.1.2.7.3, §7.1.2.7.4, §7.1.2.7.5',
  },
  'cabf-extension-malformed': {
    severity: 'error',
    title: 'CA/B Forum: extension malformed or repeated',
    explanation: 'Every extension must be valid DER for its ASN.1 definition, and none may appear twice.',
    fix: 'Reissue the certificate with the extension encoded correctly, once.',
    reference: 'BR §7.1.2.11.5; RFC 5280 §4.2 (incorporated by BR §7.1.2)',
  },
  'cabf-extension-other': {
    severity: 'warning',
    title: 'CA/B Forum: extension outside the certificate profile',
    explanation:
      'The certificate carries an extension its Baseline Requirements profile does not list (root, subordinate CA or subscriber). Such extensions are not recommended: each must be needed, true in the public Internet and DER-encoded, and most add bytes without helping relying parties.',
    fix: 'Leave the extension out of new certificates unless the CA has a documented reason for it.',
    reference: 'BR §7.1.2.1.2, §7.1.2.6.1, §7.1.2.7.6 (“Any other extension”), §7.1.2.11.5',
  },
  'cabf-aki-missing': {
    severity: 'error',
    title: 'CA/B Forum: authority key identifier missing',
    explanation:
      'Subscriber and subordinate CA certificates must carry an authorityKeyIdentifier naming the issuing CA’s key, so clients pick the right issuer among several with the same name.',
    fix: 'Reissue the certificate with an authorityKeyIdentifier holding the issuer’s subjectKeyIdentifier.',
    reference: 'BR §7.1.2.6.1, §7.1.2.7.6, §7.1.2.11.1',
  },
  'cabf-aki-form': {
    severity: 'error',
    title: 'CA/B Forum: authority key identifier in the wrong form',
    explanation:
      'The authorityKeyIdentifier must be non-critical and hold only a keyIdentifier equal to the issuer’s subjectKeyIdentifier: no authorityCertIssuer or authorityCertSerialNumber (they pin the certificate to one issuer certificate and break cross-signing).',
    fix: 'Reissue the certificate with an authorityKeyIdentifier of the keyIdentifier form only, copied from the issuer’s subjectKeyIdentifier.',
    reference: 'BR §7.1.2.11.1',
  },
  'cabf-root-aki': {
    severity: 'error',
    title: 'CA/B Forum: root’s authority key identifier in the wrong form',
    explanation:
      'A root certificate’s authorityKeyIdentifier is RECOMMENDED; when present it must hold only a keyIdentifier identical to the root’s own subjectKeyIdentifier, with no issuer name or serial number.',
    fix: 'Reissue the root with an authorityKeyIdentifier equal to its subjectKeyIdentifier (keyIdentifier only).',
    reference: 'BR §7.1.2.1.2, §7.1.2.1.3',
  },
  'cabf-sct-list': {
    severity: 'error',
    title: 'CA/B Forum: SCT list malformed or critical',
    explanation:
      'The embedded Signed Certificate Timestamp list must be a non-critical extension holding a well-formed SignedCertificateTimestampList (RFC 6962 §3.3).',
    fix: 'Reissue the certificate with the SCT list the CT logs returned, encoded as RFC 6962 describes.',
    reference: 'BR §7.1.2.11.3',
  },
  'cabf-precertificate': {
    severity: 'error',
    title: 'CA/B Forum: precertificate used as a certificate',
    explanation:
      'The certificate carries the Certificate Transparency poison extension: it is a precertificate, made only to be logged, and no client accepts it. A certificate that also carries SCTs is inconsistent: SCTs belong in the final certificate, never beside the poison.',
    fix: 'Install the final certificate the CA issued after logging (it carries the SCT list, not the poison).',
    reference: 'BR §7.1.2.9, §7.1.2.9.3, §7.1.2.11.3',
  },
  'cabf-validity-too-long': {
    severity: 'error',
    title: 'CA/B Forum: subscriber certificate valid too long',
    explanation:
      'Subscriber certificates may be valid at most 398 days if issued before 2026-03-15, 200 days until 2027-03-15, 100 days until 2029-03-15 and 47 days after that (ballot SC-081). The period counts both ends, a day is 86,400 seconds and any part of a day counts as one. The issuance date is the earliest embedded SCT timestamp, else notBefore.',
    fix: 'Reissue the certificate with a shorter validity, and automate renewal (ACME).',
    reference: 'BR §6.3.2',
  },
  'cabf-validity-advised': {
    severity: 'warning',
    title: 'CA/B Forum: subscriber certificate issued for the maximum validity',
    explanation:
      'Subscriber certificates should be valid one day less than the maximum (397, 199, 99 or 46 days by issuance date), leaving room for the rounding of §6.3.2.',
    fix: 'Issue with a validity one day shorter than the limit.',
    reference: 'BR §6.3.2 (SHOULD NOT)',
  },
  'cabf-san-missing': {
    severity: 'error',
    title: 'CA/B Forum: no subject alternative name',
    explanation:
      'A subscriber certificate must carry a subjectAltName with at least one DNS name or IP address: that is what clients match the host against.',
    fix: 'Reissue the certificate with every host name it serves in the subjectAltName.',
    reference: 'BR §7.1.2.7.6, §7.1.2.7.12',
  },
  'cabf-san-type': {
    severity: 'error',
    title: 'CA/B Forum: subject alternative name of a forbidden type',
    explanation:
      'A subscriber certificate’s subjectAltName may hold only DNS names and IP addresses; email addresses, URIs, directory names, otherNames and the rest are forbidden.',
    fix: 'Reissue the certificate with only DNS names and IP addresses in the subjectAltName.',
    reference: 'BR §7.1.2.7.12',
  },
  'cabf-san-critical': {
    severity: 'error',
    title: 'CA/B Forum: subject alternative name criticality wrong',
    explanation:
      'The subjectAltName must be critical when the subject is empty and must not be critical otherwise.',
    fix: 'Reissue the certificate with the subjectAltName non-critical (or critical with an empty subject).',
    reference: 'BR §7.1.2.7.12',
  },
  'cabf-dns-name-syntax': {
    severity: 'error',
    title: 'CA/B Forum: DNS name not a valid host name',
    explanation:
      'Each DNS name must be a fully-qualified domain name, or “*.” followed by one, made of LDH labels (letters, digits, hyphens; 1–63 characters; no leading or trailing hyphen) or valid Punycode labels: no underscores, spaces, empty labels, trailing dot, reserved “??--” labels or wildcards elsewhere.',
    fix: 'Reissue the certificate with the names written as plain host names (IDNs as xn-- A-labels).',
    reference: 'BR §7.1.2.7.12; §1.6.1 (Wildcard Domain Name, P-Label, Non-Reserved LDH Label)',
  },
  'cabf-internal-name': {
    severity: 'error',
    title: 'CA/B Forum: internal name',
    explanation:
      'A DNS name does not end in a top-level domain of the IANA root zone (such as .local, .internal, .corp or a bare host name), so nobody can prove it unique; publicly trusted CAs may not certify it. Certscope’s TLD list is a dated snapshot (the detail names it).',
    fix: 'Use a public domain name you control; for internal names, use an internal CA.',
    reference: 'BR §4.2.2, §7.1.2.7.12; §1.6.1 (Internal Name)',
  },
  'cabf-reverse-zone-name': {
    severity: 'error',
    title: 'CA/B Forum: name in an IP reverse zone',
    explanation:
      'From 2026-03-15 a subscriber certificate may not name a domain ending in in-addr.arpa or ip6.arpa.',
    fix: 'Name the host by its forward DNS name or its IP address instead.',
    reference: 'BR §7.1.2.7.12; §1.6.1 (IP Reverse Zone Suffix)',
  },
  'cabf-wildcard-public-suffix': {
    severity: 'error',
    title: 'CA/B Forum: wildcard over a public suffix',
    explanation:
      'A wildcard sits right above a public suffix (like *.com or *.co.uk), which would cover every domain registered under it. CAs must refuse it unless the applicant controls the whole namespace. Certscope judges by a dated snapshot of the Public Suffix List’s ICANN section (the detail names it).',
    fix: 'Request the wildcard for your own domain (*.example.co.uk), not for the suffix.',
    reference: 'BR §3.2.2.6',
  },
  'cabf-reserved-ip': {
    severity: 'error',
    title: 'CA/B Forum: reserved IP address',
    explanation:
      'An IP address in the certificate is in an IANA special-purpose block (private, loopback, link-local, documentation, shared, benchmarking…), which no one can prove is theirs alone.',
    fix: 'Certify only public IP addresses you control; use an internal CA for private ones.',
    reference: 'BR §7.1.2.7.12; §1.6.1 (Reserved IP Address)',
  },
  'cabf-cn-not-from-san': {
    severity: 'error',
    title: 'CA/B Forum: common name not copied from a SAN',
    explanation:
      'A subscriber certificate’s commonName, if present, must be exactly one value that is a copy of one of its subjectAltName entries: DNS names character for character (same case, no Unicode form of an xn-- label), IPv4 in dotted-quad form, IPv6 in the RFC 5952 form (lowercase, shortest).',
    fix: 'Reissue the certificate with the commonName copied from a SAN entry, or without a commonName.',
    reference: 'BR §7.1.4.3',
  },
  'cabf-subject-ou': {
    severity: 'error',
    title: 'CA/B Forum: organizational unit in the subject',
    explanation:
      'organizationalUnitName is forbidden in subscriber certificates (since September 2022), in root certificates and in TLS subordinate CA certificates.',
    fix: 'Reissue the certificate without an OU attribute.',
    reference: 'BR §7.1.2.7.3, §7.1.2.7.4, §7.1.2.10.2',
  },
  'cabf-subject-validation-type': {
    severity: 'error',
    title: 'CA/B Forum: subject does not fit the validation type',
    explanation:
      'The subject must match the validation its policy OID claims: domain validated (2.23.140.1.2.1) allows only countryName and commonName; organization validated (2.23.140.1.2.2) needs organizationName, countryName and a locality or state, and no personal names; individual validated (2.23.140.1.2.3) needs givenName, surname, countryName and a locality or state.',
    fix: 'Reissue the certificate with the subject the validation type allows, or the policy OID of the validation actually done.',
    reference: 'BR §7.1.2.7.2, §7.1.2.7.3, §7.1.2.7.4',
  },
  'cabf-eku-missing': {
    severity: 'error',
    title: 'CA/B Forum: extended key usage missing',
    explanation:
      'A subscriber certificate must carry an extendedKeyUsage extension; without it the key could serve any purpose (code signing, email…).',
    fix: 'Reissue the certificate with extendedKeyUsage serverAuth (and clientAuth if needed).',
    reference: 'BR §7.1.2.7.6, §7.1.2.7.10',
  },
  'cabf-eku-critical': {
    severity: 'error',
    title: 'CA/B Forum: extended key usage marked critical',
    explanation:
      'The extendedKeyUsage extension must not be critical in subscriber and subordinate CA certificates.',
    fix: 'Reissue the certificate with extendedKeyUsage non-critical.',
    reference: 'BR §7.1.2.6.1, §7.1.2.7.6',
  },
  'cabf-eku-server-auth': {
    severity: 'error',
    title: 'CA/B Forum: serverAuth missing from extended key usage',
    explanation:
      'A TLS subscriber certificate, and a TLS subordinate CA, must list id-kp-serverAuth in its extended key usage.',
    fix: 'Reissue the certificate with serverAuth in its extendedKeyUsage.',
    reference: 'BR §7.1.2.7.10, §7.1.2.10.6',
  },
  'cabf-eku-forbidden': {
    severity: 'error',
    title: 'CA/B Forum: forbidden extended key usage',
    explanation:
      'The extended key usage lists a purpose a TLS certificate must never have: anyExtendedKeyUsage, codeSigning, emailProtection, timeStamping, OCSPSigning or Precertificate Signing. Mixing purposes lets a TLS key be used for something else.',
    fix: 'Reissue the certificate with only serverAuth (and clientAuth).',
    reference: 'BR §7.1.2.7.10, §7.1.2.10.6',
  },
  'cabf-eku-other': {
    severity: 'warning',
    title: 'CA/B Forum: extended key usage beyond server and client authentication',
    explanation:
      'The extended key usage lists a purpose other than serverAuth and clientAuth, which the Baseline Requirements do not recommend.',
    fix: 'Issue TLS certificates with serverAuth (and clientAuth) only.',
    reference: 'BR §7.1.2.7.10, §7.1.2.10.6 (NOT RECOMMENDED)',
  },
  'cabf-ku-missing': {
    severity: 'warning',
    title: 'CA/B Forum: key usage missing',
    explanation: 'A subscriber certificate should carry a keyUsage extension.',
    fix: 'Issue the certificate with keyUsage digitalSignature (plus keyEncipherment for RSA if TLS 1.2 RSA key exchange is needed).',
    reference: 'BR §7.1.2.7.6 (SHOULD)',
  },
  'cabf-ku-not-critical': {
    severity: 'error',
    title: 'CA/B Forum: key usage not critical',
    explanation: 'When present, keyUsage must be marked critical.',
    fix: 'Reissue the certificate with keyUsage critical.',
    reference: 'BR §7.1.2.1.2, §7.1.2.6.1, §7.1.2.7.6',
  },
  'cabf-ku-bits': {
    severity: 'error',
    title: 'CA/B Forum: key usage not allowed for the key type',
    explanation:
      'A subscriber certificate’s key usage must fit its key: RSA keys may have only digitalSignature, keyEncipherment and dataEncipherment (at least one); ECC keys must have digitalSignature and may add only keyAgreement. Certificate or CRL signing, non-repudiation and the rest are forbidden.',
    fix: 'Reissue the certificate with digitalSignature (RSA: and keyEncipherment if needed) only.',
    reference: 'BR §7.1.2.7.11',
  },
  'cabf-ku-advised': {
    severity: 'warning',
    title: 'CA/B Forum: key usage not recommended',
    explanation:
      'RSA subscriber certificates should assert digitalSignature, and dataEncipherment or digitalSignature together with keyEncipherment are not recommended; for ECC keys keyAgreement is not recommended. dataEncipherment and keyAgreement are pending prohibition.',
    fix: 'Issue with digitalSignature alone (keyEncipherment alone for legacy RSA key exchange).',
    reference: 'BR §7.1.2.7.11 (SHOULD, NOT RECOMMENDED)',
  },
  'cabf-leaf-is-ca': {
    severity: 'error',
    title: 'CA/B Forum: CA certificate used as the server certificate',
    explanation:
      'The server’s certificate says it is a certificate authority (basicConstraints cA=TRUE). A subscriber certificate must have cA FALSE: a CA certificate is never a server certificate.',
    fix: 'Serve a subscriber (end-entity) certificate issued by the CA, not the CA certificate itself.',
    reference: 'BR §7.1.2.7.8',
  },
  'cabf-leaf-basic-constraints': {
    severity: 'error',
    title: 'CA/B Forum: subscriber basic constraints wrongly formed',
    explanation:
      'When a subscriber certificate carries basicConstraints, it must be critical and must not have a pathLenConstraint.',
    fix: 'Reissue the certificate with basicConstraints critical and without pathLenConstraint (or without basicConstraints).',
    reference: 'BR §7.1.2.7.6, §7.1.2.7.8',
  },
  'cabf-leaf-name-constraints': {
    severity: 'error',
    title: 'CA/B Forum: name constraints in a subscriber certificate',
    explanation: 'nameConstraints is only for CA certificates; a subscriber certificate must not carry it.',
    fix: 'Reissue the certificate without nameConstraints.',
    reference: 'BR §7.1.2.7.6',
  },
  'cabf-policies-missing': {
    severity: 'error',
    title: 'CA/B Forum: certificate policies missing',
    explanation:
      'Subscriber and subordinate CA certificates must carry certificatePolicies, with the CA/B Forum policy OID that says how the subject was validated (2.23.140.1.2.1 DV, .2 OV, .3 IV, 2.23.140.1.1 EV).',
    fix: 'Reissue the certificate with certificatePolicies holding the right reserved policy OID.',
    reference: 'BR §7.1.2.6.1, §7.1.2.7.6, §7.1.2.7.9, §7.1.6.1',
  },
  'cabf-policies-reserved': {
    severity: 'error',
    title: 'CA/B Forum: certificate policies without exactly one reserved policy',
    explanation:
      'certificatePolicies must be non-critical and contain exactly one CA/B Forum reserved policy identifier and no anyPolicy — except that an affiliated subordinate CA may carry anyPolicy as its only policy.',
    fix: 'Reissue the certificate with exactly one of 2.23.140.1.2.1/2/3 or 2.23.140.1.1, and no anyPolicy.',
    reference: 'BR §7.1.2.7.9, §7.1.2.10.5, §7.1.6.1',
  },
  'cabf-policy-qualifier': {
    severity: 'error',
    title: 'CA/B Forum: policy qualifier not allowed',
    explanation:
      'The only policy qualifier allowed is id-qt-cps with an http:// or https:// URL; user notices and other qualifiers are forbidden.',
    fix: 'Reissue the certificate without the qualifier (qualifiers are not recommended at all).',
    reference: 'BR §7.1.2.7.9, §7.1.2.10.5',
  },
  'cabf-root-policies': {
    severity: 'warning',
    title: 'CA/B Forum: certificate policies in a root',
    explanation: 'certificatePolicies is not recommended in a root certificate.',
    fix: 'Leave certificatePolicies out of new root certificates.',
    reference: 'BR §7.1.2.1.2 (NOT RECOMMENDED)',
  },
  'cabf-aia-missing': {
    severity: 'error',
    title: 'CA/B Forum: authority information access missing',
    explanation:
      'A subscriber certificate must carry authorityInformationAccess, and a subordinate CA should: it says where to fetch the issuer certificate and the OCSP responder, so clients can complete and check the chain.',
    fix: 'Reissue the certificate with AIA naming the issuer’s certificate URL (caIssuers) and any OCSP responder.',
    reference: 'BR §7.1.2.6.1, §7.1.2.7.6, §7.1.2.7.7',
  },
  'cabf-aia-form': {
    severity: 'error',
    title: 'CA/B Forum: authority information access wrongly formed',
    explanation:
      'authorityInformationAccess must be non-critical and may hold only id-ad-ocsp and id-ad-caIssuers entries, each an http:// URI (not https, LDAP or another name form), with no location repeated for the same method.',
    fix: 'Reissue the certificate with plain http:// OCSP and caIssuers URIs only.',
    reference: 'BR §7.1.2.7.7, §7.1.2.10.3',
  },
  'cabf-aia-ca-issuers': {
    severity: 'warning',
    title: 'CA/B Forum: no caIssuers URL',
    explanation:
      'A subscriber certificate should say where its issuer certificate can be downloaded (id-ad-caIssuers), so clients that fetch missing intermediates can.',
    fix: 'Issue with an AIA caIssuers http:// URL for the issuing CA certificate.',
    reference: 'BR §7.1.2.7.7 (SHOULD)',
  },
  'cabf-crldp-missing': {
    severity: 'error',
    title: 'CA/B Forum: CRL distribution point missing',
    explanation:
      'Subordinate CA certificates must carry cRLDistributionPoints, and so must subscriber certificates that have no OCSP URL and are not short-lived (valid more than 10 days if issued before 2026-03-15, more than 7 days after): otherwise nobody can learn of their revocation.',
    fix: 'Reissue the certificate with a cRLDistributionPoints http:// URL of the issuer’s CRL.',
    reference: 'BR §7.1.2.6.1, §7.1.2.11.2; §1.6.1 (Short-lived Subscriber Certificate)',
  },
  'cabf-crldp-form': {
    severity: 'error',
    title: 'CA/B Forum: CRL distribution point wrongly formed',
    explanation:
      'cRLDistributionPoints must be non-critical; each point a fullName of http:// URIs only, with no reasons and no cRLIssuer.',
    fix: 'Reissue the certificate with distribution points that are plain http:// URLs.',
    reference: 'BR §7.1.2.11.2',
  },
  'cabf-root-crldp': {
    severity: 'warning',
    title: 'CA/B Forum: CRL distribution point in a root',
    explanation:
      'cRLDistributionPoints should not appear in a root certificate: nothing above a root revokes it.',
    fix: 'Leave cRLDistributionPoints out of new root certificates.',
    reference: 'BR §7.1.2.11.2 (SHOULD NOT)',
  },
  'cabf-ca-basic-constraints': {
    severity: 'error',
    title: 'CA/B Forum: CA basic constraints missing, not critical or not CA',
    explanation:
      'Root and subordinate CA certificates must carry basicConstraints, marked critical, with cA TRUE.',
    fix: 'Reissue the CA certificate with a critical basicConstraints, cA TRUE.',
    reference: 'BR §7.1.2.1.2, §7.1.2.1.4, §7.1.2.6.1, §7.1.2.10.4',
  },
  'cabf-root-path-length': {
    severity: 'warning',
    title: 'CA/B Forum: path length constraint on a root',
    explanation: 'pathLenConstraint is not recommended in a root certificate.',
    fix: 'Leave pathLenConstraint out of new root certificates; constrain subordinate CAs instead.',
    reference: 'BR §7.1.2.1.4 (NOT RECOMMENDED)',
  },
  'cabf-ca-key-usage': {
    severity: 'error',
    title: 'CA/B Forum: CA key usage wrong',
    explanation:
      'A CA certificate must carry a critical keyUsage with keyCertSign and cRLSign, and nothing else but digitalSignature.',
    fix: 'Reissue the CA certificate with keyUsage critical: keyCertSign, cRLSign (and digitalSignature to sign OCSP responses).',
    reference: 'BR §7.1.2.1.2, §7.1.2.6.1, §7.1.2.10.7',
  },
  'cabf-ca-ski': {
    severity: 'error',
    title: 'CA/B Forum: CA subject key identifier missing or critical',
    explanation:
      'Root and subordinate CA certificates must carry a non-critical subjectKeyIdentifier, which the certificates they issue point to.',
    fix: 'Reissue the CA certificate with a subjectKeyIdentifier (RFC 5280 method: SHA-1 of the public key).',
    reference: 'BR §7.1.2.1.2, §7.1.2.6.1, §7.1.2.11.4',
  },
  'cabf-leaf-ski': {
    severity: 'warning',
    title: 'CA/B Forum: subject key identifier in a subscriber certificate',
    explanation: 'subjectKeyIdentifier is not recommended in subscriber certificates: nothing points to it.',
    fix: 'Issue subscriber certificates without subjectKeyIdentifier.',
    reference: 'BR §7.1.2.7.6 (NOT RECOMMENDED)',
  },
  'cabf-ca-subject': {
    severity: 'error',
    title: 'CA/B Forum: CA subject incomplete',
    explanation: 'A CA certificate’s subject must contain countryName, organizationName and commonName.',
    fix: 'Reissue the CA certificate with country, organization and common name in its subject.',
    reference: 'BR §7.1.2.10.2',
  },
  'cabf-name-constraints-form': {
    severity: 'error',
    title: 'CA/B Forum: name constraints with minimum or maximum',
    explanation:
      'A subtree of the CA’s nameConstraints carries a minimum or maximum distance. RFC 5280 and the Baseline Requirements forbid both; clients ignore or misread them.',
    fix: 'Reissue the CA certificate with name constraints of bases only.',
    reference: 'BR §7.1.2.10.8',
  },
  'cabf-name-constraints-advised': {
    severity: 'warning',
    title: 'CA/B Forum: name constraints not as recommended',
    explanation:
      'The CA’s nameConstraints should be critical (non-critical is allowed only for legacy clients that can’t process it), and constrain DNS names, IP ranges and directory names: rfc822Name, otherName and other name forms, and excluded directory names, are not recommended.',
    fix: 'Mark nameConstraints critical and constrain by dNSName, iPAddress or directoryName.',
    reference: 'BR §7.1.2.10.8 (SHOULD, NOT RECOMMENDED)',
  },
  'cabf-root-eku': {
    severity: 'error',
    title: 'CA/B Forum: extended key usage in a root',
    explanation: 'A root certificate must not carry extendedKeyUsage.',
    fix: 'Reissue the root without extendedKeyUsage; restrict purposes in the subordinate CAs.',
    reference: 'BR §7.1.2.1.2',
  },
  'cabf-subca-eku': {
    severity: 'error',
    title: 'CA/B Forum: TLS subordinate CA without extended key usage',
    explanation:
      'A TLS subordinate CA certificate must carry a non-critical extendedKeyUsage (with serverAuth and without anyExtendedKeyUsage), which limits what it can issue for.',
    fix: 'Reissue the subordinate CA with extendedKeyUsage serverAuth (and clientAuth), non-critical.',
    reference: 'BR §7.1.2.6.1, §7.1.2.10.6',
  },
  'cabf-root-validity': {
    severity: 'error',
    title: 'CA/B Forum: root validity outside 2922–9132 days',
    explanation:
      'A root certificate issued from 2023-09-15 must be valid for at least 2922 days (about 8 years) and at most 9132 days (about 25 years).',
    fix: 'Reissue the root with a validity between 8 and 25 years.',
    reference: 'BR §7.1.2.1.1',
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
  const made: Finding = { code, severity: severity ?? findingDefinitions[code].severity };
  if (certificate) made.certificate = certificate;
  if (detail) made.detail = detail;
  return made;
}

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
