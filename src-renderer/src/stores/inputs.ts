/**
 * Dropped, opened and pasted files: each is decoded by the core, here in the page (only bytes
 * ever cross the process boundary). A bad file becomes a message on that file; the rest still load.
 * A PKCS#12 file or an encrypted key waits for its password (asked in a dialog); the password and
 * the file's bytes are forgotten once it is read.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import {
  decodeInput,
  type DecodedCertificate,
  type DecodedOther,
  type DecodeResult,
} from '../../../src-core/inspect/decode-input';
import type { DecodedCrl } from '../../../src-core/x509/crl';
import type { DecodedCsr } from '../../../src-core/x509/csr';
import { decodeLimits } from '../../../src-core/inspect/decode-limits';
import { linkKeys } from '../../../src-core/pkcs/keys';
import { publicKeyText } from '../../../src-core/x509/format';
import { formatDateTime } from '../format/dates';

export interface CertificateRow {
  key: string;
  /** Short names (the CN) for the list, full RFC 4514 names beside them. */
  subjectName: string;
  issuerName: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** For opening the certificate's details. */
  der: Uint8Array;
  friendlyName?: string;
}

/** A signing request or a revocation list in a file: listed, and opened in its own view. */
export interface LoadedDocument {
  key: string;
  /** One line: what it is and its main facts. */
  summary: string;
  document: DecodedCsr | DecodedCrl;
}

export interface LoadedInput {
  id: number;
  name: string;
  /** What the file holds, counted ("2 certificates, 1 revocation list"). */
  summary: string;
  rows: CertificateRow[];
  documents: LoadedDocument[];
  /** One line each for the private keys (only facts about them are kept). */
  notes: string[];
  error?: string;
}

export interface PasswordRequest {
  id: number;
  name: string;
  reason: 'password-required' | 'wrong-password';
}

interface Decoded {
  id: number;
  result: DecodeResult;
}

function rowsOf(id: number, items: DecodedCertificate[]): CertificateRow[] {
  return items.map((item, index) => ({
    key: `${id}-${index}`,
    subjectName: item.subjectDisplayName,
    issuerName: item.issuerDisplayName,
    subject: item.subject,
    issuer: item.issuer,
    notBefore: item.notBefore,
    notAfter: item.notAfter,
    der: item.der,
    ...(item.friendlyName ? { friendlyName: item.friendlyName } : {}),
  }));
}

export function describeOther(other: DecodedOther): string {
  if (other.kind === 'csr') {
    const signature =
      other.signature === 'valid'
        ? 'signed by its own key (valid)'
        : other.signature === 'invalid'
          ? 'its signature does NOT match its key'
          : 'signature not checkable here';
    return `Certificate signing request for ${other.subjectDisplayName}: ${publicKeyText(other.publicKey)} key, ${signature}`;
  }
  if (other.kind === 'crl')
    return `Revocation list from ${other.issuerDisplayName}: ${other.revokedCount} revoked, issued ${formatDateTime(other.thisUpdate)}${other.nextUpdate ? `, next by ${formatDateTime(other.nextUpdate)}` : ''}`;
  const what = [other.algorithm, other.curve ?? (other.bits ? `${other.bits} bits` : '')]
    .filter(Boolean)
    .join(' ');
  const belongs = other.matches
    ? `belongs to ${other.matches.subject}`
    : 'matches no certificate loaded here';
  return `Private key (${what}${other.encrypted ? ', encrypted' : ''}${other.friendlyName ? `, "${other.friendlyName}"` : ''}): ${belongs}. The key itself was not kept.`;
}

function counted(count: number, one: string, many = `${one}s`): string[] {
  return count === 0 ? [] : [`${count} ${count === 1 ? one : many}`];
}

