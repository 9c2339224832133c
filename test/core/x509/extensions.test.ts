/**
 * The extension registry on a certificate the real openssl CLI made with (nearly) every extension
 * a viewer meets, checked against what the config asked for and what `openssl x509 -text` says;
 * plus hex fixtures for what openssl can't make (SCT lists, Microsoft template) and the raw
 * fallback for unknown OIDs and for parsers that throw.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCertificate } from '../../../src-core/x509/certificate';
import type { ExtensionNode, ExtensionView } from '../../../src-core/x509/extensions/nodes';
import { describeExtension, describeExtensions } from '../../../src-core/x509/extensions/registry';
import { readSctList } from '../../../src-core/x509/extensions/sct';
import { formatIp } from '../../../src-core/x509/general-name';
import type { CertificateModel } from '../../../src-core/x509/model';

const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' }).toString();

/** A two-SCT list, TLS-encoded as RFC 6962 §3.3 says, wrapped in the extension's OCTET STRING. */
function sctFixture(): { hex: string; timestamps: number[] } {
  const timestamps = [1_700_000_000_123, 1_700_000_111_456];
  const scts = timestamps.map((timestamp, index) => {
    const signature = Buffer.alloc(70, 0x30 + index);
    const body = Buffer.concat([
      Buffer.from([0]),
      Buffer.alloc(32, 0xa0 + index),
      Buffer.from(timestamp.toString(16).padStart(16, '0'), 'hex'),
      Buffer.from([0, 0, 4, 3]),
      Buffer.from([0, signature.length]),
      signature,
    ]);
    return Buffer.concat([Buffer.from([body.length >> 8, body.length & 0xff]), body]);
  });
  const list = Buffer.concat(scts);
  const tls = Buffer.concat([Buffer.from([list.length >> 8, list.length & 0xff]), list]);
  return { hex: Buffer.concat([Buffer.from([0x04, 0x81, tls.length]), tls]).toString('hex'), timestamps };
}

const find = (nodes: ExtensionNode[], key: string): ExtensionNode[] =>
  nodes.flatMap((node) => [...(node.key === key ? [node] : []), ...find(node.children ?? [], key)]);
const texts = (nodes: ExtensionNode[], key: string) =>
  find(nodes, key).map((node) => {
    const value = node.value;
    if (!value) return undefined;
    if (value.type === 'text') return value.text;
    if (value.type === 'oid') return value.oid;
    if (value.type === 'number') return value.value;
    if (value.type === 'boolean') return value.value;
    if (value.type === 'ip') return formatIp(value.bytes);
    if (value.type === 'name') return value.rfc4514;
    if (value.type === 'bytes') return Buffer.from(value.bytes).toString('hex');
    return undefined;
  });

