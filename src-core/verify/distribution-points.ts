/**
 * CRL distribution points (RFC 5280 §4.2.1.13) and the names in an issuingDistributionPoint
 * (§5.2.5), read by tag with asn1js: pkijs can't read nameRelativeToCRLIssuer. Names become keys
 * (`dn:<normalised name>`, `uri:<url>`) so a certificate's points and a CRL's scope compare as sets.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { normaliseName, toArrayBuffer } from './cert';

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

/** Keys of a GeneralName that names can be matched by; other forms get a key of their own. */
export function generalNameKey(name: pkijs.GeneralName): string {
  if (name.type === 4) return `dn:${normaliseName(name.value as pkijs.RelativeDistinguishedNames)}`;
  if (name.type === 6) return `uri:${String(name.value)}`;
  return `other${name.type}:${String(name.value)}`;
}

/** The names a point stands for, its relative name resolved against `base` (a normalised name). */
export function resolvedNames(point: DistributionPointName, base: string): string[] {
  return [...point.fullNames, ...(point.relativeName ? [`dn:${base}/${point.relativeName}`] : [])];
}

/** DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RDN }. */
export function readDistributionPointName(choice: asn1js.BaseBlock): DistributionPointName {
  const children = (choice as asn1js.Constructed).valueBlock.value ?? [];
  if (choice.idBlock.tagNumber === 0)
    return { fullNames: children.map((child) => generalNameKey(new pkijs.GeneralName({ schema: child }))) };
  const rdn = new pkijs.RelativeDistinguishedNames({
    typesAndValues: children.map((child) => new pkijs.AttributeTypeAndValue({ schema: child })),
  });
  return { fullNames: [], relativeName: normaliseName(rdn) };
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
  const parsed = asn1js.fromBER(toArrayBuffer(extensionValue));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw new Error('bad DER');
  return parsed.result.valueBlock.value.map((point) => {
    const spec: DistributionPointSpec = { fullNames: [], unnamed: true, crlIssuers: [] };
    for (const field of (point as asn1js.Constructed).valueBlock.value) {
      const tag = field.idBlock.tagNumber;
      if (tag === 0) {
        const choice = (field as asn1js.Constructed).valueBlock.value[0];
        if (choice) Object.assign(spec, readDistributionPointName(choice), { unnamed: false });
      } else if (tag === 1) {
        spec.reasons = readReasonFlags((field as asn1js.Primitive).valueBlock.valueHexView);
      } else if (tag === 2) {
        for (const child of (field as asn1js.Constructed).valueBlock.value) {
          const name = new pkijs.GeneralName({ schema: child });
          if (name.type === 4)
            spec.crlIssuers.push(normaliseName(name.value as pkijs.RelativeDistinguishedNames));
        }
      }
    }
    return spec;
  });
}
