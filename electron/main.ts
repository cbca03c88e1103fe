// The desktop shell: one hardened window over the same DossierApp the CLI and `dossier serve` use.
// Kept thin on purpose (design.md §1): everything here is Electron wiring; behaviour lives in app.ts.
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  nativeTheme,
  net,
  protocol,
  session,
  shell,
  type MenuItemConstructorOptions,
} from 'electron';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DossierApp, type HostDialogs } from './app';
import { MENU_CHANNEL, type MenuCommand } from '../shared/bridge';
import { registerIpcHandlers } from './ipc';
import { APP_ORIGIN, isPermissionGranted } from './ipc-trust';
import { importPaths } from './services/import-paths';
import { IMPORT_EXTENSIONS } from '../shared/import-files';
import { resolveAppResource } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './server-security';
import { createMainWindow, externalLinkTarget, guardWindowContents } from './window-options';
import {
  LaunchQueue,
  PROJECT_EXTENSIONS,
  PageReadiness,
  PendingExchangeFile,
  exchangeQuestion,
  parseLaunch,
} from './launch';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.setName('Dossier');

let mainWindow: BrowserWindow | null = null;
let dossier: DossierApp | null = null;
/** The page is loaded and has asked for the app's state: menu commands sent now are acted on. */
const page = new PageReadiness();
/** A .dossier or .qdpx file opened from outside, for the merge or open-as-project flow it starts. */
const launchedExchangeFile = new PendingExchangeFile();

