/**
 * The knobs of a client's rules that parameterise checks which exist anyway (how large a key must
 * be, whether a host name may fall back to the CN, whether the trust anchor's own fields count).
 * A rule no check applies today is an optional check instead (registry.ts). Every default is
 * today's verdict, so a selection without `rules` judges exactly as before.
 */

export interface VerifierRules {
  /** Smallest RSA modulus accepted (bits). */
  minRsaBits: number;
  /** Smallest RSA modulus under a public anchor, when stricter there (Firefox: 2048 vs 1024). */
  minRsaBitsPublic?: number;
  /** Smallest elliptic curve accepted (bits). */
  minEcBits: number;
  /** Whether the trust anchor's own key is held to the floor (OpenSSL's security level: yes; Java: no). */
  keyFloorOnAnchor: boolean;
  /** Signature hashes refused below the anchor. */
  weakHashes: readonly string[];
  /** The weak hashes are refused only under public anchors (Java's `SHA1 jdkCA`). */
  weakHashesPublicOnly: boolean;
  /** The leaf's CN counts for a DNS host when it has no DNS SAN (OpenSSL, Java). */
  commonNameFallback: boolean;
  /** `label`: `*.` as the whole first label; `partial`: also `w*.` / `*w.` (OpenSSL); `anywhere`: `*` in any label (Java). */
  wildcards: 'label' | 'partial' | 'anywhere';
  /**
   * The trust anchor's own validity, pathLen, name constraints, EKU and critical extensions:
   * `rfc5280` (all but EKU: x509-limbo's reading), `all` (OpenSSL, Go), `local` (Chrome: all for
   * local anchors, none for its root store's), `none` (Java: an anchor is a name and a key).
   */
  anchorConstraints: 'rfc5280' | 'all' | 'local' | 'none';
  /** Extended key usage on every CA of the path (`path`) or on the leaf alone (`leaf`, Java). */
  ekuScope: 'path' | 'leaf';
  /** anyExtendedKeyUsage satisfies the purpose (OpenSSL: no). */
  anyEkuMatches: boolean;
  /**
   * `rfc5280`: every profile rule (basicConstraints critical on a trust anchor, key identifiers…);
   * `structural`: only what libraries refuse while reading (duplicate extensions, the two
   * signature algorithm fields differing, an extension that doesn't read).
   */
  profile: 'rfc5280' | 'structural';
  /** A v3 trust anchor without basicConstraints: `v1` only v1 anchors pass (today), `keyCertSign` also one whose keyUsage signs certificates (OpenSSL), `any` (Chrome's local anchors). */
  anchorWithoutBasicConstraints: 'v1' | 'keyCertSign' | 'any';
  /** The notAfter second itself counts as expired (Debian's OpenSSL). */
  notAfterExclusive: boolean;
  /** The leaf's keyUsage is checked for TLS (`any` of the TLS bits: today; `signature`: an ECDSA/EdDSA leaf needs digitalSignature; `none`). */
  leafKeyUsage: 'any' | 'signature' | 'none';
  /** Self-issued intermediates count towards the depth limit (OpenSSL). */
  depthCountsSelfIssued: boolean;
  /** An extendedKeyUsage extension listing no purpose allows any (Go reads it as absent). */
  emptyEkuMeansAny: boolean;
  /** Critical extensions the client processes beyond Certscope's own (Go: authorityInfoAccess). */
  alsoUnderstood: readonly string[];
  /** In the `structural` profile, a critical authority or subject key identifier is refused (OpenSSL doesn't process them). */
  refuseCriticalKeyIdentifiers: boolean;
  /** In the `structural` profile, a negative serial number is refused (OpenSSL can't build a path with one). */
  refuseNegativeSerial: boolean;
  /** A wildcard SAN meets an excluded DNS subtree as its literal string (OpenSSL, Go 1.19). */
  literalWildcardConstraints: boolean;
  /** The name forms the client's name-constraint code handles; a CA constraining another form has an unhandled critical extension (Go 1.19: DNS, IP, email, URI). Undefined: all. */
  nameConstraintForms?: readonly ('dns' | 'ip' | 'email' | 'uri' | 'dirNames' | 'other')[];
  /** An issuer's keyUsage is held against it when it is the trust anchor (Go 1.19 doesn't). */
  anchorKeyUsage: boolean;
  /** Self-issued intermediates count towards pathLenConstraint (Go). */
  pathLenCountsSelfIssued: boolean;
  /** Stores whose anchors are this client's built-in roots: public-only rules apply below them. */
  publicStores: readonly string[];
  /** Certificates (SHA-256) the client refuses wherever they appear: Microsoft's and Java's blocked lists. */
  blocked: ReadonlySet<string>;
  /** A date per anchor (SHA-256) after which certificates it issued are distrusted, and in whose words. */
  distrustAfter: ReadonlyMap<string, { date: Date; rule: string }>;
  /** Who this is, for findings' details ("Chrome", "OpenSSL"). */
  clientName: string;
}

export const defaultRules: Readonly<VerifierRules> = {
  minRsaBits: 2048,
  minEcBits: 256,
  keyFloorOnAnchor: true,
  weakHashes: ['SHA-1', 'MD5', 'MD2'],
  weakHashesPublicOnly: false,
  commonNameFallback: false,
  wildcards: 'label',
  anchorConstraints: 'rfc5280',
  ekuScope: 'path',
  anyEkuMatches: true,
  profile: 'rfc5280',
  anchorWithoutBasicConstraints: 'v1',
  notAfterExclusive: false,
  leafKeyUsage: 'any',
  depthCountsSelfIssued: false,
  pathLenCountsSelfIssued: false,
  literalWildcardConstraints: false,
  anchorKeyUsage: true,
  emptyEkuMeansAny: false,
  alsoUnderstood: [],
  refuseCriticalKeyIdentifiers: false,
  refuseNegativeSerial: false,
  publicStores: [],
  blocked: new Set(),
  distrustAfter: new Map(),
  clientName: 'Certscope',
};
