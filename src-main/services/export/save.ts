/**
 * Saving an export in the desktop app: the system save dialog picks the file (and, being the
 * system's, asks before replacing one that exists), then the atomic writer puts the bytes there.
 * The dialog is injected, so this runs — and is tested — without Electron.
 */
import { basename } from 'node:path';
import { StorageError, writeFileAtomic, type WriteFs } from '../storage/atomic';

/** What the app needs from Electron's `dialog.showSaveDialog`. */
export type ShowSaveDialog = (options: {
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}) => Promise<{ canceled: boolean; filePath?: string }>;

export interface SaveOutcome {
  saved: boolean;
  path?: string;
  /** One sentence for the UI when the file could not be written (disk full, read-only folder…). */
  problem?: string;
}

/** A file name only: a suggested name never chooses the folder. */
export function safeFileName(suggested: string): string {
  const name = Array.from(basename(suggested.replace(/\\/g, '/')), (char) =>
    char.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(char) ? '_' : char,
  )
    .join('')
    .replace(/^\.+/, '');
  return name || 'certscope-export';
}

export async function saveWithDialog(
  showSaveDialog: ShowSaveDialog,
  suggestedName: string,
  bytes: Uint8Array,
  fs?: WriteFs,
): Promise<SaveOutcome> {
  const defaultName = safeFileName(suggestedName);
  const extension = /\.([a-z0-9]+)$/i.exec(defaultName)?.[1];
  const choice = await showSaveDialog({
    defaultName,
    filters: extension ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }] : [],
  });
  if (choice.canceled || !choice.filePath) return { saved: false };
  try {
    await writeFileAtomic(choice.filePath, bytes, fs);
    return { saved: true, path: choice.filePath };
  } catch (error) {
    if (error instanceof StorageError) return { saved: false, path: choice.filePath, problem: error.message };
    throw error;
  }
}
