/**
 * Ready-made hierarchies for each classic problem. A scenario is plain data: the certificates,
 * which of them a server should send and in what order (`presented`), which roots a verifier
 * should trust (`anchors`), and the host name to check. Tests, the bench and the Lab screen all
 * use these; to add one, add a builder to `builders` (see test/lab/README.md).
 */
import { createCrl, issueCert, type CertOptions, type LabCert } from './certs';
import type { KeySpec } from './keys';

export interface Scenario {
  name: ScenarioName;
  description: string;
  /** The host name the leaf is (or, for wrong-host, is not) valid for. */
  host: string;
  /** What the server sends, exactly in this order, leaf first. */
  presented: LabCert[];
  leaf: LabCert;
  intermediates: LabCert[];
  root: LabCert;
  /** The roots a verifier should treat as trusted for this scenario. */
  anchors: LabCert[];
  /** Other certificates a scenario made (the unrelated extra, the second root of a cross-sign…). */
  others: Record<string, LabCert>;
  /** What the scenario's CAs publish about revocation, to serve at `revocationBase` (revoked-*). */
  revocation?: ScenarioRevocation;
}

export interface ScenarioRevocation {
  /** CRLs (DER) by path under `revocationBase`. */
  crls: Record<string, Uint8Array>;
  /** An OCSP responder at this path: answers for `issuer`'s certificates, `revoked` by serial. */
  ocsp?: { path: string; issuer: LabCert; revoked: bigint[] };
}

export interface ScenarioOptions {
  /** Key type for every certificate in the hierarchy (default p256). */
  keySpec?: KeySpec;
  /** Number of intermediates for `long-chain` (default 4). */
  depth?: number;
  /**
   * Where the revoked-* scenarios' CRLs and OCSP responder are served, ending in `/` (the Lab
   * service passes its local server's URL; by default a `.test` name nothing answers at).
   */
  revocationBase?: string;
}

/** The name the Lab's Inspect button connects with: every leaf meant to match lists it. */
export const labConnectName = 'localhost';

const day = 86_400_000;
export const labDomain = 'lab.certscope.test';

/** What the Lab list shows for each scenario: a title and one plain-language line. */
const catalogue = {
  good: {
    title: 'Good chain',
    description: 'A valid chain: leaf ← intermediate ← root, sent in the right order.',
  },
  expired: { title: 'Expired certificate', description: 'The leaf certificate expired ten days ago.' },
  'not-yet-valid': {
    title: 'Not yet valid',
    description: 'The leaf certificate only becomes valid in ten days.',
  },
  'wrong-host': {
    title: 'Wrong host name',
    description: `A valid chain, but the certificate names a different host (other.${labDomain}), not the one asked for.`,
  },
  'self-signed-leaf': {
    title: 'Self-signed certificate',
    description: 'The server presents a self-signed certificate that no one vouches for.',
  },
  'untrusted-root': {
    title: 'Untrusted root',
    description: 'A complete chain up to a root that is in no trust store — not even the Lab’s.',
  },
  'missing-intermediate': {
    title: 'Missing intermediate',
    description: 'The server sends only its leaf; the intermediate that links it to the root is missing.',
  },
  'wrong-order': {
    title: 'Wrong order',
    description:
      'All certificates are sent, but the two intermediates come in the wrong order (the one near the root first).',
  },
  'extra-certificate': {
    title: 'Extra certificate',
    description: 'The server also sends a certificate that has nothing to do with its chain.',
  },
  'duplicate-certificate': {
    title: 'Duplicate certificate',
    description: 'The server sends the intermediate twice.',
  },
  'sha1-signature': {
    title: 'SHA-1 signature',
    description: 'The leaf is signed with SHA-1, which browsers stopped accepting in 2017.',
  },
  'rsa1024-key': {
    title: '1024-bit RSA key',
    description: 'The leaf has a 1024-bit RSA key, too weak to be trusted.',
  },
  'cross-signed': {
    title: 'Cross-signed intermediate',
    description: 'The intermediate is cross-signed by two roots, so two valid paths exist.',
  },
  'name-constraints': {
    title: 'Name constraints',
    description: 'The intermediate may only issue for *.allowed.test; the leaf names other hosts.',
  },
  'ca-without-basic-constraints': {
    title: 'CA without basicConstraints',
    description: 'The issuing "CA" lacks the basicConstraints extension, so it is not a CA.',
  },
  'long-chain': {
    title: 'Long chain',
    description: 'A chain with several intermediates between the leaf and the root.',
  },
  'client-auth': {
    title: 'Client certificate (two-way TLS)',
    description:
      'A server that asks for a client certificate (two-way TLS), with a client certificate to present.',
  },
  'revoked-crl': {
    title: 'Revoked (CRL)',
    description: 'The CA revoked the leaf and lists it on its CRL, served by the Lab.',
  },
  'revoked-ocsp': {
    title: 'Revoked (OCSP)',
    description: 'The CA revoked the leaf; its OCSP responder, run by the Lab, says so.',
  },
} as const satisfies Record<string, { title: string; description: string }>;

