// What travels back from the main side for every call, on every transport: a result or a serialized error.
// The preload and the HTTP server both produce it; renderer/api.ts turns errors back into exceptions.
import type { SerializedError } from './errors';
import type { OperationName } from './operations';

export type Envelope<T = unknown> = { result: T } | { error: SerializedError };

/** The object the preload exposes as window.dossierBridge: one function per operation. */
export type Bridge = { readonly [K in OperationName]: (input: unknown) => Promise<Envelope> };

export const BRIDGE_GLOBAL = 'dossierBridge';

/** Commands of the desktop app's native menu that the page carries out (File → Export project…). */
export const MENU_COMMANDS = ['export-project', 'merge-file', 'open-file'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const MENU_CHANNEL = 'dossier:menu';

/** window.dossierMenu in the desktop app: listen to the native menu's commands; returns the unsubscribe. */
export interface MenuBridge {
  onCommand(listener: (command: MenuCommand) => void): () => void;
}
export const MENU_GLOBAL = 'dossierMenu';

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
