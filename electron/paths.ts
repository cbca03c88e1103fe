// Where Dossier keeps its files when no project is named. Computed without Electron so the CLI, `dossier
// serve` and the desktop app agree: the same folder Electron's app.getPath('userData') gives for "Dossier".
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'Dossier';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.DOSSIER_HOME) return env.DOSSIER_HOME;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_FOLDER_NAME);
}

export function defaultProjectPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'projects', 'My research.sqlite');
}
