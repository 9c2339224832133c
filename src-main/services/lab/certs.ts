/**
 * Minting X.509 certificates and CRLs for the lab with pkijs. Every knob a test or the Lab screen
 * needs is an option here; defaults make a sensible, valid certificate.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from '../../../src-core/bytes/buffers';
import { keyUsageNames } from '../../../src-core/x509/extensions/key-usage';
import { parseIp } from '../../../src-core/verify/names';
import { pooledKey, toPem, type KeySpec, type LabKey } from './keys';

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export type KeyUsageName = (typeof keyUsageNames)[number];

export type ExtKeyUsageName =
  | 'serverAuth'
  | 'clientAuth'
  | 'codeSigning'
  | 'emailProtection'
  | 'timeStamping'
  | 'OCSPSigning'
  | 'anyExtendedKeyUsage';

export interface DistinguishedName {
  commonName?: string;
  organization?: string;
  organizationalUnit?: string;
  country?: string;
}

export interface NameConstraintsSpec {
  permittedDns?: string[];
  excludedDns?: string[];
  /** CIDR, e.g. `127.0.0.0/8` or `2001:db8::/32`. */
  permittedIp?: string[];
  excludedIp?: string[];
  permittedEmail?: string[];
  excludedEmail?: string[];
  permittedDirNames?: DistinguishedName[];
  excludedDirNames?: DistinguishedName[];
}

export interface RawExtension {
  oid: string;
  critical: boolean;
  valueDer: Uint8Array;
}

export interface CertOptions {
  commonName: string;
  subjectExtra?: Omit<DistinguishedName, 'commonName'>;
  /** The key to certify; a pooled key of `keySpec` (default p256) when omitted. */
  key?: LabKey;
  keySpec?: KeySpec;
  /** The issuing certificate; self-signed when omitted. */
  issuer?: LabCert;
  isCa?: boolean;
  pathLen?: number;
  /** Leave basicConstraints out entirely (an old-style "CA" without it). */
  omitBasicConstraints?: boolean;
  /** `null` leaves the extension out; default depends on isCa. */
  keyUsage?: KeyUsageName[] | null;
  /** `null` leaves the extension out; default serverAuth+clientAuth for leaves. */
  extKeyUsage?: (ExtKeyUsageName | string)[] | null;
  dnsNames?: string[];
  ipAddresses?: string[];
  emails?: string[];
  uris?: string[];
  /** Default: an hour ago. */
  notBefore?: Date;
  /** Default: 90 days after notBefore for leaves, 10 years for CAs. */
  notAfter?: Date;
  serial?: bigint;
  signatureHash?: HashName;
  nameConstraints?: NameConstraintsSpec;
  aiaCaIssuersUrl?: string;
  ocspUrl?: string;
  crlUrl?: string;
  policies?: string[];
  mustStaple?: boolean;
  extraExtensions?: RawExtension[];
  /** Default true. */
  subjectKeyId?: boolean;
  /** Default true (when issued by another certificate or self-signed with SKI). */
  authorityKeyId?: boolean;
  // Encodings the options above can't make, for profile checks (CA/B Forum) to judge.
  /** The subject Name as these exact DER bytes (other attributes, string types, RDN shapes). */
  subjectDer?: Uint8Array;
  /** The issuer Name as these exact DER bytes, instead of the issuer's subject. */
  issuerDer?: Uint8Array;
  /** The signature AlgorithmIdentifier as these exact DER bytes (in both fields); signed as usual. */
  signatureAlgorithmDer?: Uint8Array;
  /** X.509 version (default 3). */
  version?: 1 | 2 | 3;
  /** Add issuerUniqueID and subjectUniqueID. */
  uniqueIdentifiers?: boolean;
}

export interface LabCert {
  der: Uint8Array;
  pem: string;
  /** The subject's common name, for readable test output. */
  subject: string;
  key: LabKey;
  issuer?: LabCert;
  serial: bigint;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
}

const oid = {
  commonName: '2.5.4.3',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  nameConstraints: '2.5.29.30',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  tlsFeature: '1.3.6.1.5.5.7.1.24',
  caIssuers: '1.3.6.1.5.5.7.48.2',
  ocsp: '1.3.6.1.5.5.7.48.1',
} as const;

const extKeyUsageOids: Record<ExtKeyUsageName, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  OCSPSigning: '1.3.6.1.5.5.7.3.9',
  anyExtendedKeyUsage: '2.5.29.37.0',
};

const subtle = globalThis.crypto.subtle;
let serialCounter = BigInt(Date.now()) * 1000n;

