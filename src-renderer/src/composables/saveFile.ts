/**
 * Puts a file on the user's disk the way the app runs: in the desktop app through the system
 * save dialog and main's atomic writer (`saveExport`), in web mode as a browser download (web
 * mode writes no files of its own). Callers get one outcome and one sentence to show.
 */
import { useApi } from '../api/client';
import type { AppInfo } from '../../../src-core/api/contract';

export type SaveResult =
  | { status: 'saved'; path: string }
  | { status: 'downloaded'; name: string }
  | { status: 'cancelled' }
  | { status: 'failed'; problem: string };

let mode: Promise<AppInfo['mode']> | undefined;

function appMode(): Promise<AppInfo['mode']> {
  mode ??= useApi()
    .getAppInfo()
    .then((info) => info.mode);
  return mode;
}

export function download(name: string, content: string | Uint8Array, mime: string): void {
  // A copy, so the Blob owns a plain ArrayBuffer whatever backs the bytes.
  const part = typeof content === 'string' ? content : content.slice();
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function saveFile(
  name: string,
  content: string | Uint8Array,
  mime: string,
): Promise<SaveResult> {
  try {
    if ((await appMode()) === 'web') {
      download(name, content, mime);
      return { status: 'downloaded', name };
    }
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const outcome = await useApi().saveExport(name, bytes);
    if (outcome.saved && outcome.path) return { status: 'saved', path: outcome.path };
    return outcome.problem ? { status: 'failed', problem: outcome.problem } : { status: 'cancelled' };
  } catch (error) {
    return { status: 'failed', problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The line to show after a save; nothing for a cancelled dialog or a download the browser shows. */
export function describeSave(result: SaveResult): { text: string; problem: boolean } | undefined {
  if (result.status === 'saved') return { text: `Saved to ${result.path}`, problem: false };
  if (result.status === 'failed') return { text: `Not saved: ${result.problem}`, problem: true };
  return undefined;
}
