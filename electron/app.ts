// The main side without Electron: which project is open, the settings, and the handlers for every
// operation of the contract. The desktop shell, `dossier serve` and the CLI each build one of these.
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, type Handlers, type ThemeChoice } from '../shared/contract';
import { DossierError } from '../shared/errors';
import { createDispatch, type Dispatch } from './dispatch';
import { defaultProjectPath, userDataDir } from './paths';
import { Project } from './project';
import { FileCheckSeals } from './db/check-seals';
import { SettingsStore } from './settings';
import { nowIso } from './db/clock';
import { getDocument, importDocumentFile, listDocuments, type ImportLimits } from './services/documents';
import { importDocumentFiles } from './services/import-paths';
import { IngestPool } from './services/ingest/pool';
import { reimportDocumentFile, setBoilerplate, updateMetadata } from './services/document-edits';
import {
  createHighlight,
  deleteHighlight,
  listHighlights,
  restoreHighlight,
  updateHighlight,
} from './services/highlights';
import {
  applyTag,
  createTag,
  createTagPath,
  deleteTag,
  listTags,
  mergeTags,
  removeTag,
  updateTag,
} from './services/codebook';
import { createEntity, deleteEntity, listEntities, mergeEntities, updateEntity } from './services/entities';
import {
  addClaimPassage,
  createClaim,
  deleteClaim,
  getClaim,
  listClaims,
  removeClaimPassage,
  updateClaim,
} from './services/claims';
import { listOrphans, reattachHighlight } from './services/orphans';
import { suggestDocumentEvents } from './services/event-suggestions';
import { deleteSavedSearch, listSavedSearches, saveSearch, searchProject } from './services/search';
import {
  createEvent,
  deleteEvent,
  getEvent,
  linkClaimToEvent,
  listEvents,
  unlinkClaimFromEvent,
  updateEvent,
} from './services/events';
import {
  addStyle,
  documentReference,
  listStyles,
  quoteCitation,
  removeStyle,
  renderExport,
} from './services/citations';
import { APP_VERSION } from './version';
import { Jobs } from './jobs';
import {
  PendingMerges,
  applyStagedMerge,
  createProjectFromStaged,
  exportExchangeFile,
  exportFileName,
  exportForDownload,
  listConflicts,
  pathSource,
  previewMerge,
  resolveConflict,
  stageFile,
  uploadedSource,
  type ResolvedSource,
} from './services/exchange';
import type { ExchangeSource } from '../shared/contract-exchange';
import type { BackupList } from '../shared/contract-backups';
import { DamagedProjectError } from './db/file-check';
import { projectNameFromPath } from './db/connection';
import { backupInfo, backupList, backupProject, checkProjectFile, restoreProject } from './services/backup';
import { BackupScheduler } from './services/backup-schedule';

/** Native dialogs exist only in the desktop shell; elsewhere the renderer asks for a path instead. */
export interface HostDialogs {
  chooseProjectToOpen(): Promise<string | null>;
  chooseProjectToCreate(): Promise<string | null>;
  /** A teammate's .dossier or .qdpx file to merge or open. */
  chooseExchangeFile(): Promise<string | null>;
  /** Where to write an export (the suggested file name given). */
  chooseExportPath(fileName: string): Promise<string | null>;
}

export interface DossierAppOptions {
  /** --project FILE; otherwise DOSSIER_PROJECT, the last project used, or the default project. */
  projectPath?: string | undefined;
  env?: NodeJS.ProcessEnv;
  maxFileBytes?: number;
  dialogs?: HostDialogs;
  /**
   * Whether the renderer may name project files by path. True for `dossier serve` (a browser has no file
   * dialogs); the desktop app sets false, so a compromised page cannot create or open files anywhere: there,
   * projects come from the native dialogs or the recent list.
   */
  allowTypedProjectPaths?: boolean;
  /** Back up the open project on a schedule (the desktop app and `dossier serve`, not one-off commands). */
  scheduleBackups?: boolean;
  /**
   * When the project to open at start is damaged: 'throw' (the CLI's commands, whose error names the latest
   * backup), or 'open-default': open the default project instead and offer the damaged one's backups
   * (`backups.damaged`), for the desktop app and `dossier serve`, whose window can restore it.
   */
  whenDamaged?: 'throw' | 'open-default';
  /** Open every project read-only (`dossier serve --read-only`: to look at a project without changing it). */
  readOnly?: boolean;
  /** The window chose a theme: the desktop app applies it to what Electron draws (nativeTheme). */
  onTheme?: (theme: ThemeChoice) => void;
}

