/**
 * A subscriber certificate's validity period against the §6.3.2 schedule (ballot SC-081), by its
 * issuance date (the earliest embedded SCT, else notBefore): MUST NOT exceed 398/200/100/47 days,
 * SHOULD NOT exceed one day less. Counted as §6.3.2 counts: inclusive, 86,400-second days, any
 * part of a day a whole one.
 */
import type { CertificateCheck } from '../types';
import { cabfFinding, issuanceDate, validityDays, roleOf } from './common';

const schedule = [
  { before: Date.parse('2026-03-15T00:00:00Z'), days: 398 },
  { before: Date.parse('2027-03-15T00:00:00Z'), days: 200 },
  { before: Date.parse('2029-03-15T00:00:00Z'), days: 100 },
  { before: Infinity, days: 47 },
];

/** The most days a subscriber certificate issued at this date may be valid. */
export function maximumValidityDays(issued: Date): number {
  return schedule.find((window) => issued.getTime() < window.before)!.days;
}

export const cabfLeafValidityCheck: CertificateCheck<'cabf-leaf-validity'> = {
  name: 'cabf-leaf-validity',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-validity-too-long', 'cabf-validity-advised'],
  summary: 'CA/B Forum: subscriber validity within the §6.3.2 limit for its issuance date',
  run(cert, index, path) {
    if (roleOf(cert, index, path) !== 'subscriber') return [];
    const issued = issuanceDate(cert);
    const limit = maximumValidityDays(issued);
    const days = validityDays(cert);
    const when = `issued ${issued.toISOString().slice(0, 10)}`;
    if (days > limit)
      return [cabfFinding('cabf-validity-too-long', cert, `${days} days; at most ${limit} when ${when}`)];
    if (days > limit - 1)
      return [
        cabfFinding(
          'cabf-validity-advised',
          cert,
          `${days} days; ${limit - 1} or fewer advised when ${when}`,
        ),
      ];
    return [];
  },
};
