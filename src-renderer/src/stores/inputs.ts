/**
 * Dropped, opened and pasted files: each is decoded by the core, here in the page (only bytes
 * ever cross the process boundary). A bad file becomes a message on that file; the rest still load.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { decodeInput, type DecodeResult } from '../../../src-core/decode';

export interface CertificateRow {
  key: string;
  /** Short names (the CN) for the list, full RFC 4514 names beside them. */
  subjectName: string;
  issuerName: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
}

export interface LoadedInput {
  id: number;
  name: string;
  summary: string;
  rows: CertificateRow[];
  /** One line each for what is not a certificate (CSRs, CRLs, keys). */
  notes: string[];
  error?: string;
}

export function toLoadedInput(id: number, result: DecodeResult): LoadedInput {
  const rows = result.items.map((item, index) => ({
    key: `${id}-${index}`,
    subjectName: item.subjectDisplayName,
    issuerName: item.issuerDisplayName,
    subject: item.subject,
    issuer: item.issuer,
    notBefore: item.notBefore,
    notAfter: item.notAfter,
  }));
  const error = result.errors.map((problem) => problem.message).join(' ') || undefined;
  const notes = result.others.map((other) => {
    if (other.kind === 'csr') return `Certificate signing request for ${other.subjectDisplayName}`;
    if (other.kind === 'crl')
      return `Revocation list from ${other.issuerDisplayName}: ${other.revokedCount} revoked`;
    return `Private key: ${other.note}`;
  });
  const summary = rows.length === 1 ? '1 certificate' : `${rows.length} certificates`;
  return { id, name: result.name, summary, rows, notes, error };
}

export const useInputsStore = defineStore('inputs', () => {
  const items = ref<LoadedInput[]>([]);
  let nextId = 1;

  async function addFiles(files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    const results = await Promise.all(
      files.map(async (file) => {
        const id = nextId++;
        try {
          return toLoadedInput(id, await decodeInput(file));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          return {
            id,
            name: file.name,
            summary: '',
            rows: [],
            notes: [],
            error: `${file.name} could not be read: ${message}`,
          };
        }
      }),
    );
    items.value.push(...results);
  }

  function remove(id: number): void {
    items.value = items.value.filter((item) => item.id !== id);
  }

  return { items, addFiles, remove };
});
