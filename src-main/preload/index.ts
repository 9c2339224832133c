/**
 * Exposes exactly the contract's methods as `window.certscope`, one function each —
 * never a generic invoke(channel). The only module that touches `ipcRenderer`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { apiMethodNames, ipcChannel, type CertscopeApi } from '../../src-core/api/contract';

const api = Object.fromEntries(
  apiMethodNames.map((method) => [
    method,
    (...args: unknown[]) => ipcRenderer.invoke(ipcChannel(method), ...args),
  ]),
) as unknown as CertscopeApi;

contextBridge.exposeInMainWorld('certscope', Object.freeze(api));
