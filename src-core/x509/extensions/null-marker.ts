/** Extensions whose whole value is an ASN.1 NULL: OCSP no-check, the precertificate poison. */
import { DerError, expectTag, readWhole, universalTags } from '../../asn1/der';
import { node, text, type ExtensionSpec } from './nodes';

/** Anything whose value must be an ASN.1 NULL (OCSP no-check, the precertificate poison). */
export function nullMarker(meaning: string): ExtensionSpec<true> {
  return {
    read(value) {
      const tlv = expectTag(readWhole(value), universalTags.null, 'value', 0);
      if (tlv.contentEnd !== tlv.contentStart) throw new DerError('NULL with contents', 0);
      return true;
    },
    nodes: () => [node('meaning', 'Meaning', text(meaning))],
  };
}