export async function issueCert(options: CertOptions): Promise<LabCert> {
  const key = options.key ?? (await pooledKey(options.keySpec ?? 'p256'));
  const signer = options.issuer?.key ?? key;
  const isCa = options.isCa ?? false;
  const notBefore = options.notBefore ?? new Date(Date.now() - 3600_000);
  const lifetimeDays = isCa ? 3650 : 90;
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + lifetimeDays * 86_400_000);
  const serial = options.serial ?? ++serialCounter;
  const hash = options.signatureHash ?? defaultHash(signer);

  const certificate = new pkijs.Certificate();
  certificate.version = (options.version ?? 3) - 1;
  certificate.serialNumber = new asn1js.Integer({ valueHex: integerBytes(serial) });
  const subject = () =>
    options.subjectDer
      ? nameFromDer(options.subjectDer)
      : buildName({ commonName: options.commonName, ...options.subjectExtra });
  certificate.subject = subject();
  certificate.issuer = options.issuerDer
    ? nameFromDer(options.issuerDer)
    : options.issuer
      ? issuerNameOf(options.issuer)
      : subject();
  if (options.uniqueIdentifiers) {
    certificate.issuerUniqueID = toArrayBuffer(Uint8Array.of(1, 2, 3, 4));
    certificate.subjectUniqueID = toArrayBuffer(Uint8Array.of(5, 6, 7, 8));
  }
  certificate.notBefore = new pkijs.Time({ type: timeType(notBefore), value: notBefore });
  certificate.notAfter = new pkijs.Time({ type: timeType(notAfter), value: notAfter });
  certificate.subjectPublicKeyInfo = new pkijs.PublicKeyInfo({ schema: asn1js.fromBER(key.spki).result });

  const extensions: pkijs.Extension[] = [];
  const add = (extnID: string, critical: boolean, value: asn1js.BaseBlock | Uint8Array) =>
    extensions.push(
      new pkijs.Extension({
        extnID,
        critical,
        extnValue: value instanceof Uint8Array ? toArrayBuffer(value) : value.toBER(),
      }),
    );

  if (!options.omitBasicConstraints) {
    add(
      oid.basicConstraints,
      true,
      new pkijs.BasicConstraints({
        cA: isCa,
        ...(options.pathLen !== undefined ? { pathLenConstraint: options.pathLen } : {}),
      }).toSchema(),
    );
  }
  const keyUsage = options.keyUsage === undefined ? defaultKeyUsage(isCa, key.spec) : options.keyUsage;
  if (keyUsage) add(oid.keyUsage, true, encodeKeyUsage(keyUsage));
  const extKeyUsage =
    options.extKeyUsage === undefined ? (isCa ? null : ['serverAuth', 'clientAuth']) : options.extKeyUsage;
  if (extKeyUsage) {
    add(
      oid.extKeyUsage,
      false,
      new pkijs.ExtKeyUsage({
        keyPurposes: extKeyUsage.map((name) => extKeyUsageOids[name as ExtKeyUsageName] ?? name),
      }).toSchema(),
    );
  }
  const altNames = [
    ...(options.dnsNames ?? []).map((value) => new pkijs.GeneralName({ type: 2, value })),
    ...(options.ipAddresses ?? []).map(
      (value) =>
        new pkijs.GeneralName({
          type: 7,
          value: new asn1js.OctetString({ valueHex: toArrayBuffer(ipBytes(value)) }),
        }),
    ),
    ...(options.emails ?? []).map((value) => new pkijs.GeneralName({ type: 1, value })),
    ...(options.uris ?? []).map((value) => new pkijs.GeneralName({ type: 6, value })),
  ];
  if (altNames.length) add(oid.subjectAltName, false, new pkijs.GeneralNames({ names: altNames }).toSchema());

  const subjectKeyId = await keyIdentifier(key.spki);
  if (options.subjectKeyId !== false)
    add(oid.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: toArrayBuffer(subjectKeyId) }));
  if (options.authorityKeyId !== false) {
    const authorityKeyId = options.issuer ? await keyIdentifier(options.issuer.key.spki) : subjectKeyId;
    add(
      oid.authorityKeyIdentifier,
      false,
      new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(authorityKeyId) }),
      }).toSchema(),
    );
  }
  if (options.nameConstraints) add(oid.nameConstraints, true, encodeNameConstraints(options.nameConstraints));
  const accessDescriptions = [
    ...(options.ocspUrl ? [{ method: oid.ocsp, url: options.ocspUrl }] : []),
    ...(options.aiaCaIssuersUrl ? [{ method: oid.caIssuers, url: options.aiaCaIssuersUrl }] : []),
  ];
  if (accessDescriptions.length) {
    add(
      oid.authorityInfoAccess,
      false,
      new pkijs.InfoAccess({
        accessDescriptions: accessDescriptions.map(
          (entry) =>
            new pkijs.AccessDescription({
              accessMethod: entry.method,
              accessLocation: new pkijs.GeneralName({ type: 6, value: entry.url }),
            }),
        ),
      }).toSchema(),
    );
  }
  if (options.crlUrl) {
    add(
      oid.crlDistributionPoints,
      false,
      new pkijs.CRLDistributionPoints({
        distributionPoints: [
          new pkijs.DistributionPoint({
            distributionPoint: [new pkijs.GeneralName({ type: 6, value: options.crlUrl })],
          }),
        ],
      }).toSchema(),
    );
  }
  if (options.policies?.length) {
    add(
      oid.certificatePolicies,
      false,
      new pkijs.CertificatePolicies({
        certificatePolicies: options.policies.map(
          (policyIdentifier) => new pkijs.PolicyInformation({ policyIdentifier }),
        ),
      }).toSchema(),
    );
  }
  if (options.mustStaple)
    add(oid.tlsFeature, false, new asn1js.Sequence({ value: [new asn1js.Integer({ value: 5 })] }));
  for (const extra of options.extraExtensions ?? []) add(extra.oid, extra.critical, extra.valueDer);
  if (extensions.length || (options.version ?? 3) === 3) certificate.extensions = extensions;

  const algorithm = options.signatureAlgorithmDer
    ? new pkijs.AlgorithmIdentifier({
        schema: asn1js.fromBER(toArrayBuffer(options.signatureAlgorithmDer)).result,
      })
    : signatureAlgorithm(signer, hash);
  certificate.signature = algorithm;
  certificate.signatureAlgorithm = algorithm;
  const tbs = new Uint8Array(certificate.encodeTBS().toBER());
  certificate.tbsView = tbs;
  certificate.signatureValue = new asn1js.BitString({
    valueHex: toArrayBuffer(await sign(signer, hash, tbs)),
  });
  const der = new Uint8Array(certificate.toSchema(false).toBER());
  return {
    der,
    pem: toPem('CERTIFICATE', der),
    subject: options.commonName,
    key,
    issuer: options.issuer,
    serial,
    notBefore,
    notAfter,
    isCa,
  };
}

