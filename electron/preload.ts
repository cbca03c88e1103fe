// The sandboxed preload: exposes one function per contract operation as window.dossierBridge, each a plain
// IPC invoke on the operation's own channel. No Node, no Electron objects reach the page.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, type Bridge, type Envelope } from '../shared/bridge';
import { OPERATION_NAMES } from '../shared/operations';
import { ipcChannel } from './ipc-channel';

const bridge = Object.fromEntries(
  OPERATION_NAMES.map((name) => [
    name,
    (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input) as Promise<Envelope>,
  ]),
) as Bridge satisfies Bridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