export function toLoadedInput(id: number, result: DecodeResult): LoadedInput {
  const rows = rowsOf(id, result.items);
  const error = result.errors.map((problem) => problem.message).join('\n') || undefined;
  const documents: LoadedDocument[] = [];
  const notes: string[] = [];
  result.others.forEach((other, index) => {
    if (other.kind === 'key') notes.push(describeOther(other));
    else
      documents.push({ key: `${id}-${other.kind}-${index}`, summary: describeOther(other), document: other });
  });
  const kinds = (kind: DecodedOther['kind']) => result.others.filter((other) => other.kind === kind).length;
  const parts = [
    ...counted(rows.length, 'certificate'),
    ...counted(kinds('csr'), 'certificate signing request'),
    ...counted(kinds('crl'), 'revocation list'),
    ...counted(kinds('key'), 'private key'),
  ];
  const summary = parts.join(', ') || 'nothing Certscope could read';
  return { id, name: result.name, summary, rows, documents, notes, error };
}

export const useInputsStore = defineStore('inputs', () => {
  const decoded = shallowRef<Decoded[]>([]);
  const passwordRequests = ref<PasswordRequest[]>([]);
  /** Bytes of files waiting for a password (dropped as soon as they are read or given up). */
  const waiting = new Map<number, { name: string; bytes: Uint8Array }>();
  let nextId = 1;

  const items = computed<LoadedInput[]>(() =>
    decoded.value.map(({ id, result }) => toLoadedInput(id, result)),
  );
  /** CRLs among the dropped files (the chain check always uses them). */
  const crls = computed(() =>
    decoded.value.flatMap(({ result }) =>
      result.others.flatMap((other) => (other.kind === 'crl' ? [other.der] : [])),
    ),
  );

  async function decodeOne(
    id: number,
    file: { name: string; bytes: Uint8Array },
    password?: string,
  ): Promise<Decoded> {
    try {
      return { id, result: await decodeInput({ ...file, ...(password !== undefined ? { password } : {}) }) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        id,
        result: {
          name: file.name,
          items: [],
          others: [],
          errors: [{ code: 'malformed', message: `${file.name} could not be read: ${message}` }],
        },
      };
    }
  }

  /** Keys may sit in one file and their certificate in another; the drop limit counts every file. */
  function settle(next: Decoded[]): void {
    let budget = decodeLimits.maxCertificates;
    for (const entry of next) {
      if (
        entry.result.items.length > budget &&
        !entry.result.errors.some((error) => error.code === 'too-many')
      ) {
        entry.result.items = entry.result.items.slice(0, budget);
        entry.result.errors.push({
          code: 'too-many',
          message: `This drop holds more than ${decodeLimits.maxCertificates} certificates; only the first ${decodeLimits.maxCertificates} were read.`,
        });
      }
      budget -= entry.result.items.length;
    }
    linkKeys(
      next.flatMap((entry) => entry.result.others),
      next.flatMap((entry) => entry.result.items),
    );
    decoded.value = next;
  }

  async function addFiles(files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    const results = await Promise.all(
      files.map(async (file) => {
        const entry = await decodeOne(nextId++, file);
        if (entry.result.needsPassword) {
          waiting.set(entry.id, file);
          passwordRequests.value.push({ id: entry.id, name: file.name, reason: entry.result.needsPassword });
        }
        return entry;
      }),
    );
    settle([...decoded.value, ...results]);
  }

  /** Tries a password on a waiting file; returns whether it opened. */
  async function submitPassword(id: number, password: string): Promise<boolean> {
    const file = waiting.get(id);
    if (!file) return false;
    const entry = await decodeOne(id, file, password);
    if (entry.result.needsPassword === 'wrong-password') {
      passwordRequests.value = passwordRequests.value.map((request) =>
        request.id === id ? { ...request, reason: 'wrong-password' } : request,
      );
      return false;
    }
    waiting.delete(id);
    passwordRequests.value = passwordRequests.value.filter((request) => request.id !== id);
    settle(decoded.value.map((existing) => (existing.id === id ? entry : existing)));
    return true;
  }

  function skipPassword(id: number): void {
    waiting.delete(id);
    passwordRequests.value = passwordRequests.value.filter((request) => request.id !== id);
  }

  function remove(id: number): void {
    skipPassword(id);
    settle(decoded.value.filter((entry) => entry.id !== id));
  }

  return { items, crls, passwordRequests, addFiles, submitPassword, skipPassword, remove };
});