export interface RevokedEntry {
  serial: bigint;
  date?: Date;
  /** CRLReason code (1 keyCompromise, 4 superseded, …). */
  reason?: number;
}

export interface CrlOptions {
  thisUpdate?: Date;
  nextUpdate?: Date;
  crlNumber?: number;
  signatureHash?: HashName;
}

export async function createCrl(
  issuer: LabCert,
  revoked: RevokedEntry[],
  options: CrlOptions = {},
): Promise<{ der: Uint8Array; pem: string }> {
  const thisUpdate = options.thisUpdate ?? new Date(Date.now() - 3600_000);
  const nextUpdate = options.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * 86_400_000);
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = issuerNameOf(issuer);
  crl.thisUpdate = new pkijs.Time({ type: timeType(thisUpdate), value: thisUpdate });
  crl.nextUpdate = new pkijs.Time({ type: timeType(nextUpdate), value: nextUpdate });
  if (revoked.length) {
    crl.revokedCertificates = revoked.map((entry) => {
      const date = entry.date ?? thisUpdate;
      return new pkijs.RevokedCertificate({
        userCertificate: new asn1js.Integer({ valueHex: integerBytes(entry.serial) }),
        revocationDate: new pkijs.Time({ type: timeType(date), value: date }),
        ...(entry.reason !== undefined
          ? {
              crlEntryExtensions: new pkijs.Extensions({
                extensions: [
                  new pkijs.Extension({
                    extnID: oid.crlReason,
                    critical: false,
                    extnValue: new asn1js.Enumerated({ value: entry.reason }).toBER(),
                  }),
                ],
              }),
            }
          : {}),
      });
    });
  }
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      new pkijs.Extension({
        extnID: oid.authorityKeyIdentifier,
        critical: false,
        extnValue: new pkijs.AuthorityKeyIdentifier({
          keyIdentifier: new asn1js.OctetString({
            valueHex: toArrayBuffer(await keyIdentifier(issuer.key.spki)),
          }),
        })
          .toSchema()
          .toBER(),
      }),
      new pkijs.Extension({
        extnID: oid.crlNumber,
        critical: false,
        extnValue: new asn1js.Integer({ value: options.crlNumber ?? 1 }).toBER(),
      }),
    ],
  });
  const hash = options.signatureHash ?? defaultHash(issuer.key);
  const algorithm = signatureAlgorithm(issuer.key, hash);
  crl.signature = algorithm;
  crl.signatureAlgorithm = algorithm;
  // encodeTBS is protected on CRLs: take the TBS out of a full encoding instead.
  const tbs = new Uint8Array((crl.toSchema(true) as asn1js.Sequence).valueBlock.value[0].toBER());
  crl.tbsView = tbs;
  crl.signatureValue = new asn1js.BitString({ valueHex: toArrayBuffer(await sign(issuer.key, hash, tbs)) });
  const der = new Uint8Array(crl.toSchema(false).toBER());
  return { der, pem: toPem('X509 CRL', der) };
}

