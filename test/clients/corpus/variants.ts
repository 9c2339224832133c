/**
 * Generated variants: one row per question a real client answers differently (or the same), each
 * minted now as a small private PKI — root ← intermediate ← leaf — with the row's tweaks. Names
 * carry the variant's name, so no two variants share a root or an intermediate (a browser that
 * sees many cases can't build one case's path from another's certificates).
 *
 * To add a variant, add a row to `variants`: a `name`, one line of `about`, and only what differs
 * from the standard hierarchy.
 */
import { issueCert, type CertOptions, type LabCert } from '../../../src-main/services/lab';
import { publishAia } from '../aia';
import type { ClientCase } from '../case';
import { hostName } from './lab';

/** Options for one certificate of the hierarchy; a function gets the variant's base host name. */
type Tweak = Partial<CertOptions> | ((base: string) => Partial<CertOptions>);

export interface Variant {
  name: string;
  about: string;
  root?: Tweak;
  intermediate?: Tweak;
  /** A second intermediate between the first and the leaf (pathLen cases). */
  lowerIntermediate?: Tweak;
  leaf?: Tweak;
  /** The host to check (default: the base name, `<name>.variants.certscope.test`). */
  host?: string | ((base: string) => string);
  /** `leaf`: the server sends its leaf only. */
  send?: 'chain' | 'leaf';
  /** The leaf names its intermediate in AIA caIssuers, served over http from 127.0.0.1 as DER (or PEM). */
  aiaIntermediate?: 'der' | 'pem';
  /** A self-signed leaf alone, trusted as its own anchor or not. */
  selfSignedLeaf?: 'trusted' | 'untrusted';
}

export const variantDomain = 'variants.certscope.test';
const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day);

/** basicConstraints written by hand so it can be non-critical (the Lab always marks it critical). */
export function basicConstraints(options: {
  critical: boolean;
  ca: boolean;
  pathLen?: number;
}): Partial<CertOptions> {
  const body = [
    ...(options.ca ? [0x01, 0x01, 0xff] : []),
    ...(options.pathLen !== undefined ? [0x02, 0x01, options.pathLen] : []),
  ];
  return {
    isCa: options.ca,
    omitBasicConstraints: true,
    extraExtensions: [
      { oid: '2.5.29.19', critical: options.critical, valueDer: Uint8Array.of(0x30, body.length, ...body) },
    ],
  };
}

/** An extension no client knows (a private-enterprise OID) holding a NULL. */
function unknownExtension(critical: boolean): Partial<CertOptions> {
  return {
    extraExtensions: [{ oid: '1.3.6.1.4.1.55555.1.1', critical, valueDer: Uint8Array.of(0x05, 0x00) }],
  };
}

