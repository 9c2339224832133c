/** GeneralName (RFC 5280 §4.2.1.6), shared by SAN, IAN, name constraints, AKI, AIA and CRL DP. */
import { childrenOf, DerError, readOid, readTlv, type Tlv } from '../asn1/der';
import type { GeneralName } from './model';
import { nameProblems, readName, toRfc4514 } from './name';
import { decodeString, isStringTag, readString } from '../asn1/strings';

export function readGeneralName(bytes: Uint8Array, tlv: Tlv): GeneralName {
  if (tlv.tagClass !== 'context') throw new DerError('a general name must be context-tagged', tlv.start);
  const data = bytes.subarray(tlv.contentStart, tlv.contentEnd);
  switch (tlv.tagNumber) {
    case 0: {
      const [type, explicit] = childrenOf(bytes, tlv);
      if (!type || type.tag !== 0x06) throw new DerError('otherName without a type', tlv.start);
      const oid = readOid(bytes, type);
      const inner = explicit ? childrenOf(bytes, explicit)[0] : undefined;
      return {
        type: 'other',
        oid,
        ...(inner && isStringTag(inner.tag) ? { value: readString(bytes, inner) } : {}),
        der: bytes.slice(tlv.start, tlv.end),
      };
    }
    case 1:
      return readIa5(bytes, tlv, 'email');
    case 2:
      return readIa5(bytes, tlv, 'dns');
    case 3:
      return { type: 'x400', der: bytes.slice(tlv.start, tlv.end) };
    case 4: {
      // directoryName is EXPLICIT: a Name inside.
      const inner = readTlv(bytes, tlv.contentStart, tlv.contentEnd);
      const problems: string[] = [];
      const attributes = readName(bytes, inner, problems);
      problems.push(...nameProblems(attributes));
      return {
        type: 'directory',
        attributes,
        rfc4514: toRfc4514(attributes),
        ...(problems.length ? { problem: problems.join('; ') } : {}),
      };
    }
    case 5:
      return { type: 'ediParty', der: bytes.slice(tlv.start, tlv.end) };
    case 6:
      return readIa5(bytes, tlv, 'uri');
    case 7:
      return { type: 'ip', bytes: data.slice() };
    case 8:
      return { type: 'registeredId', oid: readOid(bytes, tlv) };
    default:
      throw new DerError(`unknown general name [${tlv.tagNumber}]`, tlv.start);
  }
}

/** An IA5String name (dNSName, rfc822Name, URI): non-ASCII bytes are marked and said, never guessed at. */
function readIa5(
  bytes: Uint8Array,
  tlv: Tlv,
  type: 'dns' | 'email' | 'uri',
): { type: 'dns' | 'email' | 'uri'; value: string; problem?: string } {
  if (tlv.constructed) throw new DerError('a name string must be primitive', tlv.start);
  const { text, problem } = decodeString(bytes, tlv, 0x16);
  return problem ? { type, value: text, problem } : { type, value: text };
}

/** GeneralNames ::= SEQUENCE OF GeneralName (or the contents of any other container). */
export function readGeneralNames(bytes: Uint8Array, container: Tlv): GeneralName[] {
  return childrenOf(bytes, container).map((child) => readGeneralName(bytes, child));
}

/** The familiar `DNS:…`/`IP:…` form (openssl and the CLI print it). */
export function generalNameText(name: GeneralName): string {
  switch (name.type) {
    case 'dns':
      return `DNS:${name.value}`;
    case 'email':
      return `email:${name.value}`;
    case 'uri':
      return `URI:${name.value}`;
    case 'ip':
      return `IP:${formatIp(name.bytes)}`;
    case 'directory':
      return `DirName:${name.rfc4514}`;
    case 'registeredId':
      return `RID:${name.oid}`;
    case 'other':
      return `othername:${name.oid}${name.value !== undefined ? `:${name.value}` : ''}`;
    default:
      return name.type;
  }
}

/** IPv4 dotted, IPv6 per RFC 5952 (lowercase, longest zero run as `::`); with a mask: `addr/mask`. */
export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 8 || bytes.length === 32) {
    const half = bytes.length / 2;
    return `${formatIp(bytes.subarray(0, half))}/${formatIp(bytes.subarray(half))}`;
  }
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i] << 8) | bytes[2 * i + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hexGroups = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hexGroups.join(':');
  return `${hexGroups.slice(0, bestStart).join(':')}::${hexGroups.slice(bestStart + bestLength).join(':')}`;
}
