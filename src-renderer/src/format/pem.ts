/** PEM text for any DER object, under its label ("CERTIFICATE REQUEST", "X509 CRL"…). */
import { bytesToBase64 } from '../../../src-core/bytes/base64';

export function pemOf(der: Uint8Array, label: string): string {
  const body = bytesToBase64(der)
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
