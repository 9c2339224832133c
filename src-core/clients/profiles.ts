/**
 * Client profiles as data: for each client, a root store, the behaviours that shape its verdict,
 * and which of the verifier's checks it applies and how its findings count. Everything here comes
 * from docs/clients.md (the research, with sources; `docs/clients.behaviours.json` is its
 * machine-readable twin): each profile names the source keys it rests on and the behaviours that
 * could not be established, which keep Certscope's own rule and say so.
 */
import type { RootProgramId } from '../trust/root-programs';
import type { CheckName } from '../verify/checks/registry';
import type { VerifierRules } from '../verify/checks/rules';
import type { FindingCode, Severity } from '../verify/findings';

export const clientIds = [
  'chrome',
  'firefox',
  'apple',
  'windows',
  'android',
  'openssl',
  'go',
  'java',
  'rfc5280',
  'cabf',
] as const;
export type ClientId = (typeof clientIds)[number];

export const defaultClient: ClientId = 'chrome';

/** Where a client's anchors come from (plus, always, the user's local anchors). */
export type ClientStore =
  /** A root program's list (resources/root-programs). */
  | { kind: 'program'; program: RootProgramId }
  /** The machine's CA bundle (/etc/ssl/certs), else the bundled Mozilla list. */
  | { kind: 'system' }
  /** Whatever stores the user chose (every store given). */
  | { kind: 'as-chosen' };

export interface ClientProfile {
  id: ClientId;
  /** "Chrome", "OpenSSL". */
  name: string;
  /** Who answers like this, for a row's label: "curl / Python / Node". */
  label: string;
  /** What exactly is modelled (versions, settings). */
  models: string;
  store: ClientStore;
  /** AIA fetching of missing issuers; `public`: only towards its public roots (Firefox's preloaded intermediates). */
  aiaFetching: boolean | 'public';
  /** Checks of the default selection it leaves out. */
  without: readonly CheckName[];
  /** Optional checks it adds (by name), or every optional check with this prefix (`cabf-`). */
  with: readonly CheckName[];
  withPrefix?: string;
  /** Severity overrides ('off' drops the finding). */
  severities: Partial<Record<FindingCode, Severity | 'off'>>;
  /** The knobs of its rules (rules.ts); the rest are Certscope's own. */
  rules: Partial<Omit<VerifierRules, 'publicStores' | 'blocked' | 'distrustAfter' | 'clientName'>>;
  /** Whether it refuses the root program's blocked list (Microsoft, Java). */
  refusesBlocked: boolean;
  /** Chrome Root Store constraints (`sct_not_after_sec`) apply to its public roots. */
  chromeConstraints: boolean;
  /** How `legacy-tls-version` (the server negotiated TLS < 1.2) counts for it. */
  legacyTls: Severity;
  /** Source keys (docs/clients.md §10) this profile rests on. */
  sources: readonly string[];
  /** Behaviour ids (docs/clients.behaviours.json) that could not be established for this client. */
  unknown: readonly string[];
  /** Plain-words notes shown with its verdict. */
  notes: readonly string[];
}

const browserStructure = {
  profile: 'structural',
  anchorWithoutBasicConstraints: 'v1',
} as const;