describe('extension registry on an openssl-made certificate', () => {
  let model: CertificateModel;
  let views: Map<string, ExtensionView>;
  let text: string;
  const sct = sctFixture();

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-ext-'));
    const file = (name: string) => join(dir, name);
    writeFileSync(
      file('ext.cnf'),
      `[req]
distinguished_name = dn
[dn]
[ext]
basicConstraints = critical, CA:TRUE, pathlen:2
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
extendedKeyUsage = serverAuth, clientAuth, 1.2.3.4.5
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = @san
issuerAltName = email:ca@example.org
nameConstraints = critical, permitted;DNS:.example.org, permitted;IP:10.0.0.0/255.0.0.0, excluded;email:bad.example.org, permitted;dirName:nc_dir
authorityInfoAccess = OCSP;URI:http://ocsp.example.org, caIssuers;URI:http://ca.example.org/ca.der
subjectInfoAccess = caRepository;URI:http://repo.example.org/
crlDistributionPoints = crl_dp
freshestCRL = URI:http://crl.example.org/delta.crl
certificatePolicies = 2.23.140.1.2.2, @policy1
policyConstraints = requireExplicitPolicy:3, inhibitPolicyMapping:1
policyMappings = 1.2.3.4:1.2.3.5
inhibitAnyPolicy = 5
tlsfeature = status_request
noCheck = ignored
nsCertType = server, sslCA
nsComment = "A lab certificate"
1.3.6.1.4.1.11129.2.4.2 = DER:${sct.hex}
1.3.6.1.4.1.311.21.7 = ASN1:SEQUENCE:template
1.3.6.1.4.1.311.20.2 = ASN1:BMPSTRING:WebServer
1.3.6.1.4.1.11129.2.4.3 = critical, ASN1:NULL
2.5.29.9 = ASN1:SEQUENCE:directory_attributes
1.2.3.99.1 = ASN1:UTF8String:opaque
[san]
DNS.1 = www.example.org
DNS.2 = *.example.org
IP.1 = 192.0.2.7
IP.2 = 2001:db8::1
email.1 = admin@example.org
URI.1 = https://example.org/id
RID.1 = 1.2.3.4
dirName.1 = san_dir
otherName.1 = 1.3.6.1.4.1.311.20.2.3;UTF8:user@corp.example
[san_dir]
O = SAN Org
CN = SAN Name
[nc_dir]
O = Permitted Org
[crl_dp]
fullname = URI:http://crl.example.org/full.crl
reasons = keyCompromise, superseded
CRLissuer = dirName:crl_issuer
[crl_issuer]
CN = CRL Issuer
[policy1]
policyIdentifier = 1.3.6.1.4.1.99999.1
CPS.1 = "http://cps.example.org/"
userNotice.1 = @notice
[notice]
explicitText = "Use with care"
organization = "Example Org"
noticeNumbers = 1, 2
[template]
id = OID:1.3.6.1.4.1.311.21.8.1.2
major = INTEGER:100
minor = INTEGER:4
[directory_attributes]
attribute = SEQUENCE:country_of_citizenship
[country_of_citizenship]
type = OID:1.3.6.1.5.5.7.9.4
values = SET:citizenship_values
[citizenship_values]
country = PRINTABLESTRING:DE
`,
    );
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      file('key.pem'),
      '-out',
      file('cert.pem'),
      '-subj',
      '/C=DE/O=Lab/CN=Every Extension',
      '-days',
      '10',
      '-config',
      file('ext.cnf'),
      '-extensions',
      'ext',
      '-sha384',
    );
    text = openssl('x509', '-in', file('cert.pem'), '-noout', '-text');
    const der = execFileSync('openssl', ['x509', '-in', file('cert.pem'), '-outform', 'DER']);
    model = readCertificate(new Uint8Array(der));
    expect(readFileSync(file('cert.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
    views = new Map(describeExtensions(model.extensions).map((view) => [view.name ?? view.oid, view]));
  });

  const nodesOf = (name: string) => {
    const view = views.get(name);
    expect(view, name).toBeDefined();
    expect(view!.error, `${name} parser error`).toBeUndefined();
    expect(view!.parsed, name).toBe(true);
    return view!.nodes;
  };

  it('parses every extension it registered, keeping criticality', () => {
    expect(model.extensions.length).toBe(views.size);
    const unparsed = [...views.values()].filter((view) => !view.parsed).map((view) => view.oid);
    expect(unparsed).toEqual(['1.2.3.99.1']);
    expect(views.get('basicConstraints')!.critical).toBe(true);
    expect(views.get('keyUsage')!.critical).toBe(true);
    expect(views.get('nameConstraints')!.critical).toBe(true);
    expect(views.get('precertificatePoison')!.critical).toBe(true);
    expect(views.get('extKeyUsage')!.critical).toBe(false);
  });

  it('reads the model fields a list shows', () => {
    expect(model.subject).toBe('CN=Every Extension,O=Lab,C=DE');
    expect(model.isCa).toBe(true);
    expect(model.version).toBe(3);
    expect(model.publicKey).toMatchObject({ algorithm: 'RSA', bits: 2048, exponent: 65537 });
    expect(model.signatureAlgorithm).toMatchObject({ name: 'sha384WithRSAEncryption', hash: 'SHA-384' });
    expect(model.validationLevel).toBe('OV');
    expect(model.subjectAltNames).toEqual([
      'DNS:www.example.org',
      'DNS:*.example.org',
      'IP:192.0.2.7',
      'IP:2001:db8::1',
      'email:admin@example.org',
      'URI:https://example.org/id',
      'RID:1.2.3.4',
      'DirName:CN=SAN Name,O=SAN Org',
      'othername:1.3.6.1.4.1.311.20.2.3:user@corp.example',
    ]);
    expect(model.nonStrictDer).toEqual([]);
  });

  it('subjectAltName: every general-name type', () => {
    const nodes = nodesOf('subjectAltName');
    expect(texts(nodes, 'dNSName')).toEqual(['www.example.org', '*.example.org']);
    expect(texts(nodes, 'iPAddress')).toEqual(['192.0.2.7', '2001:db8::1']);
    expect(texts(nodes, 'rfc822Name')).toEqual(['admin@example.org']);
    expect(texts(nodes, 'uniformResourceIdentifier')).toEqual(['https://example.org/id']);
    expect(texts(nodes, 'registeredID')).toEqual(['1.2.3.4']);
    expect(texts(nodes, 'directoryName')).toEqual(['CN=SAN Name,O=SAN Org']);
    expect(texts(nodes, 'otherName')).toEqual(['1.3.6.1.4.1.311.20.2.3']);
    expect(find(nodes, 'otherName')[0].value).toMatchObject({ name: 'userPrincipalName' });
    expect(texts(find(nodes, 'otherName'), 'value')).toEqual(['user@corp.example']);
    expect(texts(nodesOf('issuerAltName'), 'rfc822Name')).toEqual(['ca@example.org']);
  });

  it('basic constraints, key usage, EKU, key identifiers', () => {
    expect(texts(nodesOf('basicConstraints'), 'cA')).toEqual([true]);
    expect(texts(nodesOf('basicConstraints'), 'pathLenConstraint')).toEqual([2]);
    expect(nodesOf('keyUsage').map((node) => node.key)).toEqual([
      'digitalSignature',
      'keyCertSign',
      'cRLSign',
    ]);
    expect(texts(nodesOf('extKeyUsage'), 'keyPurpose')).toEqual([
      '1.3.6.1.5.5.7.3.1',
      '1.3.6.1.5.5.7.3.2',
      '1.2.3.4.5',
    ]);
    expect(nodesOf('extKeyUsage')[0].value).toMatchObject({ name: 'serverAuth' });
    const ski = texts(nodesOf('subjectKeyIdentifier'), 'keyIdentifier')[0] as string;
    expect(text.replace(/\s+/g, '')).toContain(
      `X509v3SubjectKeyIdentifier:${ski.toUpperCase().replace(/(..)(?!$)/g, '$1:')}`,
    );
    expect(texts(nodesOf('authorityKeyIdentifier'), 'keyIdentifier')).toEqual([ski]);
  });

  it('name constraints: permitted and excluded, DNS, IP with mask, email, directory names', () => {
    const nodes = nodesOf('nameConstraints');
    const permitted = find(nodes, 'permittedSubtrees')[0].children!;
    expect(texts(permitted, 'dNSName')).toEqual(['.example.org']);
    expect(texts(permitted, 'iPAddress')).toEqual(['10.0.0.0/255.0.0.0']);
    expect(texts(permitted, 'directoryName')).toEqual(['O=Permitted Org']);
    expect(texts(find(nodes, 'excludedSubtrees'), 'rfc822Name')).toEqual(['bad.example.org']);
  });

  it('AIA, SIA, CRL distribution points and freshest CRL', () => {
    const aia = nodesOf('authorityInfoAccess');
    expect(texts(find(aia, 'OCSP'), 'uniformResourceIdentifier')).toEqual(['http://ocsp.example.org']);
    expect(texts(find(aia, 'caIssuers'), 'uniformResourceIdentifier')).toEqual([
      'http://ca.example.org/ca.der',
    ]);
    expect(texts(nodesOf('subjectInfoAccess'), 'uniformResourceIdentifier')).toEqual([
      'http://repo.example.org/',
    ]);
    const dp = nodesOf('cRLDistributionPoints');
    expect(texts(find(dp, 'fullName'), 'uniformResourceIdentifier')).toEqual([
      'http://crl.example.org/full.crl',
    ]);
    expect(find(dp, 'reasons')[0].children!.map((node) => node.key)).toEqual(['keyCompromise', 'superseded']);
    expect(texts(find(dp, 'cRLIssuer'), 'directoryName')).toEqual(['CN=CRL Issuer']);
    expect(texts(nodesOf('freshestCRL'), 'uniformResourceIdentifier')).toEqual([
      'http://crl.example.org/delta.crl',
    ]);
  });

  it('certificate policies with the CA/B Forum level, CPS and user notice', () => {
    const nodes = nodesOf('certificatePolicies');
    expect(texts(nodes, 'policy')).toEqual(['2.23.140.1.2.2', '1.3.6.1.4.1.99999.1']);
    expect(texts(nodes, 'validationLevel')).toEqual(['OV']);
    expect(texts(nodes, 'cps')).toEqual(['http://cps.example.org/']);
    expect(texts(nodes, 'explicitText')).toEqual(['Use with care']);
    expect(texts(nodes, 'noticeRef')).toEqual(['Example Org']);
    expect(texts(nodes, 'noticeNumber')).toEqual([1, 2]);
  });

  it('policy constraints, mappings, inhibit anyPolicy', () => {
    expect(texts(nodesOf('policyConstraints'), 'requireExplicitPolicy')).toEqual([3]);
    expect(texts(nodesOf('policyConstraints'), 'inhibitPolicyMapping')).toEqual([1]);
    expect(texts(nodesOf('policyMappings'), 'issuerDomainPolicy')).toEqual(['1.2.3.4']);
    expect(texts(nodesOf('policyMappings'), 'subjectDomainPolicy')).toEqual(['1.2.3.5']);
    expect(texts(nodesOf('inhibitAnyPolicy'), 'skipCerts')).toEqual([5]);
  });

  it('TLS feature, OCSP no-check, poison, Netscape, Microsoft, directory attributes, SCTs', () => {
    expect(nodesOf('tlsFeature').map((node) => node.key)).toEqual(['status_request']);
    expect(nodesOf('ocspNoCheck')).toHaveLength(1);
    expect(nodesOf('precertificatePoison')).toHaveLength(1);
    expect(nodesOf('netscapeCertType').map((node) => node.key)).toEqual(['sslServer', 'sslCa']);
    expect(texts(nodesOf('netscapeComment'), 'comment')).toEqual(['A lab certificate']);
    expect(texts(nodesOf('microsoftCertificateType'), 'templateName')).toEqual(['WebServer']);
    const template = nodesOf('microsoftCertificateTemplate');
    expect(texts(template, 'templateID')).toEqual(['1.3.6.1.4.1.311.21.8.1.2']);
    expect(texts(template, 'majorVersion')).toEqual([100]);
    expect(texts(template, 'minorVersion')).toEqual([4]);
    const attributes = nodesOf('subjectDirectoryAttributes');
    expect(attributes[0].value).toMatchObject({ oid: '1.3.6.1.5.5.7.9.4', name: 'countryOfCitizenship' });
    expect(texts(attributes, 'value')).toEqual(['DE']);
    const scts = nodesOf('signedCertificateTimestampList');
    expect(scts).toHaveLength(2);
    expect(find(scts, 'timestamp').map((node) => (node.value as { date: Date }).date.getTime())).toEqual(
      sct.timestamps,
    );
    expect(texts(scts, 'logId')).toEqual(['a0'.repeat(32), 'a1'.repeat(32)]);
    expect(texts(scts, 'signatureAlgorithm')).toEqual(['ECDSA with SHA-256', 'ECDSA with SHA-256']);
  });
});