export type ScenarioName = keyof typeof catalogue;

export const scenarioNames = Object.keys(catalogue) as ScenarioName[];

export function describeScenario(name: ScenarioName): string {
  return catalogue[name].description;
}

export function scenarioTitle(name: ScenarioName): string {
  return catalogue[name].title;
}

interface Hierarchy {
  root: LabCert;
  intermediate: LabCert;
  leaf: LabCert;
}

async function hierarchy(
  name: string,
  keySpec: KeySpec,
  leafOptions: Partial<CertOptions> = {},
  intermediateOptions: Partial<CertOptions> = {},
): Promise<Hierarchy> {
  const host = `${name}.${labDomain}`;
  // CAs older than the leaves they issue, as real ones are: time travel back to a leaf's start finds them valid.
  const caSince = new Date(Date.now() - 365 * day);
  const root = await issueCert({
    commonName: `Certscope Lab Root (${name})`,
    subjectExtra: { organization: 'Certscope Lab' },
    isCa: true,
    notBefore: caSince,
    keySpec,
  });
  const intermediate = await issueCert({
    commonName: `Certscope Lab Intermediate (${name})`,
    subjectExtra: { organization: 'Certscope Lab' },
    isCa: true,
    pathLen: 0,
    issuer: root,
    notBefore: caSince,
    keySpec,
    ...intermediateOptions,
  });
  const leaf = await issueCert({
    commonName: host,
    issuer: intermediate,
    ...leafNames(host),
    keySpec,
    ...leafOptions,
  });
  return { root, intermediate, leaf };
}

/** A leaf's names: its lab host name and the loopback names the Lab's servers are reached at. */
function leafNames(host: string): Pick<CertOptions, 'dnsNames' | 'ipAddresses'> {
  return { dnsNames: [host, labConnectName], ipAddresses: ['127.0.0.1', '::1'] };
}

function scenario(
  name: ScenarioName,
  parts: Hierarchy,
  presented: LabCert[],
  extra: Partial<Pick<Scenario, 'anchors' | 'others' | 'host' | 'intermediates' | 'revocation'>> = {},
): Scenario {
  return {
    name,
    description: catalogue[name].description,
    host: extra.host ?? `${name}.${labDomain}`,
    presented,
    leaf: parts.leaf,
    intermediates: extra.intermediates ?? [parts.intermediate],
    root: parts.root,
    anchors: extra.anchors ?? [parts.root],
    others: extra.others ?? {},
    ...(extra.revocation ? { revocation: extra.revocation } : {}),
  };
}

type Builder = (name: ScenarioName, options: Required<ScenarioOptions>) => Promise<Scenario>;

/** A hierarchy whose CAs publish revocation at `base`: the root's CRL for the intermediate, and the leaf's way. */
async function revokedHierarchy(
  name: ScenarioName,
  { keySpec, revocationBase: base }: Required<ScenarioOptions>,
  leafOptions: Partial<CertOptions>,
): Promise<Hierarchy & { rootCrl: Uint8Array }> {
  const parts = await hierarchy(name, keySpec, leafOptions, { crlUrl: `${base}root.crl` });
  const rootCrl = (await createCrl(parts.root, [])).der;
  return { ...parts, rootCrl };
}