/** Signs `data` with `key` the way the lab signs certificates: the algorithm identifier and the signature. */
export async function signWith(
  key: LabKey,
  data: Uint8Array,
  hash: HashName = defaultHash(key),
): Promise<{ algorithm: pkijs.AlgorithmIdentifier; signature: Uint8Array }> {
  return { algorithm: signatureAlgorithm(key, hash), signature: await sign(key, hash, data) };
}

function nameFromDer(der: Uint8Array): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(toArrayBuffer(der)).result });
}

/** The issuer field of a certificate issued by `issuer`: its subject, byte for byte. */
function issuerNameOf(issuer: LabCert): pkijs.RelativeDistinguishedNames {
  const parsed = pkijs.Certificate.fromBER(toArrayBuffer(issuer.der));
  return parsed.subject;
}

export function buildName(name: DistinguishedName): pkijs.RelativeDistinguishedNames {
  const entries: [string, string, 'printable' | 'utf8'][] = [];
  if (name.country) entries.push([oid.country, name.country, 'printable']);
  if (name.organization) entries.push([oid.organization, name.organization, 'utf8']);
  if (name.organizationalUnit) entries.push([oid.organizationalUnit, name.organizationalUnit, 'utf8']);
  if (name.commonName) entries.push([oid.commonName, name.commonName, 'utf8']);
  // One attribute per RDN, as CAs issue them (pkijs alone would put them all in one multi-valued RDN).
  const encoded = new asn1js.Sequence({
    value: entries.map(
      ([type, value, kind]) =>
        new asn1js.Set({
          value: [
            new asn1js.Sequence({
              value: [
                new asn1js.ObjectIdentifier({ value: type }),
                kind === 'printable'
                  ? new asn1js.PrintableString({ value })
                  : new asn1js.Utf8String({ value }),
              ],
            }),
          ],
        }),
    ),
  }).toBER();
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(encoded).result });
}

function defaultHash(signer: LabKey): HashName {
  return signer.spec === 'p384' ? 'SHA-384' : 'SHA-256';
}

function defaultKeyUsage(isCa: boolean, spec: KeySpec): KeyUsageName[] {
  if (isCa) return ['keyCertSign', 'cRLSign', 'digitalSignature'];
  return spec.startsWith('rsa') ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'];
}

function encodeKeyUsage(names: KeyUsageName[]): asn1js.BitString {
  const bits = names.map((name) => keyUsageNames.indexOf(name));
  const highest = Math.max(...bits, 0);
  const bytes = new Uint8Array(highest >= 8 ? 2 : 1);
  for (const bit of bits) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  const unusedBits = bytes.length * 8 - (highest + 1);
  return new asn1js.BitString({ valueHex: toArrayBuffer(bytes), unusedBits });
}

function encodeNameConstraints(spec: NameConstraintsSpec): asn1js.BaseBlock {
  const subtrees = (dns?: string[], ip?: string[], email?: string[], dirNames?: DistinguishedName[]) => [
    ...(dns ?? []).map(
      (value) => new pkijs.GeneralSubtree({ base: new pkijs.GeneralName({ type: 2, value }) }),
    ),
    ...(ip ?? []).map(
      (cidr) =>
        new pkijs.GeneralSubtree({
          base: new pkijs.GeneralName({
            type: 7,
            value: new asn1js.OctetString({ valueHex: toArrayBuffer(cidrBytes(cidr)) }),
          }),
        }),
    ),
    ...(email ?? []).map(
      (value) => new pkijs.GeneralSubtree({ base: new pkijs.GeneralName({ type: 1, value }) }),
    ),
    ...(dirNames ?? []).map(
      (value) =>
        new pkijs.GeneralSubtree({ base: new pkijs.GeneralName({ type: 4, value: buildName(value) }) }),
    ),
  ];
  const permitted = subtrees(
    spec.permittedDns,
    spec.permittedIp,
    spec.permittedEmail,
    spec.permittedDirNames,
  );
  const excluded = subtrees(spec.excludedDns, spec.excludedIp, spec.excludedEmail, spec.excludedDirNames);
  return new pkijs.NameConstraints({
    ...(permitted.length ? { permittedSubtrees: permitted } : {}),
    ...(excluded.length ? { excludedSubtrees: excluded } : {}),
  }).toSchema();
}

