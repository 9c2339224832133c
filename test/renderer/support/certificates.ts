/**
 * Certificates for renderer tests, made here with pkijs and WebCrypto (the lab's Node-side
 * minting isn't available in happy-dom): a self-signed CA, valid from an hour ago for 30 days,
 * with these DNS names in its subjectAltName when given.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export async function selfSignedCa(
  name: string,
  dnsNames: string[] = [],
  /** Names another issuer instead (signed with its own key all the same: for display tests only). */
  issuerName = name,
): Promise<Uint8Array> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: 1 });
  const commonName = new pkijs.AttributeTypeAndValue({
    type: '2.5.4.3',
    value: new asn1js.Utf8String({ value: name }),
  });
  certificate.subject.typesAndValues.push(commonName);
  certificate.issuer.typesAndValues.push(
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: issuerName }) }),
  );
  certificate.notBefore.value = new Date(Date.now() - 3600_000);
  certificate.notAfter.value = new Date(Date.now() + 30 * 86_400_000);
  certificate.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: true }).toSchema().toBER(),
    }),
    ...(dnsNames.length
      ? [
          new pkijs.Extension({
            extnID: '2.5.29.17',
            critical: false,
            extnValue: new pkijs.GeneralNames({
              names: dnsNames.map((value) => new pkijs.GeneralName({ type: 2, value })),
            })
              .toSchema()
              .toBER(),
          }),
        ]
      : []),
  ];
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  await certificate.sign(keys.privateKey, 'SHA-256');
  return new Uint8Array(certificate.toSchema(true).toBER());
}
