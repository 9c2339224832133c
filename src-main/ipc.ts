/**
 * The only module that touches `ipcMain`: one handler per contract method, each refusing
 * senders other than the app's own window and validating arguments before the service runs.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { apiMethodNames, apiMethods, ipcChannel, type CertscopeApi } from '../src-core/api/contract';

export function registerApiHandlers(
  api: CertscopeApi,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const method of apiMethodNames) {
    ipcMain.handle(ipcChannel(method), async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) throw new Error('Certscope refused an IPC call from an unknown sender');
      const validated = apiMethods[method](args);
      const implementation = api[method] as (...callArgs: unknown[]) => Promise<unknown>;
      return implementation.apply(api, validated);
    });
  }
}
