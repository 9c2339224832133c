/**
 * A certificate's subject key straight from the DER without reading the rest of the certificate,
 * with the same name reader and key as `readVerifyCert` — so a store's trust anchors can be
 * indexed by subject cheaply and only the few that matter get read in full.
 */
import { readSubjectOnly } from '../x509/certificate';
import { nameKey } from '../x509/name';

/** The subject key of a DER certificate, or undefined when the bytes aren't shaped like one. */
export function fastSubjectKey(der: Uint8Array): string | undefined {
  const subject = readSubjectOnly(der);
  return subject && nameKey(subject);
}
