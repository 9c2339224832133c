/** Electron main process: wires the hardened window, the app protocol and the API handlers. */
import { app, BrowserWindow, safeStorage, session, type IpcMainInvokeEvent } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerApiHandlers } from './ipc';
import { electronSaveDialog, printHtmlToPdf } from './exports';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol';
import { createApi } from './services/api';
import { stopLabServers } from './services/lab/service';
import { warmTrustAnchors } from './services/trust/anchor-lookup';
import { createMainWindow, preloadPath } from './window';
import { isOwnOrigin } from './security/origins';
import { keychainAvailable, sealedSecretStore, useSecretStore } from './services/settings/secrets';

const mainDir = dirname(fileURLToPath(import.meta.url));
let mainWindow: BrowserWindow | undefined;

registerAppScheme();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!mainWindow || event.sender !== mainWindow.webContents || !frame || frame.parent !== null) return false;
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  return isOwnOrigin(frame.url, devUrl ? [APP_ORIGIN, devUrl] : [APP_ORIGIN]);
}

void app.whenReady().then(() => {
  process.env.CERTSCOPE_DATA_DIR ??= app.getPath('userData');
  // The proxy password survives a restart only where the OS keychain can seal it.
  if (keychainAvailable(safeStorage)) useSecretStore(sealedSecretStore(safeStorage));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer(join(mainDir, '../renderer'));
  registerApiHandlers(
    createApi({
      mode: 'electron',
      showSaveDialog: electronSaveDialog(() => mainWindow),
      printPdf: printHtmlToPdf,
    }),
    isTrustedSender,
  );
  warmTrustAnchors();
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  mainWindow = createMainWindow({
    preloadPath: preloadPath(mainDir),
    startUrl: devUrl ?? `${APP_ORIGIN}/index.html`,
    appOrigin: devUrl ? new URL(devUrl).origin : APP_ORIGIN,
  });
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => void stopLabServers());
