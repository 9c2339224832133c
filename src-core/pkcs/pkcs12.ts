/**
 * PKCS#12 (RFC 7292) files: the certificates in them and facts about their keys, after checking
 * the integrity MAC (classic or PBMAC1) and decrypting with the password. Pure TS over WebCrypto;
 * every failure is a `DerError` or a `Pkcs12PasswordError` with a plain message.
 */
import { DecryptionFailed } from './cbc';
import {
  implicitOctets,
  octets,
  oid as readOid,
  parse,
  readNode,
  sequence,
  smallInteger,
  text,
  Node,
} from '../asn1/node';
import { PasswordError, type PasswordProblem } from './errors';
import { WorkBudget } from './limits';
import { readMacData, type MacCheck } from './mac';
import { readPbe, type PasswordForms } from './pbe';
import {
  decryptedPkcs8Facts,
  encryptionDescription,
  passwordCandidates,
  pkcs8Facts,
  wipePasswords,
  type PrivateKeyFacts,
} from './private-key';
import { copyBytes } from '../bytes/buffers';
import { toHex } from '../bytes/hex';
import { DerError, universalTags } from '../asn1/der';

export class Pkcs12PasswordError extends PasswordError {
  override name = 'Pkcs12PasswordError';
  constructor(reason: PasswordProblem) {
    super(
      reason,
      reason === 'wrong-password'
        ? 'The password for this PKCS#12 file is wrong.'
        : 'This PKCS#12 file is protected by a password: enter it to see what is inside.',
    );
  }
}

export interface Pkcs12Contents {
  certificates: { der: Uint8Array; friendlyName?: string; localKeyIdHex?: string }[];
  /** One per key bag; facts only, never key material. */
  keys: PrivateKeyFacts[];
  /** E.g. 'HMAC-SHA256 (PKCS#12 KDF, 2048 iterations)', or 'none'. */
  integrity: string;
  /** Each distinct scheme, in the order met, e.g. ['pbeWithSHAAnd40BitRC2-CBC', 'pbeWithSHAAnd3-KeyTripleDES-CBC']. */
  encryption: string[];
}

export const pkcs12Limits = {
  maxFileBytes: 20 * 1024 * 1024,
  /** ContentInfos in the AuthenticatedSafe. */
  maxSafes: 1000,
  /** Bags in the whole file. */
  maxBags: 10_000,
  /** safeContentsBag nesting. */
  maxBagNesting: 4,
};

const oid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  crlBag: '1.2.840.113549.1.12.10.1.4',
  secretBag: '1.2.840.113549.1.12.10.1.5',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
};
const contentTypeBytes = {
  data: Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01),
  signedData: Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02),
};

/** Cheap sniff: SEQUENCE { INTEGER 3, ContentInfo (data | signedData), … }. Never throws. */
export function looksLikePkcs12(der: Uint8Array): boolean {
  try {
    const top = readNode(der, 0, der.length, 0, 0);
    if (top.tag !== universalTags.sequence) return false;
    const version = readNode(der, top.valueStart, top.valueEnd, 0, 1);
    if (version.tag !== universalTags.integer || version.length !== 1 || der[version.valueStart] !== 3)
      return false;
    const info = readNode(der, version.end, top.valueEnd, 0, 1);
    if (info.tag !== universalTags.sequence) return false;
    const type = readNode(der, info.valueStart, info.valueEnd, 0, 2);
    if (type.tag !== universalTags.oid) return false;
    const value = type.value;
    return [contentTypeBytes.data, contentTypeBytes.signedData].some(
      (known) => known.length === value.length && known.every((b, i) => b === value[i]),
    );
  } catch {
    return false;
  }
}

/** Mutable state of one read. */
interface ReadContext {
  password: PasswordForms;
  budget: WorkBudget;
  /** With a verified MAC, garbage after decryption means damage; without one, a wrong password. */
  macVerified: boolean;
  contents: Pkcs12Contents;
  bags: number;
  /** Parts that decrypted to well-formed contents (safes and keys): evidence the password is right. */
  decrypted: number;
}

