/** The app window, hardened: isolated, sandboxed, no Node, no navigation, no new windows. */
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { isOwnOrigin } from './security/origins';

export function createMainWindow(options: {
  preloadPath: string;
  startUrl: string;
  appOrigin: string;
}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Certscope',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });

  // The app opens no other windows and hands nothing to the system browser.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnOrigin(url, [options.appOrigin])) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isOwnOrigin(url, [options.appOrigin])) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.startUrl);
  return window;
}

export function preloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs');
}
