/**
 * DER strictness (X.690 §10): definite, minimal lengths; UTCTime and GeneralizedTime in their one
 * allowed form. pkijs reads BER leniently, browsers don't: this says what a browser would refuse.
 */
import { latin1Text } from '../bytes/latin1';

export function derViolations(der: Uint8Array, maxProblems = 5): string[] {
  const problems: string[] = [];
  walk(0, der.length, 0);
  return problems;

  function walk(start: number, end: number, depth: number): void {
    let offset = start;
    while (offset < end && problems.length < maxProblems) {
      if (depth > 64) {
        problems.push('nesting deeper than 64 levels');
        return;
      }
      const tag = der[offset];
      let cursor = offset + 1;
      if ((tag & 0x1f) === 0x1f) {
        while (cursor < end && der[cursor] & 0x80) cursor++;
        cursor++;
      }
      if (cursor >= end) return;
      const first = der[cursor++];
      let length: number;
      if (first < 0x80) length = first;
      else if (first === 0x80) {
        problems.push(`indefinite length at byte ${offset}`);
        return;
      } else {
        const count = first & 0x7f;
        if (count > 4 || cursor + count > end) return;
        length = 0;
        for (let i = 0; i < count; i++) length = length * 256 + der[cursor + i];
        if (der[cursor] === 0 || length < 0x80)
          problems.push(`non-minimal length encoding at byte ${offset}`);
        cursor += count;
      }
      const contentEnd = cursor + length;
      if (contentEnd > end) return;
      if (tag & 0x20) walk(cursor, contentEnd, depth + 1);
      else if (tag === 0x17 && !digitsThenZ(cursor, contentEnd, 12))
        problems.push(`UTCTime "${ascii(cursor, contentEnd)}" is not YYMMDDHHMMSSZ`);
      else if (tag === 0x18 && !digitsThenZ(cursor, contentEnd, 14))
        problems.push(`GeneralizedTime "${ascii(cursor, contentEnd)}" is not YYYYMMDDHHMMSSZ`);
      else if (tag === 0x01 && length === 1 && der[cursor] !== 0 && der[cursor] !== 0xff)
        problems.push(`BOOLEAN that is neither 00 nor FF at byte ${offset}`);
      else if (
        tag === 0x02 &&
        length > 1 &&
        ((der[cursor] === 0 && !(der[cursor + 1] & 0x80)) || (der[cursor] === 0xff && der[cursor + 1] & 0x80))
      ) {
        problems.push(`INTEGER with redundant leading byte at byte ${offset}`);
      }
      offset = contentEnd;
    }
  }

  /** The one DER time form: exactly `digits` ASCII digits, then `Z` (checked on the bytes, no string). */
  function digitsThenZ(start: number, end: number, digits: number): boolean {
    if (end - start !== digits + 1 || der[end - 1] !== 0x5a) return false;
    for (let i = start; i < end - 1; i++) if (der[i] < 0x30 || der[i] > 0x39) return false;
    return true;
  }

  function ascii(start: number, end: number): string {
    return latin1Text(der.subarray(start, Math.min(end, start + 32)));
  }
}
