// IPC channel names, shared by the preload and the main-side handler.
export function ipcChannel(operation: string): string {
  return `dossier:${operation}`;
}
