// The sandboxed preload: exposes one function per contract operation as window.dossierBridge, each a plain
// IPC invoke on the operation's own channel. No Node, no Electron objects reach the page.
import { contextBridge, ipcRenderer } from 'electron';
import {
  BRIDGE_GLOBAL,
  MENU_CHANNEL,
  MENU_GLOBAL,
  isMenuCommand,
  type Bridge,
  type Envelope,
  type MenuBridge,
} from '../shared/bridge';
import { OPERATION_NAMES } from '../shared/operations';
import { ipcChannel } from './ipc-channel';

const bridge = Object.fromEntries(
  OPERATION_NAMES.map((name) => [
    name,
    (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input) as Promise<Envelope>,
  ]),
) as Bridge satisfies Bridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);

// The native menu's commands (File → Export project…), named from a fixed list; nothing else passes.
const menu: MenuBridge = {
  onCommand(listener) {
    const forward = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, forward);
  },
};
contextBridge.exposeInMainWorld(MENU_GLOBAL, menu);
