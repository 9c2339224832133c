/**
 * What the display shows of a certificate (the model and its extension trees, as a user reads
 * them) against the verifier's view of the same bytes: names, SANs, key usage, EKU, basic and
 * name constraints, policies, key identifiers, AIA and CRL URLs, validity, DER and profile
 * problems. Shared by the corpus test and the fuzz property.
 */
import { DerError } from '../../src-core/asn1/der';
import { toHex } from '../../src-core/bytes/hex';
import { CertificateStructureError, readVerifyCert, type VerifyCert } from '../../src-core/verify/cert';
import type { GeneralNames } from '../../src-core/verify/general-names';
import { readCertificate } from '../../src-core/x509/certificate';
import { describeExtensions } from '../../src-core/x509/extensions/registry';
import type { ExtensionNode, ExtensionView } from '../../src-core/x509/extensions/nodes';
import type { CertificateModel } from '../../src-core/x509/model';
import { nameKey, type NameAttribute } from '../../src-core/x509/name';

const oid = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  nameConstraints: '2.5.29.30',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  policyConstraints: '2.5.29.36',
  policyMappings: '2.5.29.33',
  inhibitAnyPolicy: '2.5.29.54',
  tlsFeature: '1.3.6.1.5.5.7.1.24',
};
const verifierReads = new Set(Object.values(oid));

const texts = (attributes: NameAttribute[], type: string) =>
  attributes
    .filter((attribute) => attribute.oid === type && !attribute.binary)
    .map((attribute) => attribute.value);

function text(node: ExtensionNode): string {
  const value = node.value;
  if (!value) return '';
  switch (value.type) {
    case 'text':
      return value.text;
    case 'oid':
      return value.oid;
    case 'bytes':
    case 'ip':
      return toHex(value.bytes);
    case 'name':
      return value.rfc4514;
    case 'number':
    case 'boolean':
      return String(value.value);
    default:
      return JSON.stringify(value);
  }
}

/** The GeneralNames the display's nodes show, in the verifier's shape (directory names counted). */
function shownNames(nodes: ExtensionNode[]): Omit<GeneralNames, 'dirNames' | 'other'> & { dirNames: number } {
  const of = (key: string) => nodes.filter((node) => node.key === key).map(text);
  return {
    dns: of('dNSName'),
    email: of('rfc822Name'),
    uri: of('uniformResourceIdentifier'),
    ip: of('iPAddress') as unknown as Uint8Array[],
    dirNames: nodes.filter((node) => node.key === 'directoryName').length,
  };
}

function verifierNames(names: GeneralNames | undefined) {
  if (!names) return undefined;
  return {
    dns: names.dns,
    email: names.email,
    uri: names.uri,
    ip: names.ip.map(toHex) as unknown as Uint8Array[],
    dirNames: names.dirNames.length,
  };
}

