// Who may call the main side over IPC: only our own window's main frame, showing our own origin. Kept apart
// from ipc.ts (which needs Electron) so that the rule is unit-tested under plain Node.
export const APP_ORIGIN = 'app://dossier';

/**
 * Whether a URL belongs to our own origin, app://dossier. Node's URL gives custom schemes an opaque origin,
 * so scheme and host are compared explicitly; a URL with user information (app://dossier@evil/ or
 * app://evil@dossier/) is refused whatever its host, as nothing of ours ever carries one.
 */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}` === APP_ORIGIN && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface IpcSenderInfo {
  sender: unknown;
  senderFrame: { url: string } | null;
}

/** The only permission the window may have: writing to the clipboard ("Copy citation"), from our own origin. */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return GRANTED_PERMISSIONS.includes(permission) && isAppUrl(requestingUrl);
}

export function isTrustedSender(
  event: IpcSenderInfo & { sender: { mainFrame: unknown } },
  trustedContents: unknown,
): boolean {
  const frame = event.senderFrame;
  if (!frame || trustedContents === null || event.sender !== trustedContents) return false;
  if (frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}