export const variants: Variant[] = [
  { name: 'good', about: 'Control: a valid private chain, sent in full.' },

  // basicConstraints criticality (RFC 5280 says MUST be critical in CA certificates)
  {
    name: 'bc-noncritical-root',
    about: 'The root has basicConstraints cA=TRUE marked non-critical.',
    root: basicConstraints({ critical: false, ca: true }),
  },
  {
    name: 'bc-noncritical-intermediate',
    about: 'The intermediate has basicConstraints cA=TRUE marked non-critical.',
    intermediate: basicConstraints({ critical: false, ca: true, pathLen: 0 }),
  },
  {
    name: 'bc-noncritical-both',
    about: 'Root and intermediate both have non-critical basicConstraints.',
    root: basicConstraints({ critical: false, ca: true }),
    intermediate: basicConstraints({ critical: false, ca: true }),
  },
  {
    name: 'bc-missing-root',
    about: 'The root (the trust anchor) has no basicConstraints at all.',
    root: { omitBasicConstraints: true },
  },
  {
    name: 'bc-root-ca-false',
    about: 'The root (the trust anchor) says cA=FALSE.',
    root: {
      ...basicConstraints({ critical: true, ca: false }),
      keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'],
      extKeyUsage: null,
    },
  },

  // incomplete chains
  {
    name: 'aia-missing-intermediate',
    about: 'The server sends only its leaf; the leaf names the intermediate at an AIA caIssuers URL.',
    send: 'leaf',
    aiaIntermediate: 'der',
  },
  {
    name: 'aia-missing-intermediate-pem',
    about: 'As aia-missing-intermediate, but the AIA URL serves the intermediate as PEM, not DER.',
    send: 'leaf',
    aiaIntermediate: 'pem',
  },
  {
    name: 'missing-intermediate-no-aia',
    about: 'The server sends only its leaf, and nothing says where the intermediate is.',
    send: 'leaf',
  },

  // weak signatures and keys
  {
    name: 'sha1-leaf',
    about: 'The leaf is signed with SHA-1 (RSA chain).',
    root: { keySpec: 'rsa2048' },
    intermediate: { keySpec: 'rsa2048' },
    leaf: { keySpec: 'rsa2048', signatureHash: 'SHA-1' },
  },
  {
    name: 'sha1-intermediate',
    about: 'The intermediate is signed with SHA-1 by the root (RSA chain).',
    root: { keySpec: 'rsa2048' },
    intermediate: { keySpec: 'rsa2048', signatureHash: 'SHA-1' },
    leaf: { keySpec: 'rsa2048' },
  },
  {
    name: 'sha1-root',
    about: "The root's self-signature uses SHA-1 (RSA chain).",
    root: { keySpec: 'rsa2048', signatureHash: 'SHA-1' },
    intermediate: { keySpec: 'rsa2048' },
    leaf: { keySpec: 'rsa2048' },
  },
  { name: 'rsa1024-leaf', about: 'The leaf has a 1024-bit RSA key.', leaf: { keySpec: 'rsa1024' } },
  {
    name: 'rsa1024-intermediate',
    about: 'The intermediate has a 1024-bit RSA key.',
    intermediate: { keySpec: 'rsa1024' },
  },
  { name: 'rsa1024-root', about: 'The root has a 1024-bit RSA key.', root: { keySpec: 'rsa1024' } },
  {
    name: 'rsa2048-chain',
    about: 'Control: an all-RSA-2048 chain.',
    root: { keySpec: 'rsa2048' },
    intermediate: { keySpec: 'rsa2048' },
    leaf: { keySpec: 'rsa2048' },
  },
  {
    name: 'ed25519-leaf',
    about: 'The leaf has an Ed25519 key (under a P-256 intermediate).',
    leaf: { keySpec: 'ed25519' },
  },
  {
    name: 'p384-chain',
    about: 'Control: an all-P-384 chain (SHA-384 signatures).',
    root: { keySpec: 'p384' },
    intermediate: { keySpec: 'p384' },
    leaf: { keySpec: 'p384' },
  },

  // validity
  {
    name: 'expired-leaf',
    about: 'The leaf expired ten days ago.',
    leaf: { notBefore: ago(100), notAfter: ago(10) },
  },
  {
    name: 'not-yet-valid-leaf',
    about: 'The leaf becomes valid in ten days.',
    leaf: { notBefore: ago(-10), notAfter: ago(-100) },
  },
  {
    name: 'expired-intermediate',
    about: 'The intermediate expired ten days ago.',
    intermediate: { notBefore: ago(400), notAfter: ago(10) },
    leaf: { notBefore: ago(100) },
  },
  {
    name: 'expired-root',
    about: 'The root (the trust anchor) expired ten days ago.',
    root: { notBefore: ago(400), notAfter: ago(10) },
    intermediate: { notBefore: ago(300) },
  },
  {
    name: 'long-validity-730d',
    about: 'A 730-day leaf under a private root.',
    leaf: { notBefore: ago(1), notAfter: ago(-729) },
  },

  // name constraints on the intermediate
  {
    name: 'nc-dns-permitted',
    about: 'The intermediate permits only variants.certscope.test; the leaf is inside.',
    intermediate: { nameConstraints: { permittedDns: [variantDomain] } },
  },
  {
    name: 'nc-dns-permitted-violated',
    about: 'The intermediate permits only allowed.test; the leaf is outside.',
    intermediate: { nameConstraints: { permittedDns: ['allowed.test'] } },
  },
  {
    name: 'nc-dns-excluded-violated',
    about: 'The intermediate excludes variants.certscope.test; the leaf is inside it.',
    intermediate: { nameConstraints: { excludedDns: [variantDomain] } },
  },
  {
    name: 'nc-ip-permitted',
    about: 'The intermediate permits only 127.0.0.0/8; the leaf is for 127.0.0.1.',
    intermediate: { nameConstraints: { permittedIp: ['127.0.0.0/8'] } },
    leaf: { dnsNames: [], ipAddresses: ['127.0.0.1'] },
    host: '127.0.0.1',
  },
  {
    name: 'nc-ip-permitted-violated',
    about: 'The intermediate permits only 10.0.0.0/8; the leaf is for 127.0.0.1.',
    intermediate: { nameConstraints: { permittedIp: ['10.0.0.0/8'] } },
    leaf: { dnsNames: [], ipAddresses: ['127.0.0.1'] },
    host: '127.0.0.1',
  },
  {
    name: 'nc-ip-excluded-violated',
    about: 'The intermediate excludes 127.0.0.0/8; the leaf is for 127.0.0.1.',
    intermediate: { nameConstraints: { excludedIp: ['127.0.0.0/8'] } },
    leaf: { dnsNames: [], ipAddresses: ['127.0.0.1'] },
    host: '127.0.0.1',
  },
  {
    name: 'nc-dns-permitted-cn-only',
    about:
      'The intermediate permits only allowed.test; the leaf has no SAN, and its CN (the host) is outside.',
    intermediate: { nameConstraints: { permittedDns: ['allowed.test'] } },
    leaf: { dnsNames: [] },
  },
  {
    name: 'nc-root-dns-permitted',
    about: 'The root (the trust anchor) permits only variants.certscope.test; the leaf is inside.',
    root: { nameConstraints: { permittedDns: [variantDomain] } },
  },
  {
    name: 'nc-root-dns-permitted-violated',
    about: 'The root (the trust anchor) permits only allowed.test; the leaf is outside.',
    root: { nameConstraints: { permittedDns: ['allowed.test'] } },
  },

  // extended key usage
  {
    name: 'eku-intermediate-serverauth',
    about: 'The intermediate carries EKU serverAuth.',
    intermediate: { extKeyUsage: ['serverAuth'] },
  },
  {
    name: 'eku-intermediate-clientauth',
    about: 'The intermediate carries EKU clientAuth only.',
    intermediate: { extKeyUsage: ['clientAuth'] },
  },
  {
    name: 'eku-intermediate-any',
    about: 'The intermediate carries anyExtendedKeyUsage only.',
    intermediate: { extKeyUsage: ['anyExtendedKeyUsage'] },
  },
  {
    name: 'eku-intermediate-none',
    about: 'The intermediate carries no EKU (as most CAs).',
    intermediate: { extKeyUsage: null },
  },
  {
    name: 'eku-root-clientauth',
    about: 'The root (the trust anchor) carries EKU clientAuth only.',
    root: { extKeyUsage: ['clientAuth'] },
  },
  {
    name: 'eku-leaf-clientauth',
    about: 'The leaf carries EKU clientAuth only.',
    leaf: { extKeyUsage: ['clientAuth'] },
  },
  { name: 'eku-leaf-none', about: 'The leaf carries no EKU extension.', leaf: { extKeyUsage: null } },
  {
    name: 'eku-leaf-any',
    about: 'The leaf carries anyExtendedKeyUsage only.',
    leaf: { extKeyUsage: ['anyExtendedKeyUsage'] },
  },

  // key usage
  {
    name: 'ku-leaf-no-digitalsignature',
    about: 'The ECDSA leaf has keyUsage keyAgreement only (no digitalSignature).',
    leaf: { keyUsage: ['keyAgreement'] },
  },
  {
    name: 'ku-intermediate-no-keycertsign',
    about: 'The intermediate has keyUsage digitalSignature and cRLSign, not keyCertSign.',
    intermediate: { keyUsage: ['digitalSignature', 'cRLSign'] },
  },

  // host names
  { name: 'wrong-host', about: 'The leaf names a different host.', host: (base) => `other-${base}` },
  {
    name: 'cn-only-no-san',
    about: 'The leaf names the host in its CN only, with no SAN.',
    leaf: { dnsNames: [] },
  },
  {
    name: 'ip-san',
    about: 'The host is 127.0.0.1 and the leaf has it as an IP SAN.',
    leaf: { ipAddresses: ['127.0.0.1'] },
    host: '127.0.0.1',
  },
  {
    name: 'ip-san-mismatch',
    about: 'The host is 127.0.0.1; the leaf has IP SAN 127.0.0.2.',
    leaf: { dnsNames: [], ipAddresses: ['127.0.0.2'] },
    host: '127.0.0.1',
  },
  {
    name: 'ip-as-dns-san',
    about: 'The host is 127.0.0.1; the leaf has it as a dNSName, not an IP SAN.',
    leaf: { dnsNames: ['127.0.0.1'] },
    host: '127.0.0.1',
  },
  {
    name: 'ip-in-cn-only',
    about: 'The host is 127.0.0.1, named only in the CN of a leaf without SAN.',
    leaf: { commonName: '127.0.0.1', dnsNames: [] },
    host: '127.0.0.1',
  },
  {
    name: 'wildcard',
    about: 'The leaf is for *.<base>; the host is one label below.',
    leaf: (base) => ({ dnsNames: [`*.${base}`] }),
    host: (base) => `www.${base}`,
  },
  {
    name: 'wildcard-two-labels',
    about: 'The leaf is for *.<base>; the host is two labels below.',
    leaf: (base) => ({ dnsNames: [`*.${base}`] }),
    host: (base) => `a.b.${base}`,
  },
  {
    name: 'wildcard-bare-domain',
    about: 'The leaf is for *.<base> only; the host is <base> itself.',
    leaf: (base) => ({ dnsNames: [`*.${base}`] }),
  },
  {
    name: 'wildcard-partial',
    about: 'The leaf is for w*.<base> (a partial-label wildcard); the host is www.<base>.',
    leaf: (base) => ({ dnsNames: [`w*.${base}`] }),
    host: (base) => `www.${base}`,
  },
  {
    name: 'wildcard-not-leftmost',
    about: 'The leaf is for www.*.<base>; the host is www.x.<base>.',
    leaf: (base) => ({ dnsNames: [`www.*.${base}`] }),
    host: (base) => `www.x.${base}`,
  },
  {
    name: 'wildcard-in-cn-only',
    about: 'The leaf has no SAN and CN *.<base>; the host is one label below.',
    leaf: (base) => ({ commonName: `*.${base}`, dnsNames: [] }),
    host: (base) => `www.${base}`,
  },
  {
    name: 'host-upper-case-san',
    about: 'The leaf SAN is in upper case; the host is lower case.',
    leaf: (base) => ({ dnsNames: [base.toUpperCase()] }),
  },

  // CA and path shape
  {
    name: 'ca-as-leaf',
    about: 'The server certificate is itself a CA (cA=TRUE, keyCertSign) with the right SAN.',
    leaf: { isCa: true, keyUsage: ['digitalSignature', 'keyCertSign'], extKeyUsage: ['serverAuth'] },
  },
  {
    name: 'pathlen-violated',
    about: 'The intermediate has pathLen 0 yet issues another intermediate, which issues the leaf.',
    intermediate: { pathLen: 0 },
    lowerIntermediate: {},
  },
  {
    name: 'pathlen-root-zero',
    about: 'The root (the trust anchor) has pathLen 0 and issues an intermediate.',
    root: { pathLen: 0 },
  },
  {
    name: 'pathlen-ok-two-intermediates',
    about: 'Control: pathLen 1 on the upper intermediate, two intermediates.',
    intermediate: { pathLen: 1 },
    lowerIntermediate: { pathLen: 0 },
  },
  {
    name: 'unknown-critical-ext-leaf',
    about: 'The leaf has an unknown critical extension.',
    leaf: unknownExtension(true),
  },
  {
    name: 'unknown-critical-ext-intermediate',
    about: 'The intermediate has an unknown critical extension.',
    intermediate: unknownExtension(true),
  },
  {
    name: 'unknown-noncritical-ext-leaf',
    about: 'Control: the leaf has an unknown non-critical extension.',
    leaf: unknownExtension(false),
  },
  {
    name: 'self-signed-leaf-trusted',
    about: 'A self-signed leaf (cA=FALSE) that is itself the trust anchor.',
    selfSignedLeaf: 'trusted',
  },
  {
    name: 'self-signed-leaf-untrusted',
    about: 'A self-signed leaf that no anchor vouches for.',
    selfSignedLeaf: 'untrusted',
  },
  {
    name: 'leaf-no-aki-ski',
    about: 'The leaf has neither AKI nor SKI.',
    leaf: { authorityKeyId: false, subjectKeyId: false },
  },
];