/** Every difference between the display and the verdict's reading of `der`; [] when they agree. */
export async function displayVerdictDifferences(
  der: Uint8Array,
  readVerifier: (der: Uint8Array) => Promise<VerifyCert> = readVerifyCert,
): Promise<string[]> {
  let model: CertificateModel | undefined;
  let shownError: string | undefined;
  try {
    model = readCertificate(der);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    shownError = error.message;
  }
  let cert: VerifyCert | undefined;
  try {
    cert = await readVerifier(der);
  } catch (error) {
    if (!(error instanceof CertificateStructureError)) throw error;
  }
  if (!model || !cert)
    return model || cert
      ? [`one refuses the bytes, the other reads them (${shownError ?? 'verifier refused'})`]
      : [];

  const differences: string[] = [];
  const same = (what: string, shown: unknown, judged: unknown) => {
    const a = JSON.stringify(shown);
    const b = JSON.stringify(judged);
    if (a !== b) differences.push(`${what}: display ${a} ≠ verifier ${b}`);
  };
  same('subject', nameKey(model.subjectAttributes), cert.subjectKey);
  same('issuer', nameKey(model.issuerAttributes), cert.issuerKey);
  same('common names', texts(model.subjectAttributes, '2.5.4.3'), cert.commonNames);
  same('email attributes', texts(model.subjectAttributes, '1.2.840.113549.1.9.1'), cert.emailAttributes);
  same('serial', model.serialHex, cert.serialHex);
  same('version', model.version - 1, cert.version);
  same('notBefore', model.notBefore.getTime(), cert.notBefore.getTime());
  same('notAfter', model.notAfter.getTime(), cert.notAfter.getTime());
  same('non-strict DER', model.nonStrictDer, cert.nonStrictDer);
  for (const problem of model.problems ?? [])
    if (!cert.malformed.includes(problem))
      differences.push(`the verdict ignores the shown problem "${problem}"`);
  same(
    'key',
    [
      model.publicKey.algorithm.replace(/^X(25519|448)$/, 'unknown'),
      model.publicKey.bits,
      model.publicKey.curve,
    ],
    [cert.key.algorithm, cert.key.bits, cert.key.curve],
  );
  same('signature algorithm', model.signatureAlgorithmOid, cert.signatureOid);

  const views = describeExtensions(model.extensions);
  const counts = new Map<string, number>();
  for (const view of views) counts.set(view.oid, (counts.get(view.oid) ?? 0) + 1);
  const single = (id: string): ExtensionView | undefined =>
    counts.get(id) === 1 ? views.find((view) => view.oid === id) : undefined;
  for (const view of views) {
    if (!verifierReads.has(view.oid) || counts.get(view.oid) !== 1) continue;
    const malformed = `extension ${view.oid} is malformed (${view.error})`;
    if (!view.parsed && !cert.malformed.includes(malformed))
      differences.push(`the display could not read ${view.oid} (${view.error}); the verdict did not say so`);
    if (
      view.parsed &&
      cert.malformed.some((problem) => problem.startsWith(`extension ${view.oid} is malformed`))
    )
      differences.push(`the verdict calls ${view.oid} malformed; the display read it`);
  }
  const parsed = (id: string) => {
    const view = single(id);
    return view?.parsed ? view.nodes : undefined;
  };

  const basic = parsed(oid.basicConstraints);
  if (basic) {
    same(
      'basicConstraints',
      {
        ca: basic.find((node) => node.key === 'cA')?.value,
        pathLen: basic.find((node) => node.key === 'pathLenConstraint')?.value,
      },
      {
        ca: { type: 'boolean', value: cert.basicConstraints?.ca },
        pathLen:
          cert.basicConstraints?.pathLen === undefined
            ? undefined
            : { type: 'number', value: cert.basicConstraints.pathLen },
      },
    );
  }
  if (counts.get(oid.basicConstraints) === 1) same('isCa', model.isCa, cert.basicConstraints?.ca ?? false);
  const keyUsage = parsed(oid.keyUsage);
  if (keyUsage)
    same(
      'keyUsage',
      keyUsage
        .map((node) => node.key)
        .filter((key) => !key.startsWith('bit'))
        .sort(),
      [...(cert.keyUsage ?? [])].sort(),
    );
  const eku = parsed(oid.extKeyUsage);
  if (eku) same('extKeyUsage', eku.map(text), cert.extKeyUsage);
  const san = parsed(oid.subjectAltName);
  if (san) {
    same('subjectAltName', shownNames(san), verifierNames(cert.san));
    same(
      'subjectAltName texts',
      model.sans.flatMap((name) => (name.type === 'dns' ? [name.value] : [])),
      cert.san?.dns,
    );
  }
  const constraints = parsed(oid.nameConstraints);
  if (constraints) {
    const subtrees = (key: string) => {
      const node = constraints.find((candidate) => candidate.key === key);
      return node ? shownNames(node.children ?? []) : undefined;
    };
    same('permitted subtrees', subtrees('permittedSubtrees'), verifierNames(cert.nameConstraints?.permitted));
    same('excluded subtrees', subtrees('excludedSubtrees'), verifierNames(cert.nameConstraints?.excluded));
  }
  const policies = parsed(oid.certificatePolicies);
  if (policies) same('policies', policies.map(text), cert.policies);
  const ski = parsed(oid.subjectKeyIdentifier);
  if (ski) same('subjectKeyIdentifier', text(ski[0]), cert.subjectKeyId);
  const aki = parsed(oid.authorityKeyIdentifier);
  if (aki) {
    const id = aki.find((node) => node.key === 'keyIdentifier');
    same('authorityKeyIdentifier', id && text(id), cert.authorityKeyId);
  }
  const aia = parsed(oid.authorityInfoAccess);
  if (aia) {
    const uris = (key: string) =>
      aia
        .filter((node) => node.key === key)
        .flatMap((node) =>
          (node.children ?? []).filter((child) => child.key === 'uniformResourceIdentifier').map(text),
        );
    same('OCSP URLs', uris('OCSP'), cert.ocspUrls);
    same('CA issuers URLs', uris('caIssuers'), cert.caIssuersUrls);
  }
  const points = parsed(oid.crlDistributionPoints);
  if (points) {
    const uris = points.flatMap((point) =>
      (point.children ?? [])
        .filter((child) => child.key === 'fullName')
        .flatMap((full) =>
          (full.children ?? []).filter((name) => name.key === 'uniformResourceIdentifier').map(text),
        ),
    );
    same('CRL URLs', uris, cert.crlUrls);
  }
  const tls = parsed(oid.tlsFeature);
  if (tls)
    same(
      'must-staple',
      tls.some((node) => node.key === 'status_request'),
      cert.mustStaple,
    );
  const inhibit = parsed(oid.inhibitAnyPolicy);
  if (inhibit) same('inhibitAnyPolicy', text(inhibit[0]), String(cert.inhibitAnyPolicy));
  const mappings = parsed(oid.policyMappings);
  if (mappings)
    same(
      'policyMappings',
      mappings.map((mapping) => (mapping.children ?? []).map(text)),
      cert.policyMappings?.map((mapping) => [mapping.issuerDomainPolicy, mapping.subjectDomainPolicy]),
    );
  return differences;
}
