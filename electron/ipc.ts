// The IPC transport: one handler per operation. Each checks that the call comes from our own window's main
// frame at our own origin, then hands the raw input to the shared dispatch (which parses it with zod).
import { ipcMain, type WebContents } from 'electron';
import { serializeError } from '../shared/errors';
import { OPERATION_NAMES } from '../shared/operations';
import type { Envelope } from '../shared/bridge';
import type { Dispatch } from './dispatch';
import { ipcChannel } from './ipc-channel';
import { isTrustedSender } from './ipc-trust';

export function registerIpcHandlers(dispatch: Dispatch, trusted: () => WebContents | null): void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown): Promise<Envelope> => {
      if (!isTrustedSender(event, trusted())) {
        return {
          error: { code: 'invalid_input', message: 'Refused: this request did not come from Dossier.' },
        };
      }
      try {
        return { result: await dispatch(name, input) };
      } catch (error) {
        const serialized = serializeError(error);
        if (serialized.code === 'internal') console.error(`[dossier] ${name} failed:`, error);
        return { error: serialized };
      }
    });
  }
}
