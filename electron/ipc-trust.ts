// Who may call the main side over IPC: only our own window's main frame, showing our own origin. Kept apart
// from ipc.ts (which needs Electron) so that the rule is unit-tested under plain Node.
export const APP_ORIGIN = 'app://dossier';

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface IpcSenderInfo {
  sender: unknown;
  senderFrame: { url: string } | null;
}

/** The only permission the window may have: writing to the clipboard ("Copy citation"), from our own origin. */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  if (!GRANTED_PERMISSIONS.includes(permission)) return false;
  try {
    const url = new URL(requestingUrl);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function isTrustedSender(
  event: IpcSenderInfo & { sender: { mainFrame: unknown } },
  trustedContents: unknown,
): boolean {
  const frame = event.senderFrame;
  if (!frame || trustedContents === null || event.sender !== trustedContents) return false;
  if (frame !== event.sender.mainFrame) return false;
  try {
    // Node's URL gives custom schemes an opaque origin, so compare scheme and host explicitly.
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
