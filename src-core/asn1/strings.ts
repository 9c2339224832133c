/**
 * ASN.1 character strings → text, one way everywhere (display, verdicts, name keys). A string
 * that is not valid in its declared type is never shown silently wrong: each offending byte
 * becomes a visible `\xNN`, control characters (C0, DEL, C1) too, and the problem is said in
 * `problem`.
 */
import { latin1Text } from '../bytes/latin1';
import { toHex } from '../bytes/hex';
import { DerError, type Tlv } from './der';

export interface DecodedString {
  text: string;
  /** Why the bytes are not a valid string of the declared type (shown with the text, judged by the verifier). */
  problem?: string;
}

export const stringTypeNames: Record<number, string> = {
  0x0c: 'UTF8String',
  0x12: 'NumericString',
  0x13: 'PrintableString',
  0x14: 'T61String',
  0x15: 'VideotexString',
  0x16: 'IA5String',
  0x19: 'GraphicString',
  0x1a: 'VisibleString',
  0x1b: 'GeneralString',
  0x1c: 'UniversalString',
  0x1e: 'BMPString',
};

export function isStringTag(tag: number): boolean {
  return tag in stringTypeNames;
}

/** Any ASN.1 character string → its text (with visible marks where it is invalid). */
export function readString(bytes: Uint8Array, tlv: Tlv): string {
  return decodeString(bytes, tlv).text;
}

/**
 * Any ASN.1 character string → its text and, when its bytes break its type, the problem. `tag`
 * reads an implicitly tagged string as that type (a dNSName is an IA5String under [2]).
 */
export function decodeString(bytes: Uint8Array, tlv: Tlv, tag = tlv.tag): DecodedString {
  const plain = plainAscii(bytes, tlv.contentStart, tlv.contentEnd, tag);
  if (plain !== undefined) return { text: plain };
  const data = bytes.subarray(tlv.contentStart, tlv.contentEnd);
  switch (tag) {
    case 0x0c:
      return decodeUtf8(data);
    case 0x1e:
      return decodeBmp(data);
    case 0x1c:
      return decodeUniversal(data);
    // T61 (and the other ISO 2022 types): a byte per character, ISO 8859-1, as browsers read it.
    case 0x14:
    case 0x15:
    case 0x19:
    case 0x1b:
      return markControls(latin1Text(data), tag);
    case 0x12:
    case 0x13:
    case 0x16:
    case 0x1a:
      return decodeSevenBit(data, tag);
    default:
      throw new DerError('expected a character string', tlv.start);
  }
}

/**
 * Nearly every string in a certificate is printable ASCII in a byte-per-character type: read it
 * with one loop, no decoder. Undefined when the fast path doesn't apply.
 */
function plainAscii(bytes: Uint8Array, start: number, end: number, tag: number): string | undefined {
  // UTF8, IA5, Visible, T61 and the other byte types; Printable and Numeric have their own sets.
  if (tag !== 0x0c && tag !== 0x16 && tag !== 0x1a && tag !== 0x14 && tag !== 0x13) return undefined;
  let text = '';
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    if (byte < 0x20 || byte >= 0x7f) return undefined;
    if (tag === 0x13 && !printableByte[byte]) return undefined;
    text += String.fromCharCode(byte);
  }
  return text;
}

const printableByte = Array.from({ length: 128 }, (_, byte) =>
  /^[A-Za-z0-9 '()+,\-./:=?]$/.test(String.fromCharCode(byte)),
);

const escapeByte = (byte: number) => `\\x${toHex(Uint8Array.of(byte))}`;
const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);
// eslint-disable-next-line no-control-regex -- finding control characters (C0, DEL, C1) is the point
const controls = /[\x00-\x1f\x7f-\x9f]/g;

function markControls(text: string, tag: number, problem?: string): DecodedString {
  if (!controls.test(text)) return problem ? { text, problem } : { text };
  controls.lastIndex = 0;
  return {
    text: text.replace(controls, (char) => escapeByte(char.charCodeAt(0))),
    problem: problem ?? `control characters in a ${stringTypeNames[tag]}`,
  };
}

