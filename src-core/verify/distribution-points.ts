/**
 * CRL distribution points (RFC 5280 §4.2.1.13) and the names in an issuingDistributionPoint
 * (§5.2.5), read by tag with the decoder's DER reader (nameRelativeToCRLIssuer included). Names
 * become keys (`dn:<name key>`, `uri:<url>`) so a certificate's points and a CRL's scope compare
 * as sets.
 */
import { childrenOf, content, expectTag, readWhole, universalTags, type Tlv } from '../asn1/der';
import { directoryNameKey, generalNameKey } from './general-names';
import { readRdn } from './name-key';

export interface DistributionPointName {
  /** fullName, as keys. */
  fullNames: string[];
  /** nameRelativeToCRLIssuer, normalised; the full name is the CRL issuer's name plus this RDN. */
  relativeName?: string;
}

export interface DistributionPointSpec extends DistributionPointName {
  /** Set when the point names no distributionPoint (only cRLIssuer). */
  unnamed: boolean;
  /** cRLIssuer directory names, normalised (an indirect CRL's issuer). */
  crlIssuers: string[];
  reasons?: Set<number>;
}

/** The names a point stands for, its relative name resolved against `base` (a normalised name). */
export function resolvedNames(point: DistributionPointName, base: string): string[] {
  return [...point.fullNames, ...(point.relativeName ? [`dn:${base}/${point.relativeName}`] : [])];
}

/** DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RDN }. */
export function readDistributionPointName(bytes: Uint8Array, choice: Tlv): DistributionPointName {
  if (choice.tagNumber === 0)
    return { fullNames: childrenOf(bytes, choice).map((name) => generalNameKey(bytes, name)) };
  return { fullNames: [], relativeName: readRdn(bytes, choice).key };
}

/** ReasonFlags BIT STRING contents (first byte: unused bits) → the bit numbers set. */
export function readReasonFlags(bytes: Uint8Array): Set<number> {
  const reasons = new Set<number>();
  for (let bit = 0; bit < (bytes.length - 1) * 8; bit++)
    if (bytes[1 + (bit >> 3)] & (0x80 >> (bit & 7))) reasons.add(bit);
  return reasons;
}

/**
 * CRLDistributionPoints ::= SEQUENCE OF DistributionPoint { distributionPoint [0] (explicit: a
 * CHOICE), reasons [1] ReasonFlags, cRLIssuer [2] GeneralNames }. Throws on malformed input.
 */
export function readDistributionPoints(extensionValue: Uint8Array): DistributionPointSpec[] {
  const list = expectTag(readWhole(extensionValue), universalTags.sequence, 'cRLDistributionPoints', 0);
  return childrenOf(extensionValue, list).map((point) => {
    const spec: DistributionPointSpec = { fullNames: [], unnamed: true, crlIssuers: [] };
    for (const field of childrenOf(extensionValue, point)) {
      if (field.tagNumber === 0) {
        const choice = childrenOf(extensionValue, field)[0];
        if (choice)
          Object.assign(spec, readDistributionPointName(extensionValue, choice), { unnamed: false });
      } else if (field.tagNumber === 1) {
        spec.reasons = readReasonFlags(content(extensionValue, field));
      } else if (field.tagNumber === 2) {
        for (const name of childrenOf(extensionValue, field))
          if (name.tagNumber === 4) spec.crlIssuers.push(directoryNameKey(extensionValue, name));
      }
    }
    return spec;
  });
}