function signatureAlgorithm(signer: LabKey, hash: HashName): pkijs.AlgorithmIdentifier {
  if (signer.spec === 'ed25519') return new pkijs.AlgorithmIdentifier({ algorithmId: '1.3.101.112' });
  if (signer.spec === 'p256' || signer.spec === 'p384') {
    const ids: Record<HashName, string> = {
      'SHA-1': '1.2.840.10045.4.1',
      'SHA-256': '1.2.840.10045.4.3.2',
      'SHA-384': '1.2.840.10045.4.3.3',
      'SHA-512': '1.2.840.10045.4.3.4',
    };
    return new pkijs.AlgorithmIdentifier({ algorithmId: ids[hash] });
  }
  const ids: Record<HashName, string> = {
    'SHA-1': '1.2.840.113549.1.1.5',
    'SHA-256': '1.2.840.113549.1.1.11',
    'SHA-384': '1.2.840.113549.1.1.12',
    'SHA-512': '1.2.840.113549.1.1.13',
  };
  return new pkijs.AlgorithmIdentifier({ algorithmId: ids[hash], algorithmParams: new asn1js.Null() });
}

async function sign(signer: LabKey, hash: HashName, data: Uint8Array): Promise<Uint8Array> {
  if (signer.spec === 'ed25519')
    return new Uint8Array(await subtle.sign('Ed25519', signer.privateKey, toArrayBuffer(data)));
  if (signer.spec === 'p256' || signer.spec === 'p384') {
    const raw = new Uint8Array(
      await subtle.sign({ name: 'ECDSA', hash }, signer.privateKey, toArrayBuffer(data)),
    );
    return ecdsaRawToDer(raw);
  }
  // WebCrypto binds the hash to an RSA key at import: re-import for the hash asked for.
  const rsaKey = await subtle.importKey(
    'pkcs8',
    toArrayBuffer(signer.pkcs8),
    { name: 'RSASSA-PKCS1-v1_5', hash },
    false,
    ['sign'],
  );
  return new Uint8Array(await subtle.sign('RSASSA-PKCS1-v1_5', rsaKey, toArrayBuffer(data)));
}

function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    const padded = trimmed[0] & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed;
    return new asn1js.Integer({ valueHex: toArrayBuffer(padded) });
  };
  return new Uint8Array(
    new asn1js.Sequence({ value: [integer(raw.subarray(0, half)), integer(raw.subarray(half))] }).toBER(),
  );
}

async function keyIdentifier(spki: Uint8Array): Promise<Uint8Array> {
  // RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's value.
  const info = new pkijs.PublicKeyInfo({ schema: asn1js.fromBER(spki).result });
  const digest = await subtle.digest('SHA-1', info.subjectPublicKey.valueBlock.valueHexView.slice());
  return new Uint8Array(digest);
}

function timeType(date: Date): pkijs.TimeType {
  // RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
  return date.getUTCFullYear() >= 2050 ? pkijs.TimeType.GeneralizedTime : pkijs.TimeType.UTCTime;
}

function integerBytes(value: bigint): ArrayBuffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = '00' + hex;
  return toArrayBuffer(Uint8Array.from(Buffer.from(hex, 'hex')));
}

/** IPv4 or IPv6 text → bytes (the verifier's parser, so the lab and the checks agree). */
export function ipBytes(address: string): Uint8Array {
  const bytes = parseIp(address);
  if (!bytes) throw new Error(`not an IP address: ${address}`);
  return bytes;
}

function cidrBytes(cidr: string): Uint8Array {
  const [address, prefixText] = cidr.split('/');
  const ip = ipBytes(address);
  const prefix = Number(prefixText ?? ip.length * 8);
  const mask = new Uint8Array(ip.length);
  for (let bit = 0; bit < prefix; bit++) mask[bit >> 3] |= 0x80 >> (bit & 7);
  return Uint8Array.of(...ip, ...mask);
}
