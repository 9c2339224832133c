/**
 * Reads a certificate's subject key straight from the DER without reading the rest of the
 * certificate, with the same name-key code as `readVerifyCert` — so a store's trust anchors can
 * be indexed by subject cheaply and only the few that matter get read in full.
 */
import { locateSubject } from '../x509/certificate';
import { nameKey } from './name-key';

/** The subject key of a DER certificate, or undefined when the bytes aren't shaped like one. */
export function fastSubjectKey(der: Uint8Array): string | undefined {
  const subject = locateSubject(der);
  if (!subject) return undefined;
  try {
    return nameKey(der, subject);
  } catch {
    return undefined;
  }
}
