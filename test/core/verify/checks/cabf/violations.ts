/**
 * One certificate chain per Baseline Requirements rule, each breaking that rule in one
 * certificate of the golden chain: the unit tests run each rule's check on it, the profile test
 * runs every cabf check together on it, and docs/cabf.md lists the same table.
 */
import { encode, encodeOid, seq, text } from './support';
import {
  dsaSpki,
  ecSpki,
  goldenChain,
  goldenHost,
  keyWithSpki,
  nameDer,
  rawExtension,
  rsaSpki,
  tags,
  withOuterAlgorithm,
  type ChainOverrides,
} from './support';
import type { cabfChecks } from '../../../../../src-core/verify/checks/cabf';
import type { FindingCode, Severity } from '../../../../../src-core/verify/findings';
import type { LabChain } from '../support';

export type CabfCheckName = (typeof cabfChecks)[number]['name'];

export interface Violation {
  /** What is wrong, in a few words (the test's name). */
  rule: string;
  check: CabfCheckName;
  code: FindingCode;
  /** Where the code is raised at another severity than its own (a MUST elsewhere, a SHOULD here). */
  severity?: Severity;
  /** The chain, leaf first: the golden chain with one change. */
  chain(): Promise<LabChain>;
  /** The leaf's bytes when the lab can't sign what the rule needs (surgery after signing). */
  leafDer?(chain: LabChain): Uint8Array;
}

const day = 86_400_000;
const changed = (overrides: ChainOverrides) => () => goldenChain(overrides);
const C = '2.5.4.6';
const O = '2.5.4.10';
const CN = '2.5.4.3';
const dvName = (...extra: Parameters<typeof nameDer>[0]) =>
  nameDer([{ oid: C, value: 'US', tag: tags.printable }, ...extra, { oid: CN, value: goldenHost }]);
const sanExtension = (critical: boolean) =>
  rawExtension('2.5.29.17', critical, seq(encode(0x82, text(goldenHost))));
const oidSet = {
  aki: '2.5.29.35',
  eku: '2.5.29.37',
  ku: '2.5.29.15',
  bc: '2.5.29.19',
  policies: '2.5.29.32',
  sct: '1.3.6.1.4.1.11129.2.4.2',
  poison: '1.3.6.1.4.1.11129.2.4.3',
};

