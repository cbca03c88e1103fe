// What a launch of the desktop app asks for, and handing a second launch to the first: Dossier runs once
// (electron/main.ts takes the single-instance lock; a second launch passes its command line to the first and
// quits), so that two windows never write one project at the same moment. Pure, so it is tested without
// Electron.
import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { MenuCommand } from '../shared/bridge';

/** Project files (double-clicked, or named on the command line). */
export const PROJECT_EXTENSIONS = ['.sqlite', '.dossierdb'];

/**
 * Project files made elsewhere: a teammate's .dossier export or a REFI-QDA project. Opening one asks whether
 * to merge it into the open project or to make a new project from it (exchangeQuestion).
 */
export const EXCHANGE_EXTENSIONS = ['.dossier', '.qdpx'];

export interface LaunchRequest {
  /** The project to open: --project FILE, or the first project file named. */
  project: string | undefined;
  /** .dossier and .qdpx files named: each is offered to merge or to open as a new project. */
  exchangeFiles: string[];
  /** Other files named: documents to import into the open project. */
  documents: string[];
}

/** Sorts files opened from outside (absolute paths) into what a launch asks for. */
export function sortLaunchFiles(files: readonly string[], project?: string): LaunchRequest {
  const kind = (f: string) => extname(f).toLowerCase();
  return {
    project: project ?? files.find((f) => PROJECT_EXTENSIONS.includes(kind(f))),
    exchangeFiles: files.filter((f) => EXCHANGE_EXTENSIONS.includes(kind(f))),
    documents: files.filter(
      (f) => !PROJECT_EXTENSIONS.includes(kind(f)) && !EXCHANGE_EXTENSIONS.includes(kind(f)),
    ),
  };
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
  return sortLaunchFiles(files, named ? resolve(cwd, named) : undefined);
}

export interface LaunchTarget {
  /** Brings the window to the front. */
  focus(): void;
  /** Opens another project; throws when it cannot (the handler reports it). */
  openProject(path: string): void;
  importDocuments(paths: string[]): void;
  /** Asks what to do with .dossier / .qdpx files (exchangeQuestion), then starts the flow chosen. */
  offerExchangeFiles(paths: string[]): void;
  reportError(title: string, message: string): void;
}

/**
 * Handles the files opened from outside once the app runs: a later launch's command line (handed over by
 * that instance) and macOS's open-file events (double-click, drop on the Dock icon). Those that arrive before
 * the app is ready wait for ready(), in order.
 */
export class LaunchQueue {
  private waiting: LaunchRequest[] = [];
  private target: LaunchTarget | null = null;

  constructor(
    private readonly packaged: boolean,
    private readonly exists: (path: string) => boolean = existsSync,
  ) {}

  /** A second launch's command line (Electron's 'second-instance' event). */
  handOver(argv: readonly string[], cwd: string): void {
    this.deliver(parseLaunch(argv, cwd, this.packaged, this.exists));
  }

  /**
   * A file the system asks the app to open (macOS's 'open-file': it arrives instead of a command line, and
   * before the app is ready when it starts the app).
   */
  openFile(path: string): void {
    this.deliver(sortLaunchFiles([path].filter((p) => this.exists(p))));
  }

  /** The app is ready: launches from now on go straight to it, and those that waited follow. */
  ready(target: LaunchTarget): void {
    this.target = target;
    for (const request of this.waiting.splice(0)) this.deliver(request);
  }

  private deliver(request: LaunchRequest): void {
    if (!this.target) {
      this.waiting.push(request);
      return;
    }
    this.target.focus();
    if (request.project) {
      try {
        this.target.openProject(request.project);
      } catch (error) {
        this.target.reportError('Could not open the project', (error as Error).message);
      }
    }
    if (request.exchangeFiles.length > 0) this.target.offerExchangeFiles(request.exchangeFiles);
    if (request.documents.length > 0) this.target.importDocuments(request.documents);
  }
}

/** What the question about an opened .dossier or .qdpx file shows, and the menu command each answer starts. */
export interface ExchangeQuestion {
  message: string;
  detail: string;
  buttons: string[];
  /** For each button, the flow it starts in the window (the File menu's own commands), or null to do nothing. */
  commands: (MenuCommand | null)[];
  defaultId: number;
  cancelId: number;
}

/**
 * The question asked when .dossier or .qdpx files are opened from outside: merge the first into the open
 * project, or make a new project from it. Only one is taken at a time (the window runs one exchange at a time);
 * the others are named so that the user knows to open them next. A read-only project cannot take a merge.
 */
export function exchangeQuestion(
  files: readonly string[],
  project: { name: string; readOnly: boolean },
): ExchangeQuestion {
  const [file, ...others] = files.map((f) => basename(f));
  const lines = [
    project.readOnly
      ? `“${project.name}” is open read-only, so the file cannot be merged into it; you can make a new project from it.`
      : `Merge it into “${project.name}” (you see what it would change before anything is written), or make a new project from it.`,
  ];
  if (others.length > 0)
    lines.push(`Dossier opens one project file at a time; open the others afterwards: ${others.join(', ')}.`);
  const choices: [string, MenuCommand | null][] = [
    ...(project.readOnly ? [] : [['Merge into This Project…', 'merge-file'] as [string, MenuCommand]]),
    ['New Project from File…', 'open-file'],
    ['Cancel', null],
  ];
  return {
    message: `Open “${file}”?`,
    detail: lines.join('\n\n'),
    buttons: choices.map(([label]) => label),
    commands: choices.map(([, command]) => command),
    defaultId: 0,
    cancelId: choices.length - 1,
  };
}

/**
 * The file chosen by opening it from outside, waiting for the window's merge or open-as-project flow to ask
 * for it in place of the file dialog (HostDialogs.chooseExchangeFile). Taken once; and only for a short while,
 * so that a flow the window could not start then (another exchange was running) never hands this file to a
 * later File → Merge a Project File… instead of showing the dialog.
 */
export class PendingExchangeFile {
  private pending: { path: string; until: number } | null = null;

  constructor(
    private readonly ttlMs = 15_000,
    private readonly now: () => number = Date.now,
  ) {}

  set(path: string): void {
    this.pending = { path, until: this.now() + this.ttlMs };
  }

  /** The file, once, if it was chosen a moment ago; otherwise null (the dialog is shown). */
  take(): string | null {
    const pending = this.pending;
    this.pending = null;
    return pending && this.now() <= pending.until ? pending.path : null;
  }
}

/**
 * Whether the window's page is up and has asked for the app's state (so it listens to menu commands and knows
 * it is the desktop app): closed while a page loads, opened when it asks; whenOpen() waits for that.
 */
export class PageReadiness {
  private isOpen = false;
  private waiters: (() => void)[] = [];

  open(): void {
    this.isOpen = true;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  close(): void {
    this.isOpen = false;
  }

  whenOpen(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
