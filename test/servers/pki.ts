/**
 * The PKI the real servers present, minted at test time with the lab (no keys committed): an RSA
 * and an ECDSA hierarchy (root ← intermediate ← leaf for 127.0.0.1, ::1 and localhost), a client
 * CA with a client certificate it issued, a client certificate nobody vouches for, and a stapled
 * OCSP response for each leaf made by the real `openssl ocsp`.
 */
import { createOcspResponse, issueCert, type KeySpec, type LabCert } from '../lab';
import type { TempDir } from './harness';

export const serverDomain = 'real.certscope.test';

export interface Hierarchy {
  root: LabCert;
  intermediate: LabCert;
  leaf: LabCert;
  /** What the server sends: leaf, then intermediate. */
  chain: LabCert[];
  /** A good OCSP response for the leaf, signed by the intermediate (DER). */
  ocsp: Uint8Array;
}

export interface ServerPki {
  rsa: Hierarchy;
  ecdsa: Hierarchy;
  /** The CA whose certificates the servers accept from clients (it has an O and a CN). */
  clientRoot: LabCert;
  /** An RSA client certificate `clientRoot` issued (RSA: its CertificateVerify has a fixed size). */
  client: LabCert;
  /** A client certificate from a root no server trusts. */
  strangerClient: LabCert;
}

async function hierarchy(keySpec: KeySpec, label: string): Promise<Hierarchy> {
  const organization = 'Certscope Real Servers';
  const root = await issueCert({
    commonName: `Real Servers ${label} Root`,
    subjectExtra: { organization },
    isCa: true,
    keySpec,
  });
  const intermediate = await issueCert({
    commonName: `Real Servers ${label} Intermediate`,
    subjectExtra: { organization },
    isCa: true,
    pathLen: 0,
    issuer: root,
    keySpec,
  });
  const leaf = await issueCert({
    commonName: serverDomain,
    issuer: intermediate,
    dnsNames: [serverDomain, 'localhost'],
    ipAddresses: ['127.0.0.1', '::1'],
    keySpec,
  });
  return {
    root,
    intermediate,
    leaf,
    chain: [leaf, intermediate],
    ocsp: createOcspResponse(leaf, intermediate),
  };
}

let shared: Promise<ServerPki> | undefined;

/** One PKI per test file (minting RSA keys is the slow part). */
export function serverPki(): Promise<ServerPki> {
  shared ??= (async () => {
    const [rsa, ecdsa] = await Promise.all([hierarchy('rsa2048', 'RSA'), hierarchy('p256', 'ECDSA')]);
    const clientRoot = await issueCert({
      commonName: 'Real Test Client Root',
      subjectExtra: { organization: 'Certscope Real Servers' },
      isCa: true,
      keySpec: 'rsa2048',
    });
    const client = await issueCert({
      commonName: 'Real Test Client',
      issuer: clientRoot,
      extKeyUsage: ['clientAuth'],
      keySpec: 'rsa2048',
    });
    const strangerRoot = await issueCert({ commonName: 'Stranger Root', isCa: true, keySpec: 'rsa2048' });
    const strangerClient = await issueCert({
      commonName: 'Stranger Client',
      issuer: strangerRoot,
      extKeyUsage: ['clientAuth'],
      keySpec: 'rsa2048',
    });
    return { rsa, ecdsa, clientRoot, client, strangerClient };
  })();
  return shared;
}

export interface HierarchyFiles {
  /** The leaf alone. */
  leaf: string;
  /** The intermediate alone. */
  intermediate: string;
  /** Leaf then intermediate, one PEM file. */
  fullchain: string;
  /** The leaf's private key (PKCS#8 PEM, mode 0600). */
  key: string;
  root: string;
  /** The leaf's stapled OCSP response (DER). */
  ocsp: string;
}

/** Writes a hierarchy's files as `<prefix>-leaf.pem`, … into `dir` (owned by `owner` if given). */
export function writeHierarchy(
  dir: TempDir,
  hierarchy: Hierarchy,
  prefix: string,
  owner?: string,
): HierarchyFiles {
  const options = owner ? { owner } : {};
  return {
    leaf: dir.write(`${prefix}-leaf.pem`, hierarchy.leaf.pem, options),
    intermediate: dir.write(`${prefix}-intermediate.pem`, hierarchy.intermediate.pem, options),
    fullchain: dir.write(
      `${prefix}-fullchain.pem`,
      hierarchy.chain.map((cert) => cert.pem).join(''),
      options,
    ),
    key: dir.write(`${prefix}-key.pem`, hierarchy.leaf.key.pkcs8Pem, { ...options, mode: 0o600 }),
    root: dir.write(`${prefix}-root.pem`, hierarchy.root.pem, options),
    ocsp: dir.write(`${prefix}-ocsp.der`, hierarchy.ocsp, options),
  };
}

/** A client certificate and key as files, for `--client-cert`/`--client-key` and `s_client -cert`. */
export function writeClient(dir: TempDir, client: LabCert, prefix: string): { cert: string; key: string } {
  return {
    cert: dir.write(`${prefix}.pem`, client.pem),
    key: dir.write(`${prefix}.key`, client.key.pkcs8Pem, { mode: 0o600 }),
  };
}

export const ders = (chain: LabCert[]) => chain.map((certificate) => certificate.der);