export const violations: Violation[] = [
  // Every certificate.
  {
    rule: 'a version 1 leaf',
    check: 'cabf-version',
    code: 'cabf-version',
    chain: changed({ leaf: { version: 1 } }),
  },
  {
    rule: 'unique identifiers',
    check: 'cabf-version',
    code: 'cabf-unique-identifiers',
    chain: changed({ leaf: { uniqueIdentifiers: true } }),
  },
  {
    rule: 'serial zero',
    check: 'cabf-serial',
    code: 'cabf-serial-not-positive',
    chain: changed({ leaf: { serial: 0n } }),
  },
  {
    rule: 'a 161-bit serial',
    check: 'cabf-serial',
    code: 'cabf-serial-too-long',
    chain: changed({ leaf: { serial: 2n ** 160n } }),
  },
  {
    rule: 'a 2-octet serial',
    check: 'cabf-serial',
    code: 'cabf-serial-low-entropy',
    chain: changed({ intermediate: { serial: 4242n } }),
  },
  {
    rule: 'ECDSA with SHA-1',
    check: 'cabf-signature-algorithm',
    code: 'cabf-signature-algorithm',
    chain: changed({ leaf: { signatureHash: 'SHA-1' } }),
  },
  {
    rule: 'RSA PKCS#1 v1.5 without NULL parameters',
    check: 'cabf-signature-algorithm',
    code: 'cabf-signature-algorithm',
    chain: changed({
      intermediate: { keySpec: 'rsa2048' },
      leaf: { signatureAlgorithmDer: seq(encodeOid('1.2.840.113549.1.1.11')) },
    }),
  },
  {
    rule: 'ECDSA with NULL parameters',
    check: 'cabf-signature-algorithm',
    code: 'cabf-signature-algorithm',
    chain: changed({
      leaf: { signatureAlgorithmDer: seq(encodeOid('1.2.840.10045.4.3.2'), Uint8Array.of(5, 0)) },
    }),
  },
  {
    rule: 'outer and inner signature algorithms differ',
    check: 'cabf-signature-algorithm',
    code: 'cabf-signature-algorithm-mismatch',
    chain: changed({}),
    leafDer: ({ leaf }) => withOuterAlgorithm(leaf, seq(encodeOid('1.2.840.10045.4.3.3'))),
  },
  {
    rule: 'a P-256 issuer signing with SHA-384',
    check: 'cabf-issuer-binding',
    code: 'cabf-ecdsa-curve-hash',
    chain: changed({ leaf: { signatureHash: 'SHA-384' } }),
  },
  {
    rule: 'issuer name re-encoded (PrintableString for the issuer’s UTF8String)',
    check: 'cabf-issuer-binding',
    code: 'cabf-issuer-name',
    chain: changed({
      leaf: {
        issuerDer: nameDer([
          { oid: C, value: 'US', tag: tags.printable },
          { oid: O, value: 'Certscope Test', tag: tags.printable },
          { oid: CN, value: 'Certscope Test TLS CA 1', tag: tags.printable },
        ]),
      },
    }),
  },
  {
    rule: 'a DSA key',
    check: 'cabf-public-key',
    code: 'cabf-key-algorithm',
    chain: async () => goldenChain({ leaf: { key: await keyWithSpki(dsaSpki()) } }),
  },
  {
    rule: 'an Ed25519 key',
    check: 'cabf-public-key',
    code: 'cabf-key-algorithm',
    chain: changed({ leaf: { keySpec: 'ed25519' } }),
  },
  {
    rule: 'RSA key without NULL parameters',
    check: 'cabf-public-key',
    code: 'cabf-rsa-key-encoding',
    chain: async () => goldenChain({ leaf: { key: await keyWithSpki(rsaSpki({ algorithm: 'absent' })) } }),
  },
  {
    rule: 'RSA key under the RSASSA-PSS OID',
    check: 'cabf-public-key',
    code: 'cabf-rsa-key-encoding',
    chain: async () => goldenChain({ leaf: { key: await keyWithSpki(rsaSpki({ algorithm: 'pss' })) } }),
  },
  {
    rule: 'a 2052-bit RSA modulus (not a multiple of 8)',
    check: 'cabf-public-key',
    code: 'cabf-rsa-key-size',
    chain: async () => goldenChain({ leaf: { key: await keyWithSpki(rsaSpki({ bits: 2052 })) } }),
  },
  {
    rule: 'a 1024-bit RSA key',
    check: 'cabf-public-key',
    code: 'cabf-rsa-key-size',
    chain: changed({ leaf: { keySpec: 'rsa1024' } }),
  },
  {
    rule: 'an even RSA exponent',
    check: 'cabf-public-key',
    code: 'cabf-rsa-exponent',
    chain: async () => goldenChain({ leaf: { key: await keyWithSpki(rsaSpki({ exponent: 65_536 })) } }),
  },
  {
    rule: 'RSA exponent 3',
    check: 'cabf-public-key',
    code: 'cabf-rsa-exponent-range',
    chain: async () => goldenChain({ leaf: { key: await keyWithSpki(rsaSpki({ exponent: 3 })) } }),
  },
  {
    rule: 'a secp256k1 key',
    check: 'cabf-public-key',
    code: 'cabf-ec-key',
    chain: async () => goldenChain({ leaf: { key: await keyWithSpki(ecSpki('1.3.132.0.10')) } }),
  },
  {
    rule: 'explicit curve parameters',
    check: 'cabf-public-key',
    code: 'cabf-ec-key',
    chain: async () => goldenChain({ leaf: { key: await keyWithSpki(ecSpki('explicit')) } }),
  },
  {
    rule: 'commonName as an IA5String',
    check: 'cabf-name-encoding',
    code: 'cabf-name-encoding',
    chain: changed({ leaf: { subjectDer: nameDer([{ oid: CN, value: goldenHost, tag: tags.ia5 }]) } }),
  },
  {
    rule: 'country and common name in one RDN',
    check: 'cabf-name-encoding',
    code: 'cabf-name-encoding',
    chain: changed({
      leaf: {
        subjectDer: nameDer([
          { oid: C, value: 'US', tag: tags.printable },
          { oid: CN, value: goldenHost, together: true },
        ]),
      },
    }),
  },
  {
    rule: 'commonName before countryName',
    check: 'cabf-name-encoding',
    code: 'cabf-name-encoding',
    chain: changed({
      leaf: {
        subjectDer: nameDer([
          { oid: CN, value: goldenHost },
          { oid: C, value: 'US', tag: tags.printable },
        ]),
      },
    }),
  },
  {
    rule: 'an organizationName of 65 characters',
    check: 'cabf-name-encoding',
    code: 'cabf-name-encoding',
    chain: changed({ intermediate: { subjectExtra: { country: 'US', organization: 'O'.repeat(65) } } }),
  },
  {
    rule: 'countryName UK (not ISO 3166-1)',
    check: 'cabf-name-encoding',
    code: 'cabf-country-code',
    chain: changed({ leaf: { subjectExtra: { country: 'UK' } } }),
  },
  {
    rule: 'a localityName of “.”',
    check: 'cabf-subject-placeholder',
    code: 'cabf-subject-placeholder',
    chain: changed({ leaf: { subjectDer: dvName({ oid: '2.5.4.7', value: '.' }) } }),
  },
  {
    rule: 'an organizationName of “N/A”',
    check: 'cabf-subject-placeholder',
    code: 'cabf-subject-placeholder',
    chain: changed({ leaf: { subjectExtra: { country: 'US', organization: 'N/A' } } }),
  },
  {
    rule: 'basicConstraints twice',
    check: 'cabf-extensions',
    code: 'cabf-extension-malformed',
    chain: changed({ leaf: { extraExtensions: [rawExtension(oidSet.bc, true, seq())] } }),
  },
  {
    rule: 'a Netscape certificate type extension in the leaf',
    check: 'cabf-other-extensions',
    code: 'cabf-extension-other',
    chain: changed({
      leaf: { extraExtensions: [rawExtension('2.16.840.1.113730.1.1', false, Uint8Array.of(3, 2, 6, 0x40))] },
    }),
  },
  {
    rule: 'no authorityKeyIdentifier',
    check: 'cabf-authority-key-id',
    code: 'cabf-aki-missing',
    chain: changed({ leaf: { authorityKeyId: false } }),
  },
  {
    rule: 'AKI with authorityCertIssuer and serial',
    check: 'cabf-authority-key-id',
    code: 'cabf-aki-form',
    chain: changed({
      intermediate: {
        authorityKeyId: false,
        extraExtensions: [
          rawExtension(
            oidSet.aki,
            false,
            seq(
              encode(0xa1, encode(0xa4, nameDer([{ oid: CN, value: 'x' }]))),
              encode(0x82, Uint8Array.of(1)),
            ),
          ),
        ],
      },
    }),
  },
  {
    rule: 'AKI not the issuer’s key identifier',
    check: 'cabf-authority-key-id',
    code: 'cabf-aki-form',
    chain: changed({
      leaf: {
        authorityKeyId: false,
        extraExtensions: [rawExtension(oidSet.aki, false, seq(encode(0x80, new Uint8Array(20))))],
      },
    }),
  },
  {
    rule: 'a root AKI that is not its own SKI',
    check: 'cabf-authority-key-id',
    code: 'cabf-root-aki',
    chain: changed({
      root: {
        authorityKeyId: false,
        extraExtensions: [rawExtension(oidSet.aki, false, seq(encode(0x80, new Uint8Array(20))))],
      },
    }),
  },
  {
    rule: 'a critical SCT list',
    check: 'cabf-certificate-transparency',
    code: 'cabf-sct-list',
    chain: changed({
      leaf: { extraExtensions: [rawExtension(oidSet.sct, true, encode(0x04, Uint8Array.of(0, 0)))] },
    }),
  },
  {
    rule: 'an SCT list that is no OCTET STRING',
    check: 'cabf-certificate-transparency',
    code: 'cabf-sct-list',
    chain: changed({ leaf: { extraExtensions: [rawExtension(oidSet.sct, false, Uint8Array.of(5, 0))] } }),
  },
  {
    rule: 'a precertificate (CT poison) as the leaf',
    check: 'cabf-certificate-transparency',
    code: 'cabf-precertificate',
    chain: changed({ leaf: { extraExtensions: [rawExtension(oidSet.poison, true, Uint8Array.of(5, 0))] } }),
  },
  // Extended key usage, policies, AIA, CRL DP, SKI by role.
  {
    rule: 'a leaf without EKU',
    check: 'cabf-extended-key-usage',
    code: 'cabf-eku-missing',
    chain: changed({ leaf: { extKeyUsage: null } }),
  },
  {
    rule: 'a critical EKU',
    check: 'cabf-extended-key-usage',
    code: 'cabf-eku-critical',
    chain: changed({
      leaf: {
        extKeyUsage: null,
        extraExtensions: [rawExtension(oidSet.eku, true, seq(encodeOid('1.3.6.1.5.5.7.3.1')))],
      },
    }),
  },
  {
    rule: 'EKU clientAuth only',
    check: 'cabf-extended-key-usage',
    code: 'cabf-eku-server-auth',
    chain: changed({ leaf: { extKeyUsage: ['clientAuth'] } }),
  },
  {
    rule: 'anyExtendedKeyUsage in the leaf',
    check: 'cabf-extended-key-usage',
    code: 'cabf-eku-forbidden',
    chain: changed({ leaf: { extKeyUsage: ['serverAuth', 'anyExtendedKeyUsage'] } }),
  },
  {
    rule: 'codeSigning in the TLS sub-CA',
    check: 'cabf-extended-key-usage',
    code: 'cabf-eku-forbidden',
    chain: changed({ intermediate: { extKeyUsage: ['serverAuth', 'codeSigning'] } }),
  },
  {
    rule: 'an extra EKU (id-kp-ipsecIKE)',
    check: 'cabf-extended-key-usage',
    code: 'cabf-eku-other',
    chain: changed({ leaf: { extKeyUsage: ['serverAuth', '1.3.6.1.5.5.7.3.17'] } }),
  },
  {
    rule: 'EKU on the root',
    check: 'cabf-extended-key-usage',
    code: 'cabf-root-eku',
    chain: changed({ root: { extKeyUsage: ['serverAuth'] } }),
  },
  {
    rule: 'a sub-CA without EKU',
    check: 'cabf-extended-key-usage',
    code: 'cabf-subca-eku',
    chain: changed({ intermediate: { extKeyUsage: null } }),
  },
  {
    rule: 'a leaf without certificatePolicies',
    check: 'cabf-certificate-policies',
    code: 'cabf-policies-missing',
    chain: changed({ leaf: { policies: [] } }),
  },
  {
    rule: 'two reserved policies',
    check: 'cabf-certificate-policies',
    code: 'cabf-policies-reserved',
    chain: changed({ leaf: { policies: ['2.23.140.1.2.1', '2.23.140.1.2.2'] } }),
  },
  {
    rule: 'anyPolicy in the leaf',
    check: 'cabf-certificate-policies',
    code: 'cabf-policies-reserved',
    chain: changed({ leaf: { policies: ['2.5.29.32.0'] } }),
  },
  {
    rule: 'a sub-CA with anyPolicy beside a reserved policy',
    check: 'cabf-certificate-policies',
    code: 'cabf-policies-reserved',
    chain: changed({ intermediate: { policies: ['2.5.29.32.0', '2.23.140.1.2.1'] } }),
  },
  {
    rule: 'a user notice qualifier',
    check: 'cabf-certificate-policies',
    code: 'cabf-policy-qualifier',
    chain: changed({
      leaf: {
        policies: [],
        extraExtensions: [
          rawExtension(
            oidSet.policies,
            false,
            seq(
              seq(
                encodeOid('2.23.140.1.2.1'),
                seq(seq(encodeOid('1.3.6.1.5.5.7.2.2'), seq(encode(0x0c, text('hello'))))),
              ),
            ),
          ),
        ],
      },
    }),
  },
  {
    rule: 'certificatePolicies in the root',
    check: 'cabf-certificate-policies',
    code: 'cabf-root-policies',
    chain: changed({ root: { policies: ['2.5.29.32.0'] } }),
  },
  {
    rule: 'a leaf without AIA',
    check: 'cabf-authority-info-access',
    code: 'cabf-aia-missing',
    chain: changed({ leaf: { ocspUrl: undefined, aiaCaIssuersUrl: undefined } }),
  },
  {
    rule: 'an https caIssuers URL',
    check: 'cabf-authority-info-access',
    code: 'cabf-aia-form',
    chain: changed({ leaf: { aiaCaIssuersUrl: 'https://certs.certscope-test.com/ca.cer' } }),
  },
  {
    rule: 'a leaf AIA without caIssuers',
    check: 'cabf-authority-info-access',
    code: 'cabf-aia-ca-issuers',
    chain: changed({ leaf: { aiaCaIssuersUrl: undefined } }),
  },
  {
    rule: 'a sub-CA without CRL distribution point',
    check: 'cabf-crl-distribution-points',
    code: 'cabf-crldp-missing',
    chain: changed({ intermediate: { crlUrl: undefined } }),
  },
  {
    rule: 'a 40-day leaf with neither CRL nor OCSP',
    check: 'cabf-crl-distribution-points',
    code: 'cabf-crldp-missing',
    chain: changed({ leaf: { crlUrl: undefined, ocspUrl: undefined } }),
  },
  {
    rule: 'an LDAP CRL URL',
    check: 'cabf-crl-distribution-points',
    code: 'cabf-crldp-form',
    chain: changed({ leaf: { crlUrl: 'ldap://ldap.certscope-test.com/cn=CA?certificateRevocationList' } }),
  },
  {
    rule: 'a CRL distribution point in the root',
    check: 'cabf-crl-distribution-points',
    code: 'cabf-root-crldp',
    chain: changed({ root: { crlUrl: 'http://crl.certscope-test.com/self.crl' } }),
  },
  {
    rule: 'a sub-CA without SKI',
    check: 'cabf-subject-key-id',
    code: 'cabf-ca-ski',
    chain: changed({ intermediate: { subjectKeyId: false } }),
  },
  {
    rule: 'SKI in the leaf',
    check: 'cabf-subject-key-id',
    code: 'cabf-leaf-ski',
    chain: changed({ leaf: { subjectKeyId: true } }),
  },
  // The subscriber certificate.
  {
    rule: 'a 398-day leaf issued after 2026-03-15',
    check: 'cabf-leaf-validity',
    code: 'cabf-validity-too-long',
    chain: changed({
      leaf: {
        notBefore: new Date(Date.parse('2026-06-01T00:00:00Z')),
        notAfter: new Date(Date.parse('2026-06-01T00:00:00Z') + 397 * day),
      },
    }),
  },
  {
    rule: 'a 200-day leaf issued after 2026-03-15',
    check: 'cabf-leaf-validity',
    code: 'cabf-validity-advised',
    chain: changed({
      leaf: {
        notBefore: new Date(Date.parse('2026-06-01T00:00:00Z')),
        notAfter: new Date(Date.parse('2026-06-01T00:00:00Z') + 199 * day),
      },
    }),
  },
  {
    rule: 'no subjectAltName',
    check: 'cabf-leaf-san',
    code: 'cabf-san-missing',
    chain: changed({ leaf: { dnsNames: [] } }),
  },
  {
    rule: 'an email address in the SAN',
    check: 'cabf-leaf-san',
    code: 'cabf-san-type',
    chain: changed({ leaf: { emails: ['admin@certscope-test.com'] } }),
  },
  {
    rule: 'a critical SAN beside a subject',
    check: 'cabf-leaf-san',
    code: 'cabf-san-critical',
    chain: changed({ leaf: { dnsNames: [], extraExtensions: [sanExtension(true)] } }),
  },
  {
    rule: 'an underscore in a DNS name',
    check: 'cabf-leaf-dns-names',
    code: 'cabf-dns-name-syntax',
    chain: changed({ leaf: { dnsNames: [goldenHost, '_service.certscope-test.com'] } }),
  },
  {
    rule: 'a wildcard not in the leftmost label',
    check: 'cabf-leaf-dns-names',
    code: 'cabf-dns-name-syntax',
    chain: changed({ leaf: { dnsNames: [goldenHost, 'www.*.certscope-test.com'] } }),
  },
  {
    rule: 'a trailing dot',
    check: 'cabf-leaf-dns-names',
    code: 'cabf-dns-name-syntax',
    chain: changed({ leaf: { dnsNames: [goldenHost, 'www.certscope-test.com.'] } }),
  },
  {
    rule: 'an xn-- label that is not Punycode',
    check: 'cabf-leaf-dns-names',
    code: 'cabf-dns-name-syntax',
    chain: changed({ leaf: { dnsNames: [goldenHost, 'xn--99.certscope-test.com'] } }),
  },
  {
    rule: 'a name in in-addr.arpa',
    check: 'cabf-leaf-dns-names',
    code: 'cabf-reverse-zone-name',
    chain: changed({ leaf: { dnsNames: [goldenHost, '4.3.2.1.in-addr.arpa'] } }),
  },
  {
    rule: 'an internal name (.local)',
    check: 'cabf-leaf-public-names',
    code: 'cabf-internal-name',
    chain: changed({ leaf: { dnsNames: [goldenHost, 'printer.local'] } }),
  },
  {
    rule: 'a wildcard over co.uk',
    check: 'cabf-leaf-public-names',
    code: 'cabf-wildcard-public-suffix',
    chain: changed({ leaf: { dnsNames: [goldenHost, '*.co.uk'] } }),
  },
  {
    rule: 'a private IP address',
    check: 'cabf-leaf-ip-addresses',
    code: 'cabf-reserved-ip',
    chain: changed({ leaf: { ipAddresses: ['192.168.1.10'] } }),
  },
  {
    rule: 'an IPv6 documentation address',
    check: 'cabf-leaf-ip-addresses',
    code: 'cabf-reserved-ip',
    chain: changed({ leaf: { ipAddresses: ['2001:db8::1'] } }),
  },
  {
    rule: 'a common name in another case than its SAN',
    check: 'cabf-leaf-common-name',
    code: 'cabf-cn-not-from-san',
    chain: changed({ leaf: { commonName: goldenHost.toUpperCase() } }),
  },
  {
    rule: 'an IPv6 common name not in RFC 5952 form',
    check: 'cabf-leaf-common-name',
    code: 'cabf-cn-not-from-san',
    chain: changed({ leaf: { commonName: '2606:4700:0:0::1', dnsNames: [], ipAddresses: ['2606:4700::1'] } }),
  },
  {
    rule: 'an OU in the leaf',
    check: 'cabf-leaf-subject',
    code: 'cabf-subject-ou',
    chain: changed({ leaf: { subjectExtra: { country: 'US', organizationalUnit: 'Web' } } }),
  },
  {
    rule: 'a DV leaf naming an organization',
    check: 'cabf-leaf-subject',
    code: 'cabf-subject-validation-type',
    chain: changed({ leaf: { subjectExtra: { country: 'US', organization: 'Certscope Test' } } }),
  },
  {
    rule: 'an OV leaf without organizationName',
    check: 'cabf-leaf-subject',
    code: 'cabf-subject-validation-type',
    chain: changed({ leaf: { policies: ['2.23.140.1.2.2'] } }),
  },
  {
    rule: 'a leaf without keyUsage',
    check: 'cabf-leaf-key-usage',
    code: 'cabf-ku-missing',
    chain: changed({ leaf: { keyUsage: null } }),
  },
  {
    rule: 'a non-critical keyUsage',
    check: 'cabf-leaf-key-usage',
    code: 'cabf-ku-not-critical',
    chain: changed({
      leaf: {
        keyUsage: null,
        extraExtensions: [rawExtension(oidSet.ku, false, Uint8Array.of(3, 2, 7, 0x80))],
      },
    }),
  },
  {
    rule: 'an ECC leaf with keyEncipherment',
    check: 'cabf-leaf-key-usage',
    code: 'cabf-ku-bits',
    chain: changed({ leaf: { keyUsage: ['digitalSignature', 'keyEncipherment'] } }),
  },
  {
    rule: 'an ECC leaf with keyAgreement',
    check: 'cabf-leaf-key-usage',
    code: 'cabf-ku-advised',
    chain: changed({ leaf: { keyUsage: ['digitalSignature', 'keyAgreement'] } }),
  },
  {
    rule: 'a CA certificate as the leaf',
    check: 'cabf-leaf-basic-constraints',
    code: 'cabf-leaf-is-ca',
    chain: changed({ leaf: { isCa: true, keyUsage: ['digitalSignature'] } }),
  },
  {
    rule: 'a leaf basicConstraints with pathLenConstraint',
    check: 'cabf-leaf-basic-constraints',
    code: 'cabf-leaf-basic-constraints',
    chain: changed({ leaf: { pathLen: 0 } }),
  },
  {
    rule: 'name constraints in the leaf',
    check: 'cabf-leaf-basic-constraints',
    code: 'cabf-leaf-name-constraints',
    chain: changed({ leaf: { nameConstraints: { permittedDns: ['certscope-test.com'] } } }),
  },
  {
    rule: 'an IV leaf without givenName and surname',
    check: 'cabf-leaf-subject',
    code: 'cabf-subject-validation-type',
    chain: changed({ leaf: { policies: ['2.23.140.1.2.3'] } }),
  },
  {
    rule: 'an RSA leaf with keyAgreement',
    check: 'cabf-leaf-key-usage',
    code: 'cabf-ku-bits',
    chain: changed({ leaf: { keySpec: 'rsa2048', keyUsage: ['digitalSignature', 'keyAgreement'] } }),
  },
  {
    rule: 'an RSA leaf with digitalSignature and keyEncipherment',
    check: 'cabf-leaf-key-usage',
    code: 'cabf-ku-advised',
    chain: changed({ leaf: { keySpec: 'rsa2048', keyUsage: ['digitalSignature', 'keyEncipherment'] } }),
  },
  {
    rule: 'a sub-CA with an LDAP caIssuers URL',
    check: 'cabf-authority-info-access',
    code: 'cabf-aia-form',
    chain: changed({
      intermediate: { aiaCaIssuersUrl: 'ldap://ldap.certscope-test.com/cn=Root?cACertificate' },
    }),
  },
  {
    rule: 'a sub-CA without AIA',
    check: 'cabf-authority-info-access',
    code: 'cabf-aia-missing',
    severity: 'warning',
    chain: changed({ intermediate: { aiaCaIssuersUrl: undefined } }),
  },
  {
    rule: 'a sub-CA without AKI',
    check: 'cabf-authority-key-id',
    code: 'cabf-aki-missing',
    chain: changed({ intermediate: { authorityKeyId: false } }),
  },
  {
    rule: 'a sub-CA without certificatePolicies',
    check: 'cabf-certificate-policies',
    code: 'cabf-policies-missing',
    chain: changed({ intermediate: { policies: [] } }),
  },
  // CA certificates.
  {
    rule: 'a sub-CA with non-critical basicConstraints',
    check: 'cabf-ca-basic-constraints',
    code: 'cabf-ca-basic-constraints',
    chain: changed({
      intermediate: {
        omitBasicConstraints: true,
        extraExtensions: [rawExtension(oidSet.bc, false, seq(Uint8Array.of(1, 1, 0xff)))],
      },
    }),
  },
  {
    rule: 'a root with pathLenConstraint',
    check: 'cabf-ca-basic-constraints',
    code: 'cabf-root-path-length',
    chain: changed({ root: { pathLen: 2 } }),
  },
  {
    rule: 'a sub-CA without cRLSign',
    check: 'cabf-ca-key-usage',
    code: 'cabf-ca-key-usage',
    chain: changed({ intermediate: { keyUsage: ['keyCertSign', 'digitalSignature'] } }),
  },
  {
    rule: 'a root with keyEncipherment',
    check: 'cabf-ca-key-usage',
    code: 'cabf-ca-key-usage',
    chain: changed({ root: { keyUsage: ['keyCertSign', 'cRLSign', 'keyEncipherment'] } }),
  },
  {
    rule: 'sub-CA name constraints with a maximum',
    check: 'cabf-ca-name-constraints',
    code: 'cabf-name-constraints-form',
    chain: changed({
      intermediate: {
        extraExtensions: [
          rawExtension(
            '2.5.29.30',
            true,
            seq(encode(0xa0, seq(encode(0x82, text('certscope-test.com')), encode(0x81, Uint8Array.of(2))))),
          ),
        ],
      },
    }),
  },
  {
    rule: 'sub-CA name constraints on email addresses',
    check: 'cabf-ca-name-constraints',
    code: 'cabf-name-constraints-advised',
    chain: changed({
      intermediate: {
        nameConstraints: { permittedDns: ['certscope-test.com'], permittedEmail: ['certscope-test.com'] },
      },
    }),
  },
  {
    rule: 'a sub-CA without organizationName',
    check: 'cabf-ca-subject',
    code: 'cabf-ca-subject',
    chain: changed({ intermediate: { subjectExtra: { country: 'US' } } }),
  },
  {
    rule: 'an OU in the root',
    check: 'cabf-ca-subject',
    code: 'cabf-subject-ou',
    chain: changed({
      root: { subjectExtra: { country: 'US', organization: 'Certscope Test', organizationalUnit: 'PKI' } },
    }),
  },
  {
    rule: 'a 30-year root',
    check: 'cabf-root-validity',
    code: 'cabf-root-validity',
    chain: changed({ root: { notAfter: new Date(Date.now() + 30 * 365 * day) } }),
  },
];