const builders: Record<ScenarioName, Builder> = {
  good: async (name, { keySpec }) => {
    const parts = await hierarchy(name, keySpec);
    return scenario(name, parts, [parts.leaf, parts.intermediate]);
  },
  expired: async (name, { keySpec }) => {
    const parts = await hierarchy(name, keySpec, {
      notBefore: new Date(Date.now() - 100 * day),
      notAfter: new Date(Date.now() - 10 * day),
    });
    return scenario(name, parts, [parts.leaf, parts.intermediate]);
  },
  'not-yet-valid': async (name, { keySpec }) => {
    const parts = await hierarchy(name, keySpec, {
      notBefore: new Date(Date.now() + 10 * day),
      notAfter: new Date(Date.now() + 100 * day),
    });
    return scenario(name, parts, [parts.leaf, parts.intermediate]);
  },
  'wrong-host': async (name, { keySpec }) => {
    const parts = await hierarchy(name, keySpec, {
      commonName: `other.${labDomain}`,
      dnsNames: [`other.${labDomain}`],
      ipAddresses: [],
    });
    return scenario(name, parts, [parts.leaf, parts.intermediate]);
  },
  'self-signed-leaf': async (name, { keySpec }) => {
    const host = `${name}.${labDomain}`;
    const leaf = await issueCert({
      commonName: host,
      ...leafNames(host),
      keySpec,
    });
    return {
      name,
      description: catalogue[name].description,
      host,
      presented: [leaf],
      leaf,
      intermediates: [],
      root: leaf,
      anchors: [],
      others: {},
    };
  },
  'untrusted-root': async (name, { keySpec }) => {
    const parts = await hierarchy(name, keySpec);
    const trustedElsewhere = await issueCert({
      commonName: 'Certscope Lab Root (the one you trust)',
      isCa: true,
      keySpec,
    });
    return scenario(name, parts, [parts.leaf, parts.intermediate, parts.root], {
      anchors: [trustedElsewhere],
      others: { trustedElsewhere },
    });
  },
  'missing-intermediate': async (name, { keySpec }) => {
    const parts = await hierarchy(name, keySpec);
    return scenario(name, parts, [parts.leaf]);
  },
  'wrong-order': async (name, { keySpec }) => {
    // TLS requires the leaf first (its key signs the handshake), so misordering happens among
    // the intermediates: root ← upper ← lower ← leaf, sent as [leaf, upper, lower].
    const root = await issueCert({ commonName: 'Certscope Lab Root (wrong-order)', isCa: true, keySpec });
    const upper = await issueCert({
      commonName: 'Certscope Lab Upper Intermediate',
      isCa: true,
      issuer: root,
      keySpec,
    });
    const lower = await issueCert({
      commonName: 'Certscope Lab Lower Intermediate',
      isCa: true,
      issuer: upper,
      keySpec,
    });
    const host = `${name}.${labDomain}`;
    const leaf = await issueCert({
      commonName: host,
      issuer: lower,
      ...leafNames(host),
      keySpec,
    });
    return {
      name,
      description: catalogue[name].description,
      host,
      presented: [leaf, upper, lower],
      leaf,
      intermediates: [lower, upper],
      root,
      anchors: [root],
      others: {},
    };
  },
  'extra-certificate': async (name, { keySpec }) => {
    const parts = await hierarchy(name, keySpec);
    const unrelated = await issueCert({ commonName: 'Unrelated Lab CA', isCa: true, keySpec });
    return scenario(name, parts, [parts.leaf, unrelated, parts.intermediate], { others: { unrelated } });
  },
  'duplicate-certificate': async (name, { keySpec }) => {
    const parts = await hierarchy(name, keySpec);
    return scenario(name, parts, [parts.leaf, parts.intermediate, parts.intermediate]);
  },
  'sha1-signature': async (name, { keySpec }) => {
    const parts = await hierarchy(name, keySpec === 'ed25519' ? 'p256' : keySpec, { signatureHash: 'SHA-1' });
    return scenario(name, parts, [parts.leaf, parts.intermediate]);
  },
  'rsa1024-key': async (name, { keySpec }) => {
    const parts = await hierarchy(name, keySpec, { keySpec: 'rsa1024' });
    return scenario(name, parts, [parts.leaf, parts.intermediate]);
  },
  'cross-signed': async (name, { keySpec }) => {
    const oldRoot = await issueCert({ commonName: 'Certscope Lab Old Root', isCa: true, keySpec });
    const newRoot = await issueCert({ commonName: 'Certscope Lab New Root', isCa: true, keySpec });
    // The same intermediate subject and key, issued once by each root.
    const viaNew = await issueCert({
      commonName: 'Certscope Lab Cross Intermediate',
      isCa: true,
      issuer: newRoot,
      keySpec,
    });
    const viaOld = await issueCert({
      commonName: 'Certscope Lab Cross Intermediate',
      isCa: true,
      issuer: oldRoot,
      key: viaNew.key,
    });
    const host = `${name}.${labDomain}`;
    const leaf = await issueCert({
      commonName: host,
      issuer: viaNew,
      ...leafNames(host),
      keySpec,
    });
    return {
      name,
      description: catalogue[name].description,
      host,
      presented: [leaf, viaNew, viaOld],
      leaf,
      intermediates: [viaNew, viaOld],
      root: newRoot,
      anchors: [newRoot, oldRoot],
      others: { oldRoot, newRoot, viaNew, viaOld },
    };
  },
  'name-constraints': async (name, { keySpec }) => {
    const root = await issueCert({ commonName: 'Certscope Lab Constrained Root', isCa: true, keySpec });
    const intermediate = await issueCert({
      commonName: 'Certscope Lab Constrained Intermediate',
      isCa: true,
      issuer: root,
      keySpec,
      nameConstraints: { permittedDns: ['allowed.test'], permittedIp: ['127.0.0.0/8'] },
    });
    const host = `${name}.${labDomain}`;
    const leaf = await issueCert({
      commonName: host,
      issuer: intermediate,
      ...leafNames(host),
      keySpec,
    });
    const allowed = await issueCert({
      commonName: 'www.allowed.test',
      issuer: intermediate,
      dnsNames: ['www.allowed.test'],
      keySpec,
    });
    return {
      name,
      description: catalogue[name].description,
      host,
      presented: [leaf, intermediate],
      leaf,
      intermediates: [intermediate],
      root,
      anchors: [root],
      others: { allowed },
    };
  },
  'ca-without-basic-constraints': async (name, { keySpec }) => {
    const root = await issueCert({ commonName: 'Certscope Lab Root (no-bc)', isCa: true, keySpec });
    const fakeCa = await issueCert({
      commonName: 'Certscope Lab Issuer without basicConstraints',
      issuer: root,
      omitBasicConstraints: true,
      keyUsage: ['keyCertSign', 'digitalSignature'],
      extKeyUsage: null,
      keySpec,
    });
    const host = `${name}.${labDomain}`;
    const leaf = await issueCert({
      commonName: host,
      issuer: fakeCa,
      ...leafNames(host),
      keySpec,
    });
    return {
      name,
      description: catalogue[name].description,
      host,
      presented: [leaf, fakeCa],
      leaf,
      intermediates: [fakeCa],
      root,
      anchors: [root],
      others: {},
    };
  },
  'long-chain': async (name, { keySpec, depth }) => {
    const root = await issueCert({ commonName: 'Certscope Lab Long Root', isCa: true, keySpec });
    const intermediates: LabCert[] = [];
    let issuer = root;
    for (let level = 1; level <= depth; level++) {
      issuer = await issueCert({
        commonName: `Certscope Lab Intermediate ${level}`,
        isCa: true,
        issuer,
        keySpec,
      });
      intermediates.unshift(issuer);
    }
    const host = `${name}.${labDomain}`;
    const leaf = await issueCert({
      commonName: host,
      issuer,
      ...leafNames(host),
      keySpec,
    });
    return {
      name,
      description: catalogue[name].description,
      host,
      presented: [leaf, ...intermediates],
      leaf,
      intermediates,
      root,
      anchors: [root],
      others: {},
    };
  },
  'revoked-crl': async (name, options) => {
    const base = options.revocationBase;
    const parts = await revokedHierarchy(name, options, { crlUrl: `${base}intermediate.crl` });
    // keyCompromise, an hour ago (the CRL's own time)
    const intermediateCrl = await createCrl(parts.intermediate, [{ serial: parts.leaf.serial, reason: 1 }]);
    return scenario(name, parts, [parts.leaf, parts.intermediate], {
      revocation: { crls: { 'root.crl': parts.rootCrl, 'intermediate.crl': intermediateCrl.der } },
    });
  },
  'revoked-ocsp': async (name, options) => {
    const parts = await revokedHierarchy(name, options, { ocspUrl: `${options.revocationBase}ocsp` });
    return scenario(name, parts, [parts.leaf, parts.intermediate], {
      revocation: {
        crls: { 'root.crl': parts.rootCrl },
        ocsp: { path: 'ocsp', issuer: parts.intermediate, revoked: [parts.leaf.serial] },
      },
    });
  },
  'client-auth': async (name, { keySpec }) => {
    const parts = await hierarchy(name, keySpec);
    const clientRoot = await issueCert({ commonName: 'Certscope Lab Client Root', isCa: true, keySpec });
    const client = await issueCert({
      commonName: 'Lab Client',
      issuer: clientRoot,
      extKeyUsage: ['clientAuth'],
      keySpec,
    });
    return scenario(name, parts, [parts.leaf, parts.intermediate], { others: { clientRoot, client } });
  },
};

export async function buildScenario(name: ScenarioName, options: ScenarioOptions = {}): Promise<Scenario> {
  const builder = builders[name];
  if (!builder) throw new Error(`unknown lab scenario: ${name}`);
  return builder(name, {
    keySpec: options.keySpec ?? 'p256',
    depth: options.depth ?? 4,
    revocationBase: options.revocationBase ?? `http://revocation.${labDomain}/`,
  });
}
