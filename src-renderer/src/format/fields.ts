/** The names the ASN.1 view gives the model's fields (the model keeps code names, the UI words). */

const labels: Record<string, string> = {
  certificate: 'certificate',
  tbsCertificate: 'signed part',
  version: 'version',
  serialNumber: 'serial number',
  innerSignatureAlgorithm: 'signature algorithm (signed copy)',
  issuer: 'issuer',
  validity: 'validity',
  notBefore: 'not before',
  notAfter: 'not after',
  subject: 'subject',
  subjectPublicKeyInfo: 'public key info',
  publicKey: 'public key',
  issuerUniqueId: 'issuer unique ID',
  subjectUniqueId: 'subject unique ID',
  extensions: 'extensions',
  signatureAlgorithm: 'signature algorithm',
  signatureValue: 'signature',
  attributes: 'attributes',
};

/** `extension:2` reads "extension 3" unless `names` knows it better (e.g. "Subject Alternative Name"). */
export function fieldLabel(field: string, names: Record<string, string> = {}): string {
  if (names[field]) return names[field];
  const extension = /^extension:(\d+)$/.exec(field);
  if (extension) return `extension ${Number(extension[1]) + 1}`;
  return labels[field] ?? field;
}

/** Byte offsets as the hex dump beside them shows them. */
export function hexOffset(offset: number): string {
  return offset.toString(16).padStart(5, '0');
}