const dialogs: HostDialogs = {
  async chooseProjectToOpen() {
    const result = await dialog.showOpenDialog(mainWindow!, {
      title: 'Open project',
      properties: ['openFile'],
      filters: [{ name: 'Dossier projects', extensions: PROJECT_EXTENSIONS.map((e) => e.slice(1)) }],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async chooseProjectToCreate() {
    const result = await dialog.showSaveDialog(mainWindow!, {
      title: 'New project',
      defaultPath: 'Research.sqlite',
      filters: [{ name: 'Dossier projects', extensions: ['sqlite'] }],
    });
    return result.canceled ? null : (result.filePath ?? null);
  },
  async chooseExchangeFile() {
    // The file the user opened from the file manager or the command line, and just chose what to do with.
    const launched = launchedExchangeFile.take();
    if (launched) return launched;
    const result = await dialog.showOpenDialog(mainWindow!, {
      title: 'Choose a project file',
      properties: ['openFile'],
      filters: [{ name: 'Dossier and REFI-QDA projects', extensions: ['dossier', 'qdpx'] }],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async chooseExportPath(fileName: string) {
    const extension = extname(fileName).slice(1);
    const result = await dialog.showSaveDialog(mainWindow!, {
      title: 'Export project',
      defaultPath: fileName,
      filters: [
        { name: extension === 'qdpx' ? 'REFI-QDA projects' : 'Dossier projects', extensions: [extension] },
      ],
    });
    return result.canceled ? null : (result.filePath ?? null);
  },
};

/** Serves the renderer build on app://dossier/, never a file outside it (rules in app-protocol.ts). */
async function serveRenderer(request: Request): Promise<Response> {
  const resource = await resolveAppResource(rendererDir, request.url);
  if (!resource.found) return new Response('Not found', { status: 404 });
  const response = await net.fetch(pathToFileURL(resource.filePath).toString());
  return new Response(response.body, {
    status: 200,
    headers: {
      'Content-Type': resource.contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** Asks before handing a link to the system browser or mail program; only web and mail addresses qualify. */
async function confirmOpenExternal(link: string): Promise<void> {
  const url = externalLinkTarget(link);
  if (url === null || !mainWindow) return;
  const choice = await dialog.showMessageBox(mainWindow, {
    type: 'question',
    buttons: ['Open', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link outside Dossier?',
    detail: url,
  });
  // The URL passed externalLinkTarget just above (http, https or mailto; tests/unit/electron/window-options).
  if (choice.response === 0) await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

function createWindow(): BrowserWindow {
  const window = createMainWindow(BrowserWindow, join(here, 'preload.cjs'), nativeTheme.shouldUseDarkColors);
  guardWindowContents(window.webContents, (url) => void confirmOpenExternal(url));
  // A reload (another project, documents imported) starts a page that is not listening yet.
  window.webContents.on('did-start-loading', () => page.close());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

async function importIntoProject(paths: string[]): Promise<void> {
  if (!dossier || paths.length === 0) return;
  // The window's own Import buttons show progress with Cancel; here the taskbar shows how far it got.
  const { results } = await importPaths(dossier.project, paths, dossier.importLimits(), {
    onProgress: (p) => mainWindow?.setProgressBar(p.total > 0 && p.current ? p.done / p.total : -1),
  });
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length > 0 && mainWindow) {
    await dialog.showMessageBox(mainWindow, {
      type: 'warning',
      message: `${failed.length} file(s) could not be imported`,
      detail: failed.map((f) => `${f.fileName}: ${f.status === 'failed' ? f.reason : ''}`).join('\n'),
    });
  }
  mainWindow?.webContents.reload();
}

async function switchProject(mode: 'open' | 'create'): Promise<void> {
  if (!dossier) return;
  const path = mode === 'open' ? await dialogs.chooseProjectToOpen() : await dialogs.chooseProjectToCreate();
  if (!path) return;
  try {
    dossier.switchProject(path, mode);
    mainWindow?.webContents.reload();
  } catch (error) {
    dialog.showErrorBox('Could not open the project', (error as Error).message);
  }
}

/**
 * .dossier or .qdpx files opened from outside: asks whether to merge the first into the open project or to make
 * a new project from it, then starts that flow in the window as the File menu would, the file standing in for
 * the file dialog's answer. The question waits for the page to be ready (it may be loading still, or again),
 * and questions come one at a time.
 */
let offering: Promise<void> = Promise.resolve();
function offerExchangeFiles(paths: string[]): void {
  offering = offering
    .then(async () => {
      await page.whenOpen();
      if (!mainWindow || !dossier) return;
      const { commands, ...question } = exchangeQuestion(paths, dossier.project.info());
      const { response } = await dialog.showMessageBox(mainWindow, {
        type: 'question',
        noLink: true,
        ...question,
      });
      const command = commands[response] ?? null;
      if (!command) return;
      launchedExchangeFile.set(paths[0]!);
      sendMenuCommand(command);
    })
    .catch((error: unknown) => {
      // One question that could not be asked must not silence the next ones.
      console.error('[dossier] could not offer the opened file:', error);
    });
}

/** A native menu command the page carries out (it has the dialogs, progress and preview). */
function sendMenuCommand(command: MenuCommand): void {
  mainWindow?.webContents.send(MENU_CHANNEL, command);
}

function buildMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        {
          label: 'New Project…',
          accelerator: 'CmdOrCtrl+Shift+N',
          click: () => void switchProject('create'),
        },
        { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => void switchProject('open') },
        { type: 'separator' },
        { label: 'Export Project…', click: () => sendMenuCommand('export-project') },
        { label: 'Merge a Project File…', click: () => sendMenuCommand('merge-file') },
        { label: 'New Project from a File…', click: () => sendMenuCommand('open-file') },
        { type: 'separator' },
        {
          label: 'Import Files…',
          accelerator: 'CmdOrCtrl+I',
          click: async () => {
            const result = await dialog.showOpenDialog(mainWindow!, {
              properties: ['openFile', 'openDirectory', 'multiSelections'],
              filters: [{ name: 'Documents', extensions: IMPORT_EXTENSIONS.map((ext) => ext.slice(1)) }],
            });
            if (!result.canceled) await importIntoProject(result.filePaths);
          },
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // A second launch hands its files to this one (and quits, above). Launches before the window exists wait.
  const launches = new LaunchQueue(app.isPackaged);
  app.on('second-instance', (_event, argv, cwd) => launches.handOver(argv, cwd));
  // macOS names files opened from the Finder or the Dock in this event, not on the command line; when they
  // start the app it comes before 'ready', so it is registered here and the queue keeps them until then.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    launches.openFile(path);
  });

  void app.whenReady().then(() => {
    // Nothing but writing to the clipboard, and that only for our own page.
    session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) =>
      callback(isPermissionGranted(permission, details.requestingUrl ?? contents?.getURL() ?? '')),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
      isPermissionGranted(permission, requestingOrigin),
    );
    protocol.handle('app', serveRenderer);
    const launch = parseLaunch(process.argv, process.cwd(), app.isPackaged);
    try {
      dossier = new DossierApp({
        projectPath: launch.project,
        dialogs,
        allowTypedProjectPaths: false,
        // Backups every 30 minutes while the project changes; a damaged project opens the default one and
        // the window offers its latest backup.
        scheduleBackups: true,
        whenDamaged: 'open-default',
        // Menus, dialogs and the window frame follow the theme chosen in the window, System by default.
        onTheme: (theme) => {
          nativeTheme.themeSource = theme;
        },
      });
      nativeTheme.themeSource = dossier.settings.read().theme;
    } catch (error) {
      dialog.showErrorBox('Dossier could not open the project', (error as Error).message);
      app.quit();
      return;
    }
    const dispatch = dossier.dispatch;
    registerIpcHandlers(
      async (name, input) => {
        const result = await dispatch(name, input);
        // The page asks for the app's state first thing (renderer/store/session.ts start()).
        if (name === 'app.info') page.open();
        return result;
      },
      () => mainWindow?.webContents ?? null,
    );
    buildMenu();
    mainWindow = createWindow();
    void importIntoProject(launch.documents);
    if (launch.exchangeFiles.length > 0) offerExchangeFiles(launch.exchangeFiles);
    launches.ready({
      focus: () => {
        if (mainWindow?.isMinimized()) mainWindow.restore();
        mainWindow?.focus();
      },
      openProject: (path) => {
        dossier!.switchProject(path, 'open');
        mainWindow?.webContents.reload();
      },
      importDocuments: (paths) => void importIntoProject(paths),
      offerExchangeFiles,
      reportError: (title, message) => dialog.showErrorBox(title, message),
    });
  });

  app.on('window-all-closed', () => {
    dossier?.close();
    app.quit();
  });
}

start();