/** The project a command or the app opens when none is named: DOSSIER_PROJECT, the last one used, the default. */
export function resolveProjectPath(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  settings = new SettingsStore(userDataDir(env)),
): string {
  if (explicit) return resolve(explicit);
  if (env.DOSSIER_PROJECT) return resolve(env.DOSSIER_PROJECT);
  const last = settings.recentProjects().find((p) => p.path === settings.read().lastProject);
  if (last?.exists) return last.path;
  return defaultProjectPath(env);
}

export class DossierApp {
  readonly settings: SettingsStore;
  /** Projects found sound when last closed (db/check-seals.ts), in the data folder. */
  private readonly seals: FileCheckSeals;
  /** Dossier's data folder: settings, the default project, the citation styles the user added. */
  readonly dataDir: string;
  readonly maxFileBytes: number;
  readonly dispatch: Dispatch;
  private current: Project;
  /** Parses imported files off the main thread; started on first use. */
  private pool: IngestPool | null = null;
  private readonly dialogs: HostDialogs | undefined;
  private readonly onTheme: ((theme: ThemeChoice) => void) | undefined;
  private readonly allowTypedProjectPaths: boolean;
  readonly jobs = new Jobs();
  private readonly pendingMerges = new PendingMerges();
  private readonly env: NodeJS.ProcessEnv;
  private readonly readOnly: boolean;
  /** The project last refused because it is damaged: the window offers its backups. */
  private damaged: { path: string; problem: string } | null = null;
  private readonly scheduler: BackupScheduler | null = null;
  /** Why the last scheduled backup failed; null once one works. */
  private backupError: string | null = null;

  constructor(options: DossierAppOptions = {}) {
    const env = options.env ?? process.env;
    this.env = env;
    this.readOnly = options.readOnly ?? false;
    this.dataDir = userDataDir(env);
    this.settings = new SettingsStore(this.dataDir);
    this.seals = new FileCheckSeals(join(this.dataDir, 'checked-projects.json'));
    this.maxFileBytes = options.maxFileBytes ?? maxFileBytesFromEnv(env);
    this.dialogs = options.dialogs;
    this.onTheme = options.onTheme;
    this.allowTypedProjectPaths = options.allowTypedProjectPaths ?? true;
    const startup = resolveProjectPath(options.projectPath, env, this.settings);
    try {
      this.current = this.openFile(startup, true);
    } catch (error) {
      const fallback = defaultProjectPath(env);
      const fallBack = error instanceof DamagedProjectError && options.whenDamaged === 'open-default';
      if (!fallBack || resolve(fallback) === startup) throw error;
      this.current = this.openFile(fallback, true);
    }
    const handlers = this.createHandlers();
    this.dispatch = createDispatch(() => handlers);
    if (options.scheduleBackups) {
      this.scheduler = new BackupScheduler({
        project: () => this.current,
        backup: (project) => backupProject(project, 'scheduled'),
        onResult: (error) => {
          this.backupError = error ? (error instanceof Error ? error.message : String(error)) : null;
        },
      });
      this.scheduler.start();
    }
  }

  get project(): Project {
    return this.current;
  }

  private openFile(path: string, create: boolean): Project {
    if (create) mkdirSync(dirname(path), { recursive: true });
    let project: Project;
    try {
      project = Project.open(path, {
        create: create && !this.readOnly,
        readOnly: this.readOnly,
        seals: this.seals,
      });
    } catch (error) {
      // The window offers the backups of the project it last failed to open, if that one is damaged.
      this.damaged = error instanceof DamagedProjectError ? { path, problem: error.problem } : null;
      throw error;
    }
    if (this.damaged?.path === path) this.damaged = null;
    try {
      this.settings.rememberProject(path, project.name, nowIso());
    } catch {
      // Settings are a convenience; an unwritable settings folder must not stop the project opening.
    }
    return project;
  }