const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** IA5, Printable, Visible, Numeric: ASCII, each with its own character set. */
function decodeSevenBit(data: Uint8Array, tag: number): DecodedString {
  let high = false;
  for (let i = 0; i < data.length; i++) if (data[i] >= 0x80) high = true;
  const type = stringTypeNames[tag];
  if (high) {
    let text = '';
    for (const byte of data)
      text += byte >= 0x80 || isControl(byte) ? escapeByte(byte) : String.fromCharCode(byte);
    return { text, problem: `bytes outside ASCII in a ${type}` };
  }
  const text = latin1Text(data);
  let problem: string | undefined;
  if (tag === 0x13 && !printable.test(text)) {
    const bad = [...text].find((char) => !printable.test(char)) ?? '';
    problem = isControl(bad.charCodeAt(0)) ? undefined : `'${bad}' is not a PrintableString character`;
  } else if (tag === 0x12 && !/^[0-9 ]*$/.test(text)) problem = 'a NumericString holds more than digits';
  return markControls(text, tag, problem);
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(data: Uint8Array): DecodedString {
  try {
    return markControls(fatalUtf8.decode(data), 0x0c);
  } catch {
    // Decode what is valid, and show each byte of what isn't.
    let text = '';
    for (let i = 0; i < data.length;) {
      const length = utf8SequenceLength(data, i);
      if (length === 0) text += escapeByte(data[i++]);
      else {
        text += fatalUtf8.decode(data.subarray(i, i + length));
        i += length;
      }
    }
    return markControls(text, 0x0c, 'invalid UTF-8 in a UTF8String');
  }
}

/** Length of the well-formed UTF-8 sequence at `i` (RFC 3629), or 0 when there is none. */
function utf8SequenceLength(data: Uint8Array, i: number): number {
  const first = data[i];
  if (first < 0x80) return 1;
  const length =
    first >= 0xc2 && first <= 0xdf
      ? 2
      : first >= 0xe0 && first <= 0xef
        ? 3
        : first >= 0xf0 && first <= 0xf4
          ? 4
          : 0;
  if (length === 0 || i + length > data.length) return 0;
  for (let k = 1; k < length; k++) if ((data[i + k] & 0xc0) !== 0x80) return 0;
  const second = data[i + 1];
  if (first === 0xe0 && second < 0xa0) return 0; // overlong
  if (first === 0xed && second > 0x9f) return 0; // surrogates
  if (first === 0xf0 && second < 0x90) return 0; // overlong
  if (first === 0xf4 && second > 0x8f) return 0; // beyond U+10FFFF
  return length;
}

function decodeBmp(data: Uint8Array): DecodedString {
  let text = '';
  let problem: string | undefined;
  const units = data.length >> 1;
  for (let i = 0; i < units; i++) {
    const unit = (data[2 * i] << 8) | data[2 * i + 1];
    const isHigh = unit >= 0xd800 && unit <= 0xdbff;
    const next = i + 1 < units ? (data[2 * i + 2] << 8) | data[2 * i + 3] : 0;
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      text += String.fromCharCode(unit, next);
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      text += escapeByte(data[2 * i]) + escapeByte(data[2 * i + 1]);
      problem = 'a lone surrogate in a BMPString';
    } else text += String.fromCharCode(unit);
  }
  if (data.length % 2) {
    text += escapeByte(data[data.length - 1]);
    problem = 'a BMPString of odd length';
  }
  return markControls(text, 0x1e, problem);
}

function decodeUniversal(data: Uint8Array): DecodedString {
  let text = '';
  let problem: string | undefined;
  const whole = data.length - (data.length % 4);
  for (let i = 0; i < whole; i += 4) {
    const point = ((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]) >>> 0;
    if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) {
      for (let k = 0; k < 4; k++) text += escapeByte(data[i + k]);
      problem = 'a UniversalString holds a value that is no character';
    } else text += String.fromCodePoint(point);
  }
  if (whole !== data.length) {
    for (let i = whole; i < data.length; i++) text += escapeByte(data[i]);
    problem = 'a UniversalString whose length is not a multiple of 4';
  }
  return markControls(text, 0x1c, problem);
}
