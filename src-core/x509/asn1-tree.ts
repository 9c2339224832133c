/**
 * The ASN.1 tree of any DER object (tag, offsets, length, decoded value), for the byte view. OCTET
 * and BIT STRINGs that hold DER (extension values, RSA keys, ECDSA signatures) are opened as
 * children. Nodes carry the model field whose bytes they are, so the UI can highlight either way.
 */
import { latin1Text } from '../bytes/latin1';
import {
  DerError,
  readBoolean,
  readOid,
  readTlv,
  unsignedDecimal,
  universalTags,
  type TagClass,
  type Tlv,
} from '../asn1/der';
import type { ByteRange, CertificateModel } from './model';
import { oidName } from './oids';
import { toHex } from '../bytes/hex';
import { isStringTag, readString } from '../asn1/strings';

export interface Asn1Node {
  start: number;
  headerLength: number;
  /** Length of the contents. */
  length: number;
  end: number;
  tagClass: TagClass;
  tagNumber: number;
  constructed: boolean;
  /** `SEQUENCE`, `INTEGER`, `[0]`… */
  type: string;
  /** The decoded value of a primitive, as text (OID dotted, integer decimal, string, time as encoded). */
  value?: string;
  oidName?: string;
  children?: Asn1Node[];
  /** An OCTET/BIT STRING whose contents were read as DER (the children). */
  encapsulates?: boolean;
  /** The model field these exact bytes are (`subject`, `extension:2`…). */
  field?: string;
}

const universalNames: Record<number, string> = {
  1: 'BOOLEAN',
  2: 'INTEGER',
  3: 'BIT STRING',
  4: 'OCTET STRING',
  5: 'NULL',
  6: 'OBJECT IDENTIFIER',
  10: 'ENUMERATED',
  12: 'UTF8String',
  16: 'SEQUENCE',
  17: 'SET',
  18: 'NumericString',
  19: 'PrintableString',
  20: 'T61String',
  22: 'IA5String',
  23: 'UTCTime',
  24: 'GeneralizedTime',
  26: 'VisibleString',
  28: 'UniversalString',
  30: 'BMPString',
};

export interface Asn1TreeOptions {
  /** Field name → bytes, to label the nodes with exactly those bytes. */
  fields?: Record<string, ByteRange>;
  /** Stop expanding after this many nodes (a huge CRL stays usable). */
  maxNodes?: number;
}

export function buildAsn1Tree(bytes: Uint8Array, options: Asn1TreeOptions = {}): Asn1Node {
  const fieldsAt = new Map<string, string>();
  for (const [field, range] of Object.entries(options.fields ?? {})) {
    const key = `${range.start}:${range.end}`;
    if (!fieldsAt.has(key)) fieldsAt.set(key, field);
  }
  let budget = options.maxNodes ?? 50_000;
  return visit(readTlv(bytes, 0), 0);

  function visit(tlv: Tlv, depth: number): Asn1Node {
    budget--;
    const result: Asn1Node = {
      start: tlv.start,
      headerLength: tlv.contentStart - tlv.start,
      length: tlv.contentEnd - tlv.contentStart,
      end: tlv.end,
      tagClass: tlv.tagClass,
      tagNumber: tlv.tagNumber,
      constructed: tlv.constructed,
      type: typeName(tlv),
    };
    const field = fieldsAt.get(`${tlv.start}:${tlv.end}`);
    if (field) result.field = field;
    if (tlv.constructed) {
      if (budget > 0) result.children = readChildren(tlv.contentStart, tlv.contentEnd, depth);
      return result;
    }
    describePrimitive(tlv, result);
    const inner = encapsulatedStart(tlv);
    if (inner !== undefined && budget > 0) {
      try {
        result.children = readChildren(inner, tlv.contentEnd, depth);
        result.encapsulates = true;
      } catch {
        // Not DER inside after all: show the bytes.
      }
    }
    return result;
  }

  function readChildren(start: number, end: number, depth: number): Asn1Node[] {
    if (depth >= 64) throw new DerError('nesting deeper than 64 levels', start);
    const children: Asn1Node[] = [];
    for (let offset = start; offset < end;) {
      const child = readTlv(bytes, offset, end, depth + 1);
      children.push(visit(child, depth + 1));
      offset = child.end;
    }
    return children;
  }

  function encapsulatedStart(tlv: Tlv): number | undefined {
    if (tlv.tagClass !== 'universal') return undefined;
    let start = tlv.contentStart;
    if (tlv.tagNumber === 3) {
      if (bytes[start] !== 0) return undefined;
      start++;
    } else if (tlv.tagNumber !== 4) return undefined;
    if (start >= tlv.contentEnd || ![0x30, 0x31, 0x02, 0x03, 0x04, 0x05, 0x06, 0x16].includes(bytes[start]))
      return undefined;
    // Only if the contents are exactly one or more whole objects.
    try {
      for (let offset = start; offset < tlv.contentEnd;) offset = readTlv(bytes, offset, tlv.contentEnd).end;
      return start;
    } catch {
      return undefined;
    }
  }

  function describePrimitive(tlv: Tlv, result: Asn1Node): void {
    if (tlv.tagClass !== 'universal') return;
    const data = bytes.subarray(tlv.contentStart, tlv.contentEnd);
    try {
      if (tlv.tag === universalTags.oid) {
        result.value = readOid(bytes, tlv);
        const name = oidName(result.value);
        if (name) result.oidName = name;
      } else if (tlv.tag === universalTags.boolean) result.value = readBoolean(bytes, tlv) ? 'TRUE' : 'FALSE';
      else if (tlv.tag === universalTags.integer || tlv.tag === universalTags.enumerated)
        result.value =
          data.length <= 16 && !(data[0] & 0x80)
            ? unsignedDecimal(data)
            : `0x${toHex(data.subarray(0, 64))}${data.length > 64 ? '…' : ''}`;
      else if (
        isStringTag(tlv.tag) ||
        tlv.tag === universalTags.utcTime ||
        tlv.tag === universalTags.generalizedTime
      )
        result.value = truncate(
          tlv.tag === universalTags.utcTime || tlv.tag === universalTags.generalizedTime
            ? latin1Text(data.subarray(0, 64))
            : readString(bytes, tlv),
        );
      else if (tlv.tag === universalTags.bitString && data.length) result.value = `${data[0]} unused bits`;
    } catch {
      // An undecodable value is still shown as bytes.
    }
  }
}

function truncate(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function typeName(tlv: Tlv): string {
  if (tlv.tagClass === 'universal') return universalNames[tlv.tagNumber] ?? `UNIVERSAL ${tlv.tagNumber}`;
  if (tlv.tagClass === 'context') return `[${tlv.tagNumber}]`;
  return `${tlv.tagClass.toUpperCase()} ${tlv.tagNumber}`;
}

/** Every highlightable field of a certificate: the model's ranges and each extension. */
export function certificateFields(model: CertificateModel): Record<string, ByteRange> {
  const fields: Record<string, ByteRange> = {};
  for (const [field, range] of Object.entries(model.ranges)) if (range) fields[field] = range;
  model.extensions.forEach((extension, index) => (fields[`extension:${index}`] = extension.range));
  return fields;
}
