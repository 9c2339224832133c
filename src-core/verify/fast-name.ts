/**
 * Reads a certificate's subject key straight from the DER without reading the rest of the
 * certificate, with the same name-key code as `readVerifyCert` — so a store's trust anchors can
 * be indexed by subject cheaply and only the few that matter get read in full.
 */
import { childrenOf, readTlv, universalTags } from '../decode/der';
import { nameKey } from './name-key';

/** The subject key of a DER certificate, or undefined when the bytes aren't shaped like one. */
export function fastSubjectKey(der: Uint8Array): string | undefined {
  try {
    const certificate = readTlv(der, 0);
    if (certificate.tag !== universalTags.sequence) return undefined;
    const tbs = readTlv(der, certificate.contentStart, certificate.contentEnd);
    if (tbs.tag !== universalTags.sequence) return undefined;
    const fields = childrenOf(der, tbs);
    const skip = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version
    const subject = fields[skip + 4]; // serial, signature, issuer, validity, subject
    if (!subject || subject.tag !== universalTags.sequence) return undefined;
    return nameKey(der, subject);
  } catch {
    return undefined;
  }
}