  /** Switches to another project; the current one stays open if the new one cannot be opened. */
  switchProject(path: string, mode: 'open' | 'create'): Project {
    const absolute = resolve(path);
    if (absolute === this.current.path) return this.current;
    if (mode === 'create') assertNoFileAt(absolute);
    const next = this.openFile(absolute, mode === 'create');
    this.pendingMerges.clear();
    this.current.close();
    this.current = next;
    return next;
  }

  /** Limits and the worker pool for imports (the CLI and the desktop drop use them too). */
  importLimits(): ImportLimits {
    this.pool ??= new IngestPool();
    return { maxFileBytes: this.maxFileBytes, ingest: this.pool.ingest, ingestPath: this.pool.ingestPath };
  }

  close(): void {
    this.scheduler?.stop();
    this.pendingMerges.clear();
    void this.pool?.close();
    this.pool = null;
    this.current.close();
  }

  private createHandlers(): Handlers {
    const limits = () => this.importLimits();
    return {
      'app.info': () => ({
        version: APP_VERSION,
        project: this.current.info(),
        capabilities: { nativeDialogs: this.dialogs !== undefined },
        // Only plain data crosses to the renderer (the pool's functions cannot be cloned over IPC).
        limits: { maxFileBytes: this.maxFileBytes },
      }),
      'app.setTheme': ({ theme }) => {
        try {
          this.settings.rememberTheme(theme);
        } catch {
          // Remembering it is a convenience: the window keeps its own choice, and applies it at start.
        }
        this.onTheme?.(theme);
        return null;
      },
      'projects.recent': () => this.settings.recentProjects(),
      'projects.open': ({ path }) => this.switchProject(this.typedPath(path, 'open'), 'open').info(),
      'projects.create': ({ path }) => this.switchProject(this.typedPath(path, 'create'), 'create').info(),
      'projects.openDialog': async () => {
        const path = await this.requireDialogs().chooseProjectToOpen();
        return path ? this.switchProject(path, 'open').info() : null;
      },
      'projects.createDialog': async () => {
        const path = await this.requireDialogs().chooseProjectToCreate();
        return path ? this.switchProject(path, 'create').info() : null;
      },
      'documents.list': () => listDocuments(this.current),
      'documents.get': ({ id }) => getDocument(this.current, id),
      'documents.importFile': ({ fileName, dataBase64 }) =>
        importDocumentFile(this.current, fileName, Buffer.from(dataBase64, 'base64'), limits()),
      'documents.importFiles': ({ files }) =>
        importDocumentFiles(
          this.current,
          files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.dataBase64, 'base64') })),
          limits(),
        ),
      'documents.reimportFile': ({ id, fileName, dataBase64 }) =>
        reimportDocumentFile(this.current, id, fileName, Buffer.from(dataBase64, 'base64'), limits()),
      'documents.updateMetadata': ({ id, changes }) => updateMetadata(this.current, id, changes),
      'documents.setBoilerplate': ({ id, blockIndexes, boilerplate }) =>
        setBoilerplate(this.current, id, blockIndexes, boilerplate),
      'highlights.list': ({ documentId }) => listHighlights(this.current, documentId),
      'highlights.create': (input) => createHighlight(this.current, input),
      'highlights.update': (input) => updateHighlight(this.current, input),
      'highlights.delete': ({ id }) => deleteHighlight(this.current, id),
      'highlights.restore': ({ id }) => restoreHighlight(this.current, id),
      'highlights.reattach': (input) => reattachHighlight(this.current, input),
      'tags.list': () => listTags(this.current),
      'tags.create': (input) => createTag(this.current, input),
      'tags.createPath': (input) => createTagPath(this.current, input),
      'tags.update': (input) => updateTag(this.current, input),
      'tags.merge': (input) => mergeTags(this.current, input),
      'tags.delete': ({ id }) => deleteTag(this.current, id),
      'tags.apply': (input) => applyTag(this.current, input),
      'tags.remove': (input) => removeTag(this.current, input),
      'entities.list': () => listEntities(this.current),
      'entities.create': (input) => createEntity(this.current, input),
      'entities.update': (input) => updateEntity(this.current, input),
      'entities.merge': (input) => mergeEntities(this.current, input),
      'entities.delete': ({ id }) => deleteEntity(this.current, id),
      'claims.list': () => listClaims(this.current),
      'claims.get': ({ id }) => getClaim(this.current, id),
      'claims.create': (input) => createClaim(this.current, input),
      'claims.update': (input) => updateClaim(this.current, input),
      'claims.addPassage': (input) => addClaimPassage(this.current, input),
      'claims.removePassage': (input) => removeClaimPassage(this.current, input),
      'claims.delete': ({ id }) => deleteClaim(this.current, id),
      'orphans.list': () => listOrphans(this.current),
      'history.state': () => this.current.history(),
      'history.undo': () => this.current.undo(),
      'history.redo': () => this.current.redo(),
      'events.list': () => listEvents(this.current),
      'events.get': ({ id }) => getEvent(this.current, id),
      'events.create': (input) => createEvent(this.current, input),
      'events.update': (input) => updateEvent(this.current, input),
      'events.delete': ({ id }) => deleteEvent(this.current, id),
      'events.linkClaim': (input) => linkClaimToEvent(this.current, input),
      'events.unlinkClaim': (input) => unlinkClaimFromEvent(this.current, input),
      'events.suggest': (input) => suggestDocumentEvents(this.current, input),
      'search.query': (input) => searchProject(this.current, input),
      'searches.list': () => listSavedSearches(this.current),
      'searches.save': (input) => saveSearch(this.current, input),
      'searches.delete': ({ id }) => deleteSavedSearch(this.current, id),
      'citations.styles': () => listStyles(this.dataDir),
      'citations.addStyle': ({ fileName, xml }) => addStyle(this.dataDir, fileName, xml),
      'citations.removeStyle': ({ id }) => removeStyle(this.dataDir, id),
      'citations.reference': (input) => documentReference(this.current, this.dataDir, input),
      'citations.quote': (input) => quoteCitation(this.current, this.dataDir, input),
      'exports.render': (input) => renderExport(this.current, this.dataDir, input),
      'exchange.export': ({ format, target, scope, originals, jobId }) =>
        this.jobs.run(jobId, async (job) => {
          const options = { format, scope, originals };
          if ('download' in target) {
            const { fileName, bytes, summary } = await exportForDownload(this.current, options, job);
            return {
              fileName,
              path: null,
              dataBase64: bytes.toString('base64'),
              bytes: summary.bytes,
              counts: summary.counts,
            };
          }
          const path =
            'dialog' in target
              ? await this.requireDialogs().chooseExportPath(exportFileName(this.current, format))
              : this.typedFilePath(target.path);
          if (!path) return null;
          const summary = await exportExchangeFile(this.current, path, options, job);
          return { fileName: basename(path), path, bytes: summary.bytes, counts: summary.counts };
        }),
      'exchange.preview': ({ source, jobId }) =>
        this.jobs.run(jobId, async (job) => {
          const resolved = await this.resolveSource(source);
          if (!resolved) return null;
          try {
            const project = this.current;
            const staged = await stageFile(resolved, job);
            try {
              const summary = previewMerge(project, staged);
              return { token: this.pendingMerges.add(project, staged), summary };
            } catch (error) {
              staged.close();
              throw error;
            }
          } finally {
            resolved.cleanup();
          }
        }),
      'exchange.apply': ({ token, keepTagsApart }) => {
        const staged = this.pendingMerges.take(token, this.current);
        const report = applyStagedMerge(this.current, staged, keepTagsApart);
        this.pendingMerges.discard(token);
        return report;
      },
      'exchange.discard': ({ token }) => {
        this.pendingMerges.discard(token);
        return {};
      },
      'exchange.openAsProject': ({ source, target, jobId }) =>
        this.jobs.run(jobId, async (job) => {
          const resolved = await this.resolveSource(source);
          if (!resolved) return null;
          try {
            const path =
              'dialog' in target
                ? await this.requireDialogs().chooseProjectToCreate()
                : this.typedPath(target.path, 'create');
            if (!path) return null;
            const staged = await stageFile(resolved, job);
            let report;
            try {
              report = createProjectFromStaged(staged, resolve(path));
            } finally {
              staged.close();
            }
            const project = this.switchProject(path, 'open');
            return { path: project.path, name: project.name, report };
          } finally {
            resolved.cleanup();
          }
        }),
      'exchange.conflicts': () => listConflicts(this.current),
      'exchange.resolve': (input) => resolveConflict(this.current, input),
      'jobs.progress': ({ jobId }) => this.jobs.progress(jobId),
      'jobs.cancel': ({ jobId }) => ({ cancelled: this.jobs.cancel(jobId) }),
      'backups.list': () => backupList(this.current.path, this.current.name, null, this.backupError),
      'backups.create': async () => {
        if (this.current.readOnly) {
          throw new DossierError(
            'read_only',
            'This project is open read-only: nothing is written, not even a backup.',
          );
        }
        return backupInfo(await backupProject(this.current, 'manual'));
      },
      'backups.restore': ({ of, fileName }) => this.restoreBackup(of, fileName),
      'backups.damaged': () => this.damagedProject(),
      'projects.check': ({ full }) => checkProjectFile(this.current.path, full ? 'full' : 'quick'),
    };
  }

  private damagedProject(): BackupList | null {
    const damaged = this.damaged;
    if (!damaged) return null;
    return backupList(damaged.path, projectNameFromPath(damaged.path), damaged.problem);
  }

  /**
   * Restores a backup of the open project, or of the damaged one the app could not open, and opens it. The
   * open project is backed up and closed first; whatever happens, a project is open afterwards: the
   * restored one, or the one as it was if the restore did not happen.
   */
  private async restoreBackup(of: 'current' | 'damaged', fileName: string) {
    if (of === 'damaged') {
      const damaged = this.damaged;
      if (!damaged) throw new DossierError('not_found', 'No damaged project is waiting to be restored.');
      const result = await restoreProject(damaged.path, fileName);
      this.damaged = null;
      const project = this.switchProject(damaged.path, 'open');
      return { project: project.info(), restored: backupInfo(result.restored), keptAs: result.keptAs };
    }
    const path = this.current.path;
    if (this.current.readOnly) {
      throw new DossierError(
        'read_only',
        'This project is open read-only, so it cannot be replaced by a backup.',
      );
    }
    let closed = false;
    const close = () => {
      this.pendingMerges.clear();
      this.current.close();
      closed = true;
    };
    let result;
    try {
      result = await restoreProject(path, fileName, { current: { project: this.current, close } });
    } finally {
      if (closed) this.current = this.reopenAfterRestore(path);
    }
    return { project: this.current.info(), restored: backupInfo(result.restored), keptAs: result.keptAs };
  }

  private reopenAfterRestore(path: string): Project {
    try {
      return this.openFile(path, false);
    } catch (error) {
      // Never left without a project: the default one, while the error says what happened.
      this.current = this.openFile(defaultProjectPath(this.env), true);
      throw error;
    }
  }

  private typedPath(path: string, mode: 'open' | 'create'): string {
    if (this.allowTypedProjectPaths) return path;
    const known = mode === 'open' && this.settings.recentProjects().some((p) => p.path === resolve(path));
    if (known) return path;
    throw new DossierError('unsupported', 'Choose the project file with the New or Open Project dialog.');
  }

  /** A file the renderer names by path: allowed where typed project paths are (serve, CLI), not in the desktop app. */
  private typedFilePath(path: string): string {
    if (this.allowTypedProjectPaths) return resolve(path);
    throw new DossierError('unsupported', 'Choose the file with the dialog.');
  }

  private async resolveSource(source: ExchangeSource): Promise<ResolvedSource | null> {
    if ('dialog' in source) {
      const path = await this.requireDialogs().chooseExchangeFile();
      return path ? pathSource(path) : null;
    }
    if ('path' in source) return pathSource(this.typedFilePath(source.path));
    return uploadedSource(source.fileName, source.dataBase64);
  }

  private requireDialogs(): HostDialogs {
    if (!this.dialogs)
      throw new DossierError('unsupported', 'File dialogs are available in the desktop app only.');
    return this.dialogs;
  }
}

function assertNoFileAt(path: string): void {
  if (existsSync(path)) {
    throw new DossierError(
      'project_error',
      `A file already exists at ${path}; open it or choose another name.`,
    );
  }
}

function maxFileBytesFromEnv(env: NodeJS.ProcessEnv): number {
  const mb = Number(env.DOSSIER_MAX_FILE_MB);
  return Number.isFinite(mb) && mb > 0 ? Math.round(mb * 1024 * 1024) : DEFAULT_MAX_FILE_BYTES;
}
