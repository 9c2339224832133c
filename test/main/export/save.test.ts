/**
 * Saving an export in the desktop app, without Electron: a fake save dialog and a real temp
 * folder. The dialog decides the path (and is the one that confirms an overwrite); the bytes land
 * atomically; a full disk or a read-only folder comes back as one sentence with no file left.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { safeFileName, saveWithDialog, type ShowSaveDialog } from '../../../src-main/services/export/save';
import { createApi } from '../../../src-main/services/api';
import { failingFs } from '../support/failing-fs';

const bytes = new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

function dialogChoosing(path: string | undefined) {
  return vi.fn<ShowSaveDialog>(async () => (path ? { canceled: false, filePath: path } : { canceled: true }));
}

describe('saveWithDialog', () => {
  it('offers the suggested name with its type, and writes the chosen file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-save-'));
    const path = join(dir, 'chosen.pem');
    const dialog = dialogChoosing(path);
    await expect(saveWithDialog(dialog, 'example.com-fixed-chain.pem', bytes)).resolves.toEqual({
      saved: true,
      path,
    });
    expect(dialog).toHaveBeenCalledWith({
      defaultName: 'example.com-fixed-chain.pem',
      filters: [{ name: 'PEM file', extensions: ['pem'] }],
    });
    expect(readFileSync(path, 'utf8')).toBe(new TextDecoder().decode(bytes));
    expect(readdirSync(dir)).toEqual(['chosen.pem']);
  });

  it('replaces a file only when the dialog returned it (the system dialog asked the user)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-save-'));
    const path = join(dir, 'existing.pem');
    writeFileSync(path, 'old');
    await saveWithDialog(dialogChoosing(path), 'x.pem', bytes);
    expect(readFileSync(path, 'utf8')).toBe(new TextDecoder().decode(bytes));
  });

  it('a cancelled dialog writes nothing and is not a problem', async () => {
    await expect(saveWithDialog(dialogChoosing(undefined), 'x.pem', bytes)).resolves.toEqual({
      saved: false,
    });
  });

  it('a full disk: one sentence, the old file kept, no partial temp file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-save-'));
    const path = join(dir, 'report.pdf');
    writeFileSync(path, 'previous');
    const outcome = await saveWithDialog(
      dialogChoosing(path),
      'report.pdf',
      bytes,
      failingFs('ENOSPC', { writtenFirst: 10 }),
    );
    expect(outcome).toEqual({ saved: false, path, problem: `could not save ${path}: the disk is full` });
    expect(readFileSync(path, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['report.pdf']);
  });

  it('a read-only or unwritable folder is said plainly, and nothing is created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-save-'));
    const path = join(dir, 'out.der');
    const readOnly = await saveWithDialog(
      dialogChoosing(path),
      'out.der',
      bytes,
      failingFs('EROFS', { at: 'open' }),
    );
    expect(readOnly.problem).toBe(`could not save ${path}: the folder is on a read-only file system`);
    const denied = await saveWithDialog(
      dialogChoosing(path),
      'out.der',
      bytes,
      failingFs('EACCES', { at: 'open' }),
    );
    expect(denied.problem).toBe(`could not save ${path}: the folder is not writable`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a suggested name never picks the folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\evil.pem')).toBe('evil.pem');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(safeFileName('a<b>:c.pem')).toBe('a_b__c.pem');
    expect(safeFileName('')).toBe('certscope-export');
  });
});

describe('saveExport in the API', () => {
  it('is refused in web mode, which writes no files of its own', async () => {
    await expect(createApi({ mode: 'web' }).saveExport('x.pem', bytes)).rejects.toThrow(
      /only offered in the desktop app/,
    );
  });

  it('uses the injected dialog in the desktop app', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certscope-save-'));
    const api = createApi({ mode: 'electron', showSaveDialog: dialogChoosing(join(dir, 'a.pem')) });
    await expect(api.saveExport('a.pem', bytes)).resolves.toMatchObject({ saved: true });
  });
});