export async function readPkcs12(der: Uint8Array, password: string | undefined): Promise<Pkcs12Contents> {
  try {
    return await readUnchecked(der, password);
  } catch (error) {
    if (error instanceof DerError || error instanceof Pkcs12PasswordError) throw error;
    if (error instanceof DecryptionFailed) {
      throw new DerError('part of this PKCS#12 file could not be decrypted (the file may be damaged)');
    }
    // A bug or a platform quirk: keep the typed-error promise, with no detail that could leak.
    throw new DerError(`could not read the PKCS#12 file (${error instanceof Error ? error.name : 'error'})`);
  }
}

async function readUnchecked(der: Uint8Array, password: string | undefined): Promise<Pkcs12Contents> {
  if (der.length > pkcs12Limits.maxFileBytes) {
    throw new DerError(
      `the file is larger than ${pkcs12Limits.maxFileBytes / 1024 / 1024} MiB`,
      undefined,
      'too-large',
    );
  }
  const fields = sequence(parse(der, { base: 0, what: 'the PKCS#12 structure' }), 'PFX', 2, 3);
  const version = smallInteger(fields[0], 'PFX version', 1000);
  if (version !== 3)
    fields[0].fail(`PKCS#12 version ${version} is not supported (only version 3 exists)`, 'unsupported');
  const { type, content } = contentInfo(fields[1], 'authenticated safe');
  let authSafe: Uint8Array;
  let authSafeBase: number | undefined;
  let integrity = 'none';
  if (type === oid.data) {
    const inner = explicitContent(content, fields[1], 'authenticated safe');
    authSafe = octets(inner, 'authenticated safe');
    authSafeBase = inner.valueOffset;
  } else if (type === oid.signedData) {
    // Public-key integrity mode: we read the content but can't verify the signature here.
    const inner = signedContent(explicitContent(content, fields[1], 'authenticated safe'));
    authSafe = octets(inner, 'signed content');
    authSafeBase = inner.valueOffset;
    integrity = 'public-key signature (not verified)';
  } else {
    return fields[1].fail(`authenticated safe of type ${type} is not supported`, 'unsupported');
  }
  const mac: MacCheck | undefined = fields[2] ? readMacData(fields[2]) : undefined;
  if (mac) integrity = mac.description;

  const budget = new WorkBudget();
  const candidates = passwordCandidates(password);
  const problem: PasswordProblem = password ? 'wrong-password' : 'password-required';
  try {
    if (mac) {
      let chosen: PasswordForms | undefined;
      for (const candidate of candidates) {
        if (await mac.verify(authSafe, candidate, budget)) {
          chosen = candidate;
          break;
        }
      }
      if (!chosen) {
        if (password && (await opensWithoutMac(authSafe, authSafeBase, candidates, budget, integrity)))
          throw new DerError(
            'this PKCS#12 file is damaged: the password opens its contents, but its integrity check (MAC) does not match',
            fields[2].offset,
          );
        throw new Pkcs12PasswordError(problem);
      }
      return await readAuthenticatedSafe(
        authSafe,
        authSafeBase,
        { password: chosen, budget, macVerified: true },
        integrity,
      );
    }
    // No MAC: the password is right when everything decrypts to well-formed contents.
    for (const candidate of candidates) {
      try {
        return await readAuthenticatedSafe(
          authSafe,
          authSafeBase,
          { password: candidate, budget, macVerified: false },
          integrity,
        );
      } catch (error) {
        if (!(error instanceof DecryptionFailed)) throw error;
      }
    }
    throw new Pkcs12PasswordError(problem);
  } finally {
    wipePasswords(candidates);
  }
}

/**
 * Whether a password that failed the MAC still decrypts the file's encrypted parts to well-formed
 * contents: then the password is right and the file was altered, which is worth saying instead of
 * "wrong password". A file with nothing encrypted proves nothing either way.
 */
async function opensWithoutMac(
  authSafe: Uint8Array,
  base: number | undefined,
  candidates: PasswordForms[],
  budget: WorkBudget,
  integrity: string,
): Promise<boolean> {
  for (const candidate of candidates) {
    let decrypted = 0;
    try {
      await readAuthenticatedSafe(
        authSafe,
        base,
        { password: candidate, budget, macVerified: false },
        integrity,
        (parts) => (decrypted = parts),
      );
    } catch {
      continue;
    }
    if (decrypted > 0) return true;
  }
  return false;
}

/** ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY OPTIONAL }. */
function contentInfo(node: Node, what: string): { type: string; content?: Node } {
  const fields = sequence(node, `${what} ContentInfo`, 1, 2);
  const type = readOid(fields[0], `${what} content type`);
  if (fields[1] && !(fields[1].isContext(0) && fields[1].constructed))
    fields[1].fail(`${what}: content should be [0]`);
  return { type, content: fields[1] };
}

function explicitContent(content: Node | undefined, parent: Node, what: string): Node {
  if (!content) parent.fail(`${what} has no content`);
  const children = content.children();
  if (children.length !== 1) content.fail(`${what}: [0] should hold exactly one element`);
  return children[0];
}

/** SignedData's encapContentInfo eContent (the AuthenticatedSafe bytes). */
function signedContent(node: Node): Node {
  const fields = sequence(node, 'SignedData', 3);
  const encapsulated = sequence(fields[2], 'SignedData encapContentInfo', 1, 2);
  const type = readOid(encapsulated[0], 'SignedData content type');
  if (type !== oid.data)
    encapsulated[0].fail(`signed content of type ${type} is not supported`, 'unsupported');
  return explicitContent(encapsulated[1], fields[2], 'SignedData content');
}

async function readAuthenticatedSafe(
  authSafe: Uint8Array,
  base: number | undefined,
  options: Omit<ReadContext, 'contents' | 'bags' | 'decrypted'>,
  integrity: string,
  onDecrypted?: (parts: number) => void,
): Promise<Pkcs12Contents> {
  const context: ReadContext = {
    ...options,
    contents: { certificates: [], keys: [], integrity, encryption: [] },
    bags: 0,
    decrypted: 0,
  };
  const safes = sequence(parse(authSafe, { base, what: 'the authenticated safe' }), 'AuthenticatedSafe');
  if (safes.length > pkcs12Limits.maxSafes)
    safes[pkcs12Limits.maxSafes].fail(`more than ${pkcs12Limits.maxSafes} safes`, 'too-many');
  for (const safe of safes) {
    const { type, content } = contentInfo(safe, 'safe');
    if (type === oid.data) {
      const inner = explicitContent(content, safe, 'safe');
      const bytes = octets(inner, 'safe contents');
      await readSafeContents(
        parse(bytes, { base: inner.valueOffset, what: 'the safe contents' }),
        context,
        0,
      );
    } else if (type === oid.encryptedData) {
      await readEncryptedSafe(explicitContent(content, safe, 'encrypted safe'), context);
    } else if (type === oid.envelopedData) {
      note(context, 'envelopedData (public-key encryption; contents not read)');
    } else {
      safe.fail(`safe of type ${type} is not supported`, 'unsupported');
    }
  }
  onDecrypted?.(context.decrypted);
  return context.contents;
}

function note(context: ReadContext, description: string): void {
  if (!context.contents.encryption.includes(description)) context.contents.encryption.push(description);
}

/**
 * EncryptedData ::= SEQUENCE { version, EncryptedContentInfo ::= SEQUENCE { contentType,
 * contentEncryptionAlgorithm, encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }, … }.
 */
async function readEncryptedSafe(node: Node, context: ReadContext): Promise<void> {
  const fields = sequence(node, 'EncryptedData', 2);
  fields[0].expect(universalTags.integer, 'EncryptedData version');
  const info = sequence(fields[1], 'EncryptedContentInfo', 2, 3);
  readOid(info[0], 'encrypted content type');
  const scheme = readPbe(info[1]);
  note(context, scheme.description);
  const encrypted = info[2];
  if (!encrypted) return;
  if (!encrypted.isContext(0)) encrypted.fail('encrypted content should be [0]');
  const ciphertext = implicitOctets(encrypted, 'encrypted content');
  const plaintext = await scheme.decrypt(ciphertext, context.password, context.budget);
  try {
    let contents: Node;
    try {
      contents = parse(plaintext, { what: 'the decrypted safe contents' });
      sequence(contents, 'SafeContents');
    } catch (error) {
      if (error instanceof DerError && !context.macVerified)
        throw new DecryptionFailed('garbage after decryption');
      throw error;
    }
    context.decrypted++;
    await readSafeContents(contents, context, 0);
  } finally {
    plaintext.fill(0); // certificate DER was copied out; nothing else from here is kept
  }
}

