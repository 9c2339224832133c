/**
 * Ready-made hierarchies for each classic problem. A scenario is plain data: the certificates,
 * which of them a server should send and in what order (`presented`), which roots a verifier
 * should trust (`anchors`), and the host name to check. Tests, the bench and the Lab screen all
 * use these; to add one, add a builder to `builders` (see test/lab/README.md).
 */
import { issueCert, type CertOptions, type LabCert } from './certs';
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
}

export interface ScenarioOptions {
  /** Key type for every certificate in the hierarchy (default p256). */
  keySpec?: KeySpec;
  /** Number of intermediates for `long-chain` (default 4). */
  depth?: number;
}

const day = 86_400_000;
export const labDomain = 'lab.certscope.test';

const descriptions = {
  good: 'A valid chain: leaf ← intermediate ← root, sent in the right order.',
  expired: 'The leaf certificate expired ten days ago.',
  'not-yet-valid': 'The leaf certificate only becomes valid in ten days.',
  'wrong-host': 'A valid chain, but the certificate names a different host.',
  'self-signed-leaf': 'The server presents a self-signed certificate that no one vouches for.',
  'untrusted-root': 'A complete chain up to a root that is not in any trust store.',
  'missing-intermediate':
    'The server sends only its leaf; the intermediate that links it to the root is missing.',
  'wrong-order':
    'All certificates are sent, but the two intermediates come in the wrong order (the one near the root first).',
  'extra-certificate': 'The server also sends a certificate that has nothing to do with its chain.',
  'duplicate-certificate': 'The server sends the intermediate twice.',
  'sha1-signature': 'The leaf is signed with SHA-1, which browsers stopped accepting in 2017.',
  'rsa1024-key': 'The leaf has a 1024-bit RSA key, too weak to be trusted.',
  'cross-signed': 'The intermediate is cross-signed by two roots, so two valid paths exist.',
  'name-constraints': 'The intermediate may only issue for *.allowed.test; the leaf names another domain.',
  'ca-without-basic-constraints': 'The issuing "CA" lacks the basicConstraints extension, so it is not a CA.',
  'long-chain': 'A chain with several intermediates between the leaf and the root.',
  'client-auth':
    'A server that asks for a client certificate (two-way TLS), with a client certificate to present.',
} as const;

export type ScenarioName = keyof typeof descriptions;

export const scenarioNames = Object.keys(descriptions) as ScenarioName[];

export function describeScenario(name: ScenarioName): string {
  return descriptions[name];
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
): Promise<Hierarchy> {
  const host = `${name}.${labDomain}`;
  const root = await issueCert({
    commonName: `Certscope Lab Root (${name})`,
    subjectExtra: { organization: 'Certscope Lab' },
    isCa: true,
    keySpec,
  });
  const intermediate = await issueCert({
    commonName: `Certscope Lab Intermediate (${name})`,
    subjectExtra: { organization: 'Certscope Lab' },
    isCa: true,
    pathLen: 0,
    issuer: root,
    keySpec,
  });
  const leaf = await issueCert({
    commonName: host,
    issuer: intermediate,
    dnsNames: [host, 'localhost'],
    ipAddresses: ['127.0.0.1', '::1'],
    keySpec,
    ...leafOptions,
  });
  return { root, intermediate, leaf };
}

function scenario(
  name: ScenarioName,
  parts: Hierarchy,
  presented: LabCert[],
  extra: Partial<Pick<Scenario, 'anchors' | 'others' | 'host' | 'intermediates'>> = {},
): Scenario {
  return {
    name,
    description: descriptions[name],
    host: extra.host ?? `${name}.${labDomain}`,
    presented,
    leaf: parts.leaf,
    intermediates: extra.intermediates ?? [parts.intermediate],
    root: parts.root,
    anchors: extra.anchors ?? [parts.root],
    others: extra.others ?? {},
  };
}

type Builder = (name: ScenarioName, options: Required<ScenarioOptions>) => Promise<Scenario>;

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
      dnsNames: [host, 'localhost'],
      ipAddresses: ['127.0.0.1'],
      keySpec,
    });
    return {
      name,
      description: descriptions[name],
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
      dnsNames: [host, 'localhost'],
      ipAddresses: ['127.0.0.1'],
      keySpec,
    });
    return {
      name,
      description: descriptions[name],
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
      dnsNames: [host, 'localhost'],
      ipAddresses: ['127.0.0.1'],
      keySpec,
    });
    return {
      name,
      description: descriptions[name],
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
      dnsNames: [host],
      ipAddresses: ['127.0.0.1'],
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
      description: descriptions[name],
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
      dnsNames: [host],
      ipAddresses: ['127.0.0.1'],
      keySpec,
    });
    return {
      name,
      description: descriptions[name],
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
      dnsNames: [host],
      ipAddresses: ['127.0.0.1'],
      keySpec,
    });
    return {
      name,
      description: descriptions[name],
      host,
      presented: [leaf, ...intermediates],
      leaf,
      intermediates,
      root,
      anchors: [root],
      others: {},
    };
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
  return builder(name, { keySpec: options.keySpec ?? 'p256', depth: options.depth ?? 4 });
}
