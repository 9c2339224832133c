/**
 * CRL distribution points (RFC 5280 §4.2.1.13) and the names in an issuingDistributionPoint
 * (§5.2.5) as the CRL checks match them, projected from the typed extensions: names become keys
 * (`dn:<name key>`, `uri:<url>`) so a certificate's points and a CRL's scope compare as sets.
 */
import type {
  DistributionPoint,
  DistributionPointName as TypedName,
} from '../x509/extensions/distribution-points';
import { nameKey } from '../x509/name';
import { generalNameKey } from './general-names';

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

export function distributionPointName(name: TypedName): DistributionPointName {
  if ('fullName' in name) return { fullNames: name.fullName.map(generalNameKey) };
  return { fullNames: [], relativeName: nameKey(name.relativeName) };
}

export function distributionPointSpecs(points: DistributionPoint[]): DistributionPointSpec[] {
  return points.map((point) => ({
    ...(point.name ? distributionPointName(point.name) : { fullNames: [] }),
    unnamed: !point.name,
    crlIssuers: (point.crlIssuer ?? []).flatMap((name) =>
      name.type === 'directory' ? [nameKey(name.attributes)] : [],
    ),
    ...(point.reasons ? { reasons: new Set(point.reasons) } : {}),
  }));
}
