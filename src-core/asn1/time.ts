/** UTCTime and GeneralizedTime → `Date`, in their DER form and the BER forms real files use. */
import { DerError, universalTags, type Tlv } from './der';
import { latin1Text } from '../bytes/latin1';

export interface DerTime {
  date: Date;
  /** The one DER form: UTCTime `YYMMDDHHMMSSZ`, GeneralizedTime `YYYYMMDDHHMMSSZ`. */
  strict: boolean;
  text: string;
}

/** UTCTime or GeneralizedTime → Date; tolerates the BER forms (no seconds, offsets, fractions). */
export function readTime(bytes: Uint8Array, tlv: Tlv): DerTime {
  const text = latin1Text(bytes.subarray(tlv.contentStart, tlv.contentEnd));
  const utc = tlv.tag === universalTags.utcTime;
  if (!utc && tlv.tag !== universalTags.generalizedTime) throw new DerError('expected a time', tlv.start);
  const strictForm = strictTime(bytes, tlv.contentStart, tlv.contentEnd, utc);
  if (strictForm !== undefined) return { date: new Date(strictForm), strict: true, text };
  return timeFromText(text, utc, tlv.start);
}

/** The general reading, every form: what `readTime` gives for anything but the DER form (exported for its test). */
export function timeFromText(text: string, utc: boolean, offset: number): DerTime {
  const match = utc
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?()(Z|[+-]\d{4})$/.exec(text)
    : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d{1,9}))?(Z|[+-]\d{4})?$/.exec(text);
  if (!match)
    throw new DerError(
      `"${text.slice(0, 40)}" is not a valid ${utc ? 'UTCTime' : 'GeneralizedTime'}`,
      offset,
    );
  let year = Number(match[1]);
  if (utc) year += year >= 50 ? 1900 : 2000; // RFC 5280 §4.1.2.5.1
  const [month, day, hour, minute, second] = [2, 3, 4, 5, 6].map((index) => Number(match[index] ?? 0));
  const millis = match[7] ? Math.round(Number(`0.${match[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    throw new DerError(`"${text}" is not a real date`, offset);
  if (day > daysInMonth(year, month)) throw new DerError(`"${text}" is not a real date`, offset);
  // Date.UTC reads years 0–99 as 1900–1999; a GeneralizedTime's year is as written. 400 years on
  // the calendar repeats itself (leap days included), so compute there and step back.
  let time = Date.UTC(year < 100 ? year + 400 : year, month - 1, day, hour, minute, second, millis);
  if (year < 100) time = new Date(time).setUTCFullYear(year);
  const zone = match[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '+' ? 1 : -1;
    time -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  }
  const strict = utc ? /^\d{12}Z$/.test(text) : /^\d{14}Z$/.test(text);
  return { date: new Date(time), strict, text };
}

/**
 * The one DER form (nearly every certificate's times), read straight from the digits: the
 * milliseconds, or undefined for anything else (a looser form, a date that doesn't exist, a
 * GeneralizedTime year below 100), which the general reading above takes.
 */
function strictTime(bytes: Uint8Array, start: number, end: number, utc: boolean): number | undefined {
  const digits = utc ? 12 : 14;
  if (end - start !== digits + 1 || bytes[end - 1] !== 0x5a) return undefined;
  for (let at = start; at < end - 1; at++) if (bytes[at] < 0x30 || bytes[at] > 0x39) return undefined;
  const two = (at: number) => (bytes[at] - 0x30) * 10 + bytes[at + 1] - 0x30;
  let year = utc ? two(start) : two(start) * 100 + two(start + 2);
  if (utc)
    year += year >= 50 ? 1900 : 2000; // RFC 5280 §4.1.2.5.1
  else if (year < 100) return undefined;
  const at = start + (utc ? 2 : 4);
  const month = two(at);
  const day = two(at + 2);
  const hour = two(at + 4);
  const minute = two(at + 6);
  const second = two(at + 8);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}