export const clientProfiles: Readonly<Record<ClientId, ClientProfile>> = {
  chrome: {
    id: 'chrome',
    name: 'Chrome',
    label: 'Chrome',
    models:
      'Chrome on every desktop OS and Android: its own verifier (BoringSSL pki) with the Chrome Root Store; local anchors are checked with their constraints and expiry',
    store: { kind: 'program', program: 'chrome' },
    aiaFetching: true,
    without: ['leaf-lifetime'],
    with: ['public-leaf-lifetime', 'certificate-transparency', 'root-distrust'],
    severities: { 'long-validity': 'error', 'leaf-key-usage': 'error' },
    rules: {
      minRsaBits: 1024,
      minEcBits: 256,
      keyFloorOnAnchor: true,
      anchorConstraints: 'local',
      anyEkuMatches: true,
      profile: 'structural',
      anchorWithoutBasicConstraints: 'any',
      leafKeyUsage: 'signature',
    },
    refusesBlocked: false,
    chromeConstraints: true,
    legacyTls: 'error',
    sources: ['CR-builtin', 'CR-proc', 'CR-crs', 'CR-x509', 'BSSL-vcc', 'BSSL-spbd', 'CTP', 'CHR-tls', 'GT'],
    unknown: [],
    notes: [
      'Certificate Transparency is counted from the embedded SCTs; their signatures and logs are not checked (Certscope ships no CT log list).',
    ],
  },
  firefox: {
    id: 'firefox',
    name: 'Firefox',
    label: 'Firefox',
    models:
      'Firefox desktop: mozilla::pkix with the Mozilla NSS built-in roots and preloaded CCADB intermediates',
    store: { kind: 'program', program: 'mozilla' },
    aiaFetching: 'public',
    without: ['leaf-lifetime'],
    with: ['certificate-transparency'],
    severities: {},
    rules: {
      ...browserStructure,
      minRsaBits: 1024,
      minRsaBitsPublic: 2048,
      anchorConstraints: 'all',
      anyEkuMatches: false,
    },
    refusesBlocked: false,
    chromeConstraints: false,
    legacyTls: 'error',
    sources: ['MPKIX-check', 'MPKIX-names', 'GK-cv', 'GK-td', 'MOZ-ICA', 'MOZ-CT', 'MOZ-tls'],
    unknown: ['unknownCritical', 'serials'],
    notes: [
      'Firefox does not fetch missing intermediates, but preloads every intermediate disclosed to the CCADB: for a public CA the verdict assumes the missing intermediate is disclosed (Certscope does not ship that list); a private CA’s is never found.',
      'Mozilla’s per-root distrust-after dates are not in the shipped data.',
    ],
  },
  apple: {
    id: 'apple',
    name: 'Apple',
    label: 'Safari / iOS / macOS',
    models: 'Apple platforms (iOS/macOS 26 trust store), from Apple’s published requirements',
    store: { kind: 'program', program: 'apple' },
    aiaFetching: true,
    without: ['leaf-lifetime'],
    with: ['public-leaf-lifetime', 'certificate-transparency'],
    severities: { 'long-validity': 'error' },
    rules: { ...browserStructure, minRsaBits: 2048 },
    refusesBlocked: false,
    chromeConstraints: false,
    legacyTls: 'error',
    sources: ['APL-trust', 'APL-13', 'APL-398', 'APL-CT'],
    unknown: [
      'revocation',
      'curves',
      'rsaPss',
      'ed25519',
      'bcCritical',
      'bcMissing',
      'pathLen',
      'nameConstraints',
      'ekuChaining',
      'anyEku',
      'leafKeyUsage',
      'caKeyUsage',
      'wildcards',
      'ipSans',
      'anchorValidity',
      'caAsLeaf',
      'distrustAfter',
      'tlsMin',
      'unknownCritical',
      'serials',
      'derStrictness',
      'timeBoundaries',
    ],
    notes: [
      'Apple’s client code was not read: this profile follows Apple’s published requirements and keeps Certscope’s own rule where they are silent.',
      'Not modelled yet: the 825-day limit and the required serverAuth EKU for every TLS certificate issued since 2019-07-01.',
    ],
  },
  windows: {
    id: 'windows',
    name: 'Windows',
    label: 'Windows (.NET, PowerShell)',
    models: 'Windows CryptoAPI with the Microsoft trusted root list and its disallowed list',
    store: { kind: 'program', program: 'microsoft' },
    aiaFetching: true,
    without: ['leaf-lifetime'],
    with: ['blocked'],
    severities: {},
    rules: { ...browserStructure, minRsaBits: 1024 },
    refusesBlocked: true,
    chromeConstraints: false,
    legacyTls: 'warning',
    sources: ['MS-dep', 'MS-req'],
    unknown: [
      'sha1',
      'rsaPss',
      'ed25519',
      'bcCritical',
      'bcMissing',
      'pathLen',
      'nameConstraints',
      'anyEku',
      'ekuAbsent',
      'leafKeyUsage',
      'caKeyUsage',
      'cnFallback',
      'wildcards',
      'ipSans',
      'anchorValidity',
      'caAsLeaf',
      'tlsMin',
      'unknownCritical',
      'serials',
      'derStrictness',
      'timeBoundaries',
    ],
    notes: [
      'Microsoft’s per-root EKU restrictions, NotBefore and Disable dates are not in the shipped data: only “blocked” and “in the list” are known.',
    ],
  },
  android: {
    id: 'android',
    name: 'Android',
    label: 'Android apps',
    models: 'Android apps (not Chrome): Conscrypt’s TrustManagerImpl over the AOSP 17 store',
    store: { kind: 'program', program: 'android' },
    aiaFetching: false,
    without: ['leaf-lifetime'],
    with: [],
    severities: {},
    rules: { ...browserStructure, minRsaBits: 1024 },
    refusesBlocked: false,
    chromeConstraints: false,
    legacyTls: 'warning',
    sources: ['CSC', 'AND-hv', 'AND-nsc', 'OKHTTP-3764'],
    unknown: [
      'revocation',
      'rsaPss',
      'ed25519',
      'bcCritical',
      'bcMissing',
      'pathLen',
      'nameConstraints',
      'ekuChaining',
      'anyEku',
      'ekuAbsent',
      'leafKeyUsage',
      'caKeyUsage',
      'wildcards',
      'anchorValidity',
      'caAsLeaf',
      'distrustAfter',
      'tlsMin',
      'unknownCritical',
      'serials',
      'derStrictness',
      'timeBoundaries',
    ],
    notes: [
      'Apps targeting API 24 or later ignore user-installed CAs unless their Network Security Config adds them.',
    ],
  },
  openssl: {
    id: 'openssl',
    name: 'OpenSSL',
    label: 'curl / Python / Node (OpenSSL)',
    models:
      'OpenSSL 3.0 libssl as a TLS client (what curl, Python ≤ 3.12, Node, Ruby and PHP do): default verify flags, security level 2, the system CA bundle',
    store: { kind: 'system' },
    aiaFetching: false,
    without: ['leaf-lifetime', 'strict-der'],
    with: ['anchor-self-signed'],
    severities: { 'leaf-key-usage': 'error' },
    rules: {
      depthCountsSelfIssued: true,
      literalWildcardConstraints: true,
      refuseCriticalKeyIdentifiers: true,
      refuseNegativeSerial: true,
      minRsaBits: 2048,
      minEcBits: 224,
      keyFloorOnAnchor: true,
      commonNameFallback: true,
      wildcards: 'partial',
      anchorConstraints: 'all',
      anyEkuMatches: false,
      profile: 'structural',
      anchorWithoutBasicConstraints: 'keyCertSign',
      notAfterExclusive: true,
    },
    refusesBlocked: false,
    chromeConstraints: false,
    legacyTls: 'warning',
    sources: ['OSSL-vfy', 'OSSL-set', 'OSSL-utl', 'OSSL-exp', 'GT', 'NODE-tls', 'CURL-22845', 'PY313'],
    unknown: [],
    notes: [
      'Python 3.13’s default context adds VERIFY_X509_STRICT (refusing, e.g., a CA with a non-critical basicConstraints); requests/urllib3 2.x never use the CN.',
    ],
  },
  go: {
    id: 'go',
    name: 'Go',
    label: 'Go (kubectl, Docker, Terraform)',
    models: 'Go crypto/x509 Verify as crypto/tls calls it on Linux (system bundle, no AIA fetching)',
    store: { kind: 'system' },
    aiaFetching: false,
    without: ['leaf-lifetime', 'policy', 'revocation', 'depth', 'strict-der'],
    with: [],
    severities: {},
    rules: {
      minRsaBits: 1024,
      minEcBits: 224,
      anchorConstraints: 'all',
      profile: 'structural',
      leafKeyUsage: 'none',
      pathLenCountsSelfIssued: true,
      emptyEkuMeansAny: true,
      alsoUnderstood: ['1.3.6.1.5.5.7.1.1'],
      literalWildcardConstraints: true,
      nameConstraintForms: ['dns', 'ip', 'email', 'uri'],
      anchorKeyUsage: false,
    },
    refusesBlocked: false,
    chromeConstraints: false,
    legacyTls: 'error',
    sources: ['GO119', 'GO-dbg', 'GT'],
    unknown: [],
    notes: [
      'On macOS and Windows a Go program with no explicit roots uses the platform verifier (Apple, Windows).',
    ],
  },
  java: {
    id: 'java',
    name: 'Java',
    label: 'Java apps',
    models:
      'OpenJDK 17’s default X509TrustManager (PKIX) with HTTPS endpoint identification, OpenJDK’s cacerts, AIA fetching off',
    store: { kind: 'program', program: 'openjdk' },
    aiaFetching: false,
    without: ['leaf-lifetime', 'strict-der', 'policy'],
    with: ['blocked'],
    severities: { 'leaf-key-usage': 'error' },
    rules: {
      minRsaBits: 1024,
      minEcBits: 224,
      keyFloorOnAnchor: false,
      weakHashesPublicOnly: true,
      commonNameFallback: true,
      wildcards: 'anywhere',
      anchorConstraints: 'none',
      ekuScope: 'leaf',
      profile: 'structural',
      leafKeyUsage: 'signature',
    },
    refusesBlocked: true,
    chromeConstraints: false,
    legacyTls: 'error',
    sources: ['JDK-sec', 'JDK-ee', 'JDK-hn', 'JDK-anchor', 'GT'],
    unknown: ['serials', 'derStrictness', 'timeBoundaries'],
    notes: [
      'Java’s distrust policies (Symantec, Entrust, Camerfirma roots, by issuance date) match roots by fingerprint lists inside the JDK, which are not in the shipped data.',
    ],
  },
  rfc5280: {
    id: 'rfc5280',
    name: 'RFC 5280',
    label: 'Strict RFC 5280',
    models: 'RFC 5280 path validation as x509-limbo reads it: Certscope’s strict verdict, every store chosen',
    store: { kind: 'as-chosen' },
    aiaFetching: true,
    without: [],
    with: [],
    severities: {},
    rules: {},
    refusesBlocked: false,
    chromeConstraints: false,
    legacyTls: 'warning',
    sources: ['RFC5280'],
    unknown: [],
    notes: [],
  },
  cabf: {
    id: 'cabf',
    name: 'CA/B Forum',
    label: 'CA/B Forum Baseline Requirements',
    models:
      'The Baseline Requirements’ certificate profiles as errors (for CAs and auditors), on top of strict RFC 5280',
    store: { kind: 'as-chosen' },
    aiaFetching: true,
    without: [],
    with: [],
    withPrefix: 'cabf-',
    severities: {},
    rules: {},
    refusesBlocked: false,
    chromeConstraints: false,
    legacyTls: 'warning',
    sources: ['BR', 'RFC5280'],
    unknown: [],
    notes: [],
  },
};

export function isClientId(value: unknown): value is ClientId {
  return typeof value === 'string' && (clientIds as readonly string[]).includes(value);
}

/** A client by name, or an error that lists the names. */
export function clientProfile(id: string): ClientProfile {
  if (!isClientId(id))
    throw new Error(`unknown client ${JSON.stringify(id)} (one of ${clientIds.join(', ')})`);
  return clientProfiles[id];
}

/** The root program a client's store is, if it is one. */
export function programOf(profile: ClientProfile): RootProgramId | undefined {
  return profile.store.kind === 'program' ? profile.store.program : undefined;
}

/** The root programs whose lists some client trusts. */
export const clientProgramIds: readonly RootProgramId[] = [
  ...new Set(clientIds.flatMap((id) => programOf(clientProfiles[id]) ?? [])),
];
