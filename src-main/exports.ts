/**
 * The Electron side of exports, kept thin: the system save dialog and Chromium's printToPDF.
 * What to do with them (writing atomically, which report to print) lives in the services.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import { join } from 'node:path';
import type { ShowSaveDialog } from './services/export/save';

/** The save dialog, attached to the app window; the system's dialog asks before replacing a file. */
export function electronSaveDialog(parent: () => BrowserWindow | undefined): ShowSaveDialog {
  return async ({ defaultName, filters }) => {
    const options: Electron.SaveDialogOptions = {
      defaultPath: join(app.getPath('downloads'), defaultName),
      filters,
      // macOS and Windows always confirm an overwrite; GTK does when asked.
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    };
    const window = parent();
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    return { canceled: result.canceled, filePath: result.filePath || undefined };
  };
}

const printPartition = 'certscope-print';

/** Prints a self-contained page in a hidden, script-less window that may load nothing. */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const printSession = session.fromPartition(printPartition);
  printSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !details.url.startsWith('data:') }),
  );
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      partition: printPartition,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
    const pdf = await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      margins: { top: 0.47, bottom: 0.47, left: 0.39, right: 0.39 },
    });
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
  }
}