/** SafeContents ::= SEQUENCE OF SafeBag; SafeBag ::= SEQUENCE { bagId, [0] EXPLICIT bagValue, bagAttributes SET OPTIONAL }. */
async function readSafeContents(node: Node, context: ReadContext, nesting: number): Promise<void> {
  const bags = sequence(node, 'SafeContents');
  for (const bag of bags) {
    if (++context.bags > pkcs12Limits.maxBags) bag.fail(`more than ${pkcs12Limits.maxBags} bags`, 'too-many');
    const fields = sequence(bag, 'SafeBag', 2, 3);
    const bagId = readOid(fields[0], 'bag type');
    if (!(fields[1].isContext(0) && fields[1].constructed)) fields[1].fail('bag value should be [0]');
    const value = explicitContent(fields[1], bag, 'bag');
    const attributes = fields[2] ? readAttributes(fields[2]) : {};
    if (bagId === oid.certBag) {
      const [certId, certValue] = sequence(value, 'CertBag', 2, 2);
      if (readOid(certId, 'certificate type') !== oid.x509Certificate) continue; // SDSI certificates: nothing to show
      if (!(certValue.isContext(0) && certValue.constructed))
        certValue.fail('certificate value should be [0]');
      const der = copyBytes(octets(explicitContent(certValue, value, 'certificate'), 'certificate'));
      context.contents.certificates.push({ der, ...attributes });
    } else if (bagId === oid.keyBag) {
      context.contents.keys.push({
        ...(await pkcs8Facts(value)),
        ...attributes,
        encrypted: false,
        format: 'pkcs8',
      });
    } else if (bagId === oid.shroudedKeyBag) {
      note(context, encryptionDescription(value));
      const facts = await shroudedKeyFacts(value, context);
      context.contents.keys.push({ ...facts, ...attributes, encrypted: true, format: 'encrypted-pkcs8' });
    } else if (bagId === oid.safeContentsBag) {
      if (nesting >= pkcs12Limits.maxBagNesting) value.fail('safe contents nested too deeply', 'too-large');
      await readSafeContents(value, context, nesting + 1);
    } else if (bagId !== oid.crlBag && bagId !== oid.secretBag) {
      fields[0].fail(`bag type ${bagId} is not supported`, 'unsupported');
    }
  }
}

async function shroudedKeyFacts(value: Node, context: ReadContext) {
  try {
    const { facts } = await decryptedPkcs8Facts(value, context.password, context.budget);
    context.decrypted++;
    return facts;
  } catch (error) {
    if (error instanceof DecryptionFailed && context.macVerified) {
      // The password opened the MAC but not this key: a separate key password (openssl -twopass).
      throw new DerError(
        'a private key in this file is protected by a different password than the file (not supported)',
        value.offset,
        'unsupported',
      );
    }
    throw error;
  }
}

/** Some tools end a BMPString with a NUL, as if it were a C string: that is not part of the name. */
function withoutTrailingNul(node: Node): Node {
  const { bytes, tlv } = node;
  let end = tlv.contentEnd;
  while (
    node.tag === universalTags.bmpString &&
    end - 2 >= tlv.contentStart &&
    bytes[end - 1] === 0 &&
    bytes[end - 2] === 0
  )
    end -= 2;
  return end === tlv.contentEnd ? node : new Node(bytes, node.base, { ...tlv, contentEnd: end }, node.depth);
}

/** friendlyName (BMPString) and localKeyId (OCTET STRING) from the bag attributes. */
function readAttributes(node: Node): { friendlyName?: string; localKeyIdHex?: string } {
  node.expect(universalTags.set, 'bag attributes');
  const out: { friendlyName?: string; localKeyIdHex?: string } = {};
  for (const attribute of node.children()) {
    const [type, values] = sequence(attribute, 'bag attribute', 2, 2);
    values.expect(universalTags.set, 'bag attribute values');
    const [first] = values.children();
    if (!first) continue;
    const id = readOid(type, 'bag attribute type');
    if (id === oid.friendlyName) {
      const name = text(withoutTrailingNul(first))?.text;
      if (name !== undefined) out.friendlyName = name;
    } else if (id === oid.localKeyId && first.tag === universalTags.octetString) {
      out.localKeyIdHex = toHex(first.value);
    }
  }
  return out;
}