describe('raw fallback', () => {
  const range = { start: 0, end: 0 };
  it('shows an unknown OID as its bytes', () => {
    const view = describeExtension({
      oid: '1.2.3.4',
      critical: true,
      value: new Uint8Array([4, 1, 9]),
      range,
    });
    expect(view).toMatchObject({ parsed: false, critical: true });
    expect(view.error).toBeUndefined();
    expect(view.nodes[0].value).toEqual({ type: 'bytes', bytes: new Uint8Array([4, 1, 9]) });
  });

  it('falls back to the bytes, with the reason, when a parser throws', () => {
    const cases: [string, number[]][] = [
      ['2.5.29.19', [0x30, 0x03, 0x01, 0x01]], // truncated
      ['2.5.29.17', [0x30, 0x02, 0x99, 0x00]], // unknown general name tag
      ['2.5.29.15', [0x03, 0x02, 0x09, 0xff]], // more than 7 unused bits
      ['1.3.6.1.4.1.11129.2.4.2', [0x04, 0x03, 0x00, 0x09, 0x00]], // SCT list length wrong
      ['2.5.29.32', [0x30, 0x00, 0x00]], // trailing garbage
    ];
    for (const [oid, bytes] of cases) {
      const view = describeExtension({ oid, critical: false, value: new Uint8Array(bytes), range });
      expect(view.parsed, oid).toBe(false);
      expect(view.error, oid).toMatch(/./);
      expect(view.nodes[0].key).toBe('value');
    }
  });

  it('reads SCT lists from the TLS extension form too', () => {
    const list = Buffer.from(sctFixture().hex, 'hex').subarray(3);
    expect(readSctList(new Uint8Array(list)).map((sct) => sct.version)).toEqual([1, 1]);
  });
});