function apply(tweak: Tweak | undefined, base: string): Partial<CertOptions> {
  return typeof tweak === 'function' ? tweak(base) : (tweak ?? {});
}

export async function variantCase(variant: Variant): Promise<ClientCase> {
  const base = `${variant.name}.${variantDomain}`;
  const host = typeof variant.host === 'function' ? variant.host(base) : (variant.host ?? base);
  // The leaf is for the base name (or, for IP hosts, has no DNS name); rows change that.
  const leafDefaults: CertOptions = { commonName: base, dnsNames: /^[\d.]+$/.test(host) ? [] : [base] };

  if (variant.selfSignedLeaf) {
    const leaf = await issueCert({ ...leafDefaults, commonName: base, ...apply(variant.leaf, base) });
    return toCase(variant, host, variant.selfSignedLeaf === 'trusted' ? [leaf] : [], [leaf], leaf);
  }

  const root = await issueCert({
    commonName: `Certscope Variant Root (${variant.name})`,
    isCa: true,
    ...apply(variant.root, base),
  });
  const intermediate = await issueCert({
    commonName: `Certscope Variant Intermediate (${variant.name})`,
    isCa: true,
    issuer: root,
    ...apply(variant.intermediate, base),
  });
  const lower = variant.lowerIntermediate
    ? await issueCert({
        commonName: `Certscope Variant Lower Intermediate (${variant.name})`,
        isCa: true,
        issuer: intermediate,
        ...apply(variant.lowerIntermediate, base),
      })
    : undefined;
  const issuer = lower ?? intermediate;
  const aia = variant.aiaIntermediate
    ? {
        [await publishAia(
          `${variant.name}/issuer.${variant.aiaIntermediate}`,
          issuer.der,
          variant.aiaIntermediate,
        )]: issuer.der,
      }
    : undefined;
  const leaf = await issueCert({
    ...leafDefaults,
    issuer,
    ...(aia ? { aiaCaIssuersUrl: Object.keys(aia)[0] } : {}),
    ...apply(variant.leaf, base),
  });
  const chain = lower ? [leaf, lower, intermediate] : [leaf, intermediate];
  return toCase(variant, host, [root], variant.send === 'leaf' ? [leaf] : chain, leaf, aia);
}

function toCase(
  variant: Variant,
  host: string,
  anchors: LabCert[],
  presented: LabCert[],
  leaf: LabCert,
  aia?: Record<string, Uint8Array>,
): ClientCase {
  return {
    id: `variant:${variant.name}`,
    source: 'variant',
    description: variant.about,
    anchors: anchors.map((certificate) => certificate.der),
    presented: presented.map((certificate) => certificate.der),
    ...(aia ? { aia } : {}),
    host: hostName(host),
    leafKeyPem: leaf.key.pkcs8Pem,
  };
}

export async function variantCases(names?: readonly string[]): Promise<ClientCase[]> {
  const chosen = names ? variants.filter((variant) => names.includes(variant.name)) : variants;
  if (names && chosen.length !== names.length) {
    const missing = names.filter((name) => !variants.some((variant) => variant.name === name));
    throw new Error(`unknown variants: ${missing.join(', ')}`);
  }
  const cases: ClientCase[] = [];
  for (const variant of chosen) cases.push(await variantCase(variant));
  return cases;
}
