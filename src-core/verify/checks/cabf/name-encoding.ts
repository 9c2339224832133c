/**
 * Subject names as BR §7.1.4 encodes them: one attribute per RDN, no attribute twice (but
 * streetAddress and domainComponent, which the profiles allow several of), the §7.1.4.2 attributes
 * in its order with its string types and length limits (in characters), and countryName an ISO
 * 3166-1 alpha-2 code or XX (§7.1.2.7.3–4, §7.1.2.10.2).
 */
import type { VerifyCert } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding } from './common';
import { countryCodeSnapshot } from './data/country-codes';

const utf8 = 0x0c;
const printable = 0x13;
const ia5 = 0x16;
const directoryString = [utf8, printable];

interface AttributeRule {
  name: string;
  types: readonly number[];
  maxLength?: number;
  /** Position in the first table of §7.1.4.2 (the order rule); absent for the second table. */
  order?: number;
}

const attributeRules: Record<string, AttributeRule> = {
  '0.9.2342.19200300.100.1.25': { name: 'domainComponent', types: [ia5], maxLength: 63, order: 0 },
  '2.5.4.6': { name: 'countryName', types: [printable], maxLength: 2, order: 1 },
  '2.5.4.8': { name: 'stateOrProvinceName', types: directoryString, maxLength: 128, order: 2 },
  '2.5.4.7': { name: 'localityName', types: directoryString, maxLength: 128, order: 3 },
  '2.5.4.17': { name: 'postalCode', types: directoryString, maxLength: 40, order: 4 },
  '2.5.4.9': { name: 'streetAddress', types: directoryString, maxLength: 128, order: 5 },
  '2.5.4.10': { name: 'organizationName', types: directoryString, maxLength: 64, order: 6 },
  '2.5.4.4': { name: 'surname', types: directoryString, maxLength: 64, order: 7 },
  '2.5.4.42': { name: 'givenName', types: directoryString, maxLength: 64, order: 8 },
  '2.5.4.11': { name: 'organizationalUnitName', types: directoryString, maxLength: 64, order: 9 },
  '2.5.4.3': { name: 'commonName', types: directoryString, maxLength: 64, order: 10 },
  '2.5.4.15': { name: 'businessCategory', types: directoryString, maxLength: 128 },
  '1.3.6.1.4.1.311.60.2.1.3': { name: 'jurisdictionCountry', types: [printable], maxLength: 2 },
  '1.3.6.1.4.1.311.60.2.1.2': { name: 'jurisdictionStateOrProvince', types: directoryString, maxLength: 128 },
  '1.3.6.1.4.1.311.60.2.1.1': { name: 'jurisdictionLocality', types: directoryString, maxLength: 128 },
  '2.5.4.5': { name: 'serialNumber', types: [printable], maxLength: 64 },
  '2.5.4.97': { name: 'organizationIdentifier', types: directoryString },
};

/** Attributes the profiles allow more than once (§7.1.2.7.3–4, §7.1.2.10.2: “Multiple instances MAY be present”). */
const repeatable = new Set(['2.5.4.9', '0.9.2342.19200300.100.1.25']);
const countryAttributes = new Set(['2.5.4.6', '1.3.6.1.4.1.311.60.2.1.3']);

let countries: Set<string> | undefined;
function isCountryCode(value: string): boolean {
  countries ??= new Set([...countryCodeSnapshot.codes.split(' '), 'XX']);
  return countries.has(value);
}

function encodingProblems(cert: VerifyCert): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  let lastOrder = -1;
  for (const attribute of cert.subjectAttributes) {
    const rule = attributeRules[attribute.oid];
    const name = rule?.name ?? attribute.label ?? attribute.oid;
    if (attribute.sameRdn) problems.push(`${name} shares an RDN with another attribute`);
    if (seen.has(attribute.oid) && !repeatable.has(attribute.oid)) problems.push(`${name} appears twice`);
    seen.add(attribute.oid);
    if (attribute.problem) problems.push(`${name}: ${attribute.problem}`);
    if (!rule) continue;
    if (rule.order !== undefined) {
      if (rule.order < lastOrder) problems.push(`${name} out of the §7.1.4.2 order`);
      lastOrder = Math.max(lastOrder, rule.order);
    }
    if (attribute.binary || !rule.types.includes(attribute.stringTag ?? -1))
      problems.push(`${name} is not a ${rule.types.map(typeName).join(' or ')}`);
    else if (rule.maxLength !== undefined && [...attribute.value].length > rule.maxLength)
      problems.push(`${name} longer than ${rule.maxLength} characters`);
  }
  return problems;
}

function typeName(tag: number): string {
  return tag === utf8 ? 'UTF8String' : tag === printable ? 'PrintableString' : 'IA5String';
}

export const cabfNameEncodingCheck: CertificateCheck<'cabf-name-encoding'> = {
  name: 'cabf-name-encoding',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-name-encoding', 'cabf-country-code'],
  summary: 'CA/B Forum: subject names encoded as §7.1.4 requires; countries as ISO 3166-1 codes',
  run(cert) {
    const findings: Finding[] = [];
    const problems = encodingProblems(cert);
    if (problems.length) findings.push(cabfFinding('cabf-name-encoding', cert, problems.join('; ')));
    for (const attribute of cert.subjectAttributes)
      if (countryAttributes.has(attribute.oid) && !isCountryCode(attribute.value))
        findings.push(
          cabfFinding('cabf-country-code', cert, `“${attribute.value}” (${countryCodeSnapshot.source})`),
        );
    return findings;
  },
};
