// What a launch of the desktop app asks for, and handing a second launch to the first: Dossier runs once
// (electron/main.ts takes the single-instance lock; a second launch passes its command line to the first and
// quits), so that two windows never write one project at the same moment. Pure, so it is tested without
// Electron.
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';

/** Project files (double-clicked, or named on the command line). */
export const PROJECT_EXTENSIONS = ['.sqlite', '.dossierdb'];

export interface LaunchRequest {
  /** The project to open: --project FILE, or the first project file named. */
  project: string | undefined;
  /** Other files named: documents to import into the open project. */
  documents: string[];
}

/**
 * Files named on a command line, after Electron's own arguments (one for a packaged app, the binary and the
 * app's folder otherwise), resolved against the folder it was given in; files that do not exist are left out.
 */
export function parseLaunch(
  argv: readonly string[],
  cwd: string,
  packaged: boolean,
  exists: (path: string) => boolean = existsSync,
): LaunchRequest {
  const args = argv.slice(packaged ? 1 : 2);
  const at = args.indexOf('--project');
  const named = at >= 0 ? args[at + 1] : undefined;
  const files = args
    .filter((a, i) => !a.startsWith('-') && args[i - 1] !== '--project')
    .map((a) => resolve(cwd, a))
    .filter((p) => exists(p));
  const isProject = (f: string) => PROJECT_EXTENSIONS.includes(extname(f).toLowerCase());
  return {
    project: named ? resolve(cwd, named) : files.find(isProject),
    documents: files.filter((f) => !isProject(f)),
  };
}

export interface LaunchTarget {
  /** Brings the window to the front. */
  focus(): void;
  /** Opens another project; throws when it cannot (the handler reports it). */
  openProject(path: string): void;
  importDocuments(paths: string[]): void;
  reportError(title: string, message: string): void;
}

/**
 * Handles the launches handed over by later instances: each one's files go to the running app, and those
 * that arrive before it is ready wait for ready().
 */
export class LaunchQueue {
  private waiting: { argv: readonly string[]; cwd: string }[] = [];
  private target: LaunchTarget | null = null;

  constructor(private readonly packaged: boolean) {}

  /** A second launch's command line (Electron's 'second-instance' event). */
  handOver(argv: readonly string[], cwd: string): void {
    if (!this.target) {
      this.waiting.push({ argv, cwd });
      return;
    }
    this.target.focus();
    const request = parseLaunch(argv, cwd, this.packaged);
    if (request.project) {
      try {
        this.target.openProject(request.project);
      } catch (error) {
        this.target.reportError('Could not open the project', (error as Error).message);
      }
    }
    if (request.documents.length > 0) this.target.importDocuments(request.documents);
  }

  /** The app is ready: launches from now on go straight to it, and those that waited follow. */
  ready(target: LaunchTarget): void {
    this.target = target;
    for (const launch of this.waiting.splice(0)) this.handOver(launch.argv, launch.cwd);
  }
}
