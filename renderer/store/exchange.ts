// Exchanging projects with teammates (issue 8): exporting the project as a .dossier or .qdpx file, merging a
// teammate's file (read and checked, previewed, then applied), opening a file as a new project, and the
// conflicts merges kept aside. The long calls run as jobs: the renderer names each one (a random id), asks
// `jobs.progress` a few times a second while it runs, and `jobs.cancel` stops it.
//
// One exchange dialog at a time; its steps live here rather than in the dialogs, so a job that finishes after
// its dialog closed (or after another started) is still cleaned up: a preview nobody will read is discarded.
import type { StateCreator } from 'zustand';
import type {
  ExchangeFormat,
  ExchangeSource,
  JobProgress,
  MergePlanSummary,
  MergeReport,
  StoredConflict,
} from '../../shared/contract-exchange';
import { MAX_EXCHANGE_UPLOAD_BYTES } from '../../shared/contract-exchange';
import type { HistoryArea } from '../../shared/annotations';
import { DossierError } from '../../shared/errors';
import { api } from '../api';
import type { DossierState } from './index';
import { errorMessage } from './index';
import { readAsBase64 } from './library';
import { saveBlob } from '../features/timeline/exportTimeline';

/** How often a running job is asked how far it is. */
export const PROGRESS_POLL_MS = 200;

export type ExchangeJobKind = 'export' | 'preview' | 'openAsProject';

export interface ExchangeJob {
  id: string;
  kind: ExchangeJobKind;
  /** The file being read (an upload's name), when known. */
  fileName: string | null;
  progress: JobProgress | null;
  cancelRequested: boolean;
}

export interface ExportChoice {
  format: ExchangeFormat;
  /** A search; empty for the whole project. */
  query: string;
  /** Include the imported files (.dossier only). */
  originals: boolean;
}

export interface ExchangeMessage {
  tone: 'info' | 'error';
  message: string;
}

export type MergeState =
  /** The file is being read and checked (or, in the desktop app, chosen). */
  | { step: 'reading'; fileName: string | null }
  | { step: 'preview'; token: string; summary: MergePlanSummary; applying: boolean; problem: string | null }
  | { step: 'merged'; report: MergeReport }
  | { step: 'failed'; fileName: string | null; message: string };

export type OpenFileState =
  /** A browser's chosen file, waiting for the new project's path. */
  { step: 'choosing'; file: File; problem: string | null } | { step: 'running'; fileName: string | null };

export type ExchangeDialog =
  | { kind: 'export'; message: ExchangeMessage | null }
  | { kind: 'merge'; merge: MergeState }
  | { kind: 'openAsProject'; open: OpenFileState };

export interface ExchangeSlice {
  exchangeDialog: ExchangeDialog | null;
  /** The long call running now (at most one), with its progress. */
  exchangeJob: ExchangeJob | null;
  openExportProject(): void;
  /** Closes the exchange dialog: a running job is cancelled, a previewed file discarded. */
  closeExchangeDialog(): void;
  cancelExchangeJob(): void;
  exportProject(choice: ExportChoice): Promise<void>;
  /** Reads a teammate's file and previews the merge: a browser's upload, or null for the desktop's dialog. */
  previewMerge(file: File | null): Promise<void>;
  applyMerge(keepTagsApart: readonly string[]): Promise<void>;
  /** A file to open as a new project: a browser's upload (a path is asked next), or null for the dialogs. */
  chooseFileToOpen(file: File | null): void;
  openFileAsProject(file: File | null, path: string | null): Promise<void>;

  conflicts: StoredConflict[];
  conflictsLoaded: boolean;
  loadConflicts(): Promise<void>;
  /** Keeps the version a merge kept (take = conflict.kept) or takes the other; resolves to whether it did. */
  resolveConflict(conflict: StoredConflict, take: 'ours' | 'theirs'): Promise<boolean>;
  /** Reloads every list after a merge, which may change anything. */
  reloadAfterMerge(): Promise<void>;
}

export function newJobId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

export function isCancelled(error: unknown): boolean {
  return error instanceof DossierError && error.code === 'cancelled';
}

export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}

/** "640 KB", "12.5 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${megabytes(bytes)} MB`;
}

/** Refuses a file a browser may not send, before reading it; null when it may. */
export function uploadProblem(file: File): string | null {
  if (file.size <= MAX_EXCHANGE_UPLOAD_BYTES) return null;
  return `“${file.name}” is ${megabytes(file.size)} MB; a browser can send at most ${megabytes(
    MAX_EXCHANGE_UPLOAD_BYTES,
  )} MB. Use the command line instead: dossier merge “${file.name}”.`;
}

async function uploadSource(file: File): Promise<ExchangeSource> {
  const problem = uploadProblem(file);
  if (problem) throw new DossierError('invalid_input', problem);
  return { fileName: file.name, dataBase64: await readAsBase64(file) };
}

/** What a table's conflicts and resolutions change in the renderer's lists. */
const AREAS_BY_TABLE: Record<string, HistoryArea[]> = {
  highlights: ['highlights', 'claims'],
  highlight_tags: ['highlights', 'tags'],
  tags: ['tags', 'highlights', 'claims', 'events'],
  entities: ['entities', 'claims', 'events'],
  claims: ['claims', 'events'],
  claim_passages: ['claims', 'highlights'],
  claim_tags: ['claims', 'tags'],
  events: ['events', 'claims'],
  event_actors: ['events', 'entities'],
  event_tags: ['events', 'tags'],
  claim_events: ['events', 'claims'],
};

type Outcome<T> = { status: 'done'; result: T } | { status: 'cancelled'; result: T | null };

export const createExchangeSlice: StateCreator<DossierState, [], [], ExchangeSlice> = (set, get) => {
  /** Each dialog opened gets a number; answers for an older one are only cleaned up. */
  let dialogSeq = 0;

  const openDialog = (dialog: ExchangeDialog): number => {
    set({ exchangeDialog: dialog });
    return ++dialogSeq;
  };
  const isCurrent = (seq: number) => seq === dialogSeq && get().exchangeDialog !== null;
  const updateDialog = (seq: number, dialog: ExchangeDialog) => {
    if (isCurrent(seq)) set({ exchangeDialog: dialog });
  };
  const discard = (token: string) => {
    api['exchange.discard']({ token }).catch(() => undefined);
  };

  /** Runs a long call as a job: progress polled while it runs; cancelling is an outcome, not an error. */
  async function runJob<T>(
    kind: ExchangeJobKind,
    fileName: string | null,
    start: (jobId: string) => Promise<T>,
  ): Promise<Outcome<T>> {
    const id = newJobId();
    set({ exchangeJob: { id, kind, fileName, progress: null, cancelRequested: false } });
    let running = true;
    let timer = 0;
    const poll = () => {
      timer = window.setTimeout(() => {
        api['jobs.progress']({ jobId: id }).then(
          (progress) => {
            const job = get().exchangeJob;
            if (running && progress && job?.id === id) set({ exchangeJob: { ...job, progress } });
            if (running) poll();
          },
          () => running && poll(),
        );
      }, PROGRESS_POLL_MS);
    };
    poll();
    const cancelled = () => get().exchangeJob?.id === id && get().exchangeJob!.cancelRequested;
    try {
      const result = await start(id);
      // Cancelled too late to stop it (or before the main side had started it): the user still said stop.
      return cancelled() ? { status: 'cancelled', result } : { status: 'done', result };
    } catch (error) {
      if (isCancelled(error) || cancelled()) return { status: 'cancelled', result: null };
      throw error;
    } finally {
      running = false;
      window.clearTimeout(timer);
      if (get().exchangeJob?.id === id) set({ exchangeJob: null });
    }
  }

  /** Throws 'cancelled' if the user cancelled while the renderer itself was busy (reading an upload). */
  const checkCancel = () => {
    if (get().exchangeJob?.cancelRequested) throw new DossierError('cancelled', 'Cancelled.');
  };

  return {
    exchangeDialog: null,
    exchangeJob: null,
    conflicts: [],
    conflictsLoaded: false,

    openExportProject() {
      if (get().exchangeJob) return;
      openDialog({ kind: 'export', message: null });
    },

    closeExchangeDialog() {
      const dialog = get().exchangeDialog;
      if (get().exchangeJob) get().cancelExchangeJob();
      if (dialog?.kind === 'merge' && dialog.merge.step === 'preview') {
        if (dialog.merge.applying) return; // a merge in one transaction: it finishes, then the report shows
        discard(dialog.merge.token);
      }
      dialogSeq++;
      set({ exchangeDialog: null });
    },

    cancelExchangeJob() {
      const job = get().exchangeJob;
      if (!job || job.cancelRequested) return;
      set({ exchangeJob: { ...job, cancelRequested: true } });
      api['jobs.cancel']({ jobId: job.id }).catch(() => undefined);
    },

    async exportProject(choice) {
      const seq = dialogSeq;
      if (get().exchangeJob) return;
      updateDialog(seq, { kind: 'export', message: null });
      const native = get().appInfo?.capabilities.nativeDialogs ?? false;
      const query = choice.query.trim();
      let outcome: Outcome<Awaited<ReturnType<(typeof api)['exchange.export']>>>;
      try {
        outcome = await runJob('export', null, (jobId) =>
          api['exchange.export']({
            format: choice.format,
            target: native ? { dialog: true } : { download: true },
            ...(query ? { scope: { query } } : {}),
            originals: choice.format === 'dossier' && choice.originals,
            jobId,
          }),
        );
      } catch (error) {
        updateDialog(seq, { kind: 'export', message: { tone: 'error', message: errorMessage(error) } });
        return;
      }
      const result = outcome.result;
      // A file already written (the desktop's save dialog) stays written; a download not yet saved is dropped.
      if (outcome.status === 'cancelled' && (!result || result.path === null)) {
        updateDialog(seq, {
          kind: 'export',
          message: { tone: 'info', message: 'Export cancelled; nothing was written.' },
        });
        return;
      }
      if (!result) {
        // The save dialog was cancelled: the export dialog goes too, quietly.
        if (isCurrent(seq)) {
          dialogSeq++;
          set({ exchangeDialog: null });
        }
        return;
      }
      if (result.dataBase64 !== undefined) {
        saveDownload(result.dataBase64, result.fileName);
      }
      get().showToast({ message: exportedMessage(result), tone: 'info' });
      if (isCurrent(seq)) {
        dialogSeq++;
        set({ exchangeDialog: null });
      }
    },

    async previewMerge(file) {
      if (get().exchangeJob) {
        get().showToast({ message: 'Wait for the file being read to finish first.', tone: 'info' });
        return;
      }
      const fileName = file?.name ?? null;
      const seq = openDialog({ kind: 'merge', merge: { step: 'reading', fileName } });
      const problem = file ? uploadProblem(file) : null;
      if (problem) {
        updateDialog(seq, { kind: 'merge', merge: { step: 'failed', fileName, message: problem } });
        return;
      }
      let outcome: Outcome<{ token: string; summary: MergePlanSummary } | null>;
      try {
        outcome = await runJob('preview', fileName, async (jobId) => {
          const source: ExchangeSource = file ? await uploadSource(file) : { dialog: true };
          checkCancel();
          return api['exchange.preview']({ source, jobId });
        });
      } catch (error) {
        updateDialog(seq, {
          kind: 'merge',
          merge: { step: 'failed', fileName, message: errorMessage(error) },
        });
        return;
      }
      const result = outcome.result;
      if (outcome.status === 'cancelled' || !result || !isCurrent(seq)) {
        if (result) discard(result.token);
        // Cancelled, or the desktop's file dialog was: nothing to show.
        if (isCurrent(seq)) {
          dialogSeq++;
          set({ exchangeDialog: null });
        }
        return;
      }
      set({
        exchangeDialog: {
          kind: 'merge',
          merge: {
            step: 'preview',
            token: result.token,
            summary: result.summary,
            applying: false,
            problem: null,
          },
        },
      });
    },

    async applyMerge(keepTagsApart) {
      const dialog = get().exchangeDialog;
      if (dialog?.kind !== 'merge' || dialog.merge.step !== 'preview' || dialog.merge.applying) return;
      const preview = dialog.merge;
      const seq = dialogSeq;
      set({ exchangeDialog: { kind: 'merge', merge: { ...preview, applying: true, problem: null } } });
      let report: MergeReport;
      try {
        report = await api['exchange.apply']({ token: preview.token, keepTagsApart: [...keepTagsApart] });
      } catch (error) {
        updateDialog(seq, {
          kind: 'merge',
          merge: { ...preview, applying: false, problem: errorMessage(error) },
        });
        return;
      }
      updateDialog(seq, { kind: 'merge', merge: { step: 'merged', report } });
      await get().reloadAfterMerge();
    },

    chooseFileToOpen(file) {
      if (get().exchangeJob) return;
      if (file) openDialog({ kind: 'openAsProject', open: { step: 'choosing', file, problem: null } });
      else void get().openFileAsProject(null, null);
    },

    async openFileAsProject(file, path) {
      if (get().exchangeJob) return;
      const fileName = file?.name ?? null;
      const seq =
        get().exchangeDialog?.kind === 'openAsProject'
          ? dialogSeq
          : openDialog({ kind: 'openAsProject', open: { step: 'running', fileName } });
      updateDialog(seq, { kind: 'openAsProject', open: { step: 'running', fileName } });
      const close = () => {
        if (!isCurrent(seq)) return;
        dialogSeq++;
        set({ exchangeDialog: null });
      };
      const failed = (message: string) => {
        // A browser's file stays chosen: another path may do. The desktop's dialogs have nothing to keep.
        if (file)
          updateDialog(seq, { kind: 'openAsProject', open: { step: 'choosing', file, problem: message } });
        else {
          close();
          get().showToast({ message, tone: 'error' });
        }
      };
      let outcome: Outcome<Awaited<ReturnType<(typeof api)['exchange.openAsProject']>>>;
      try {
        outcome = await runJob('openAsProject', fileName, async (jobId) => {
          const source: ExchangeSource = file ? await uploadSource(file) : { dialog: true };
          checkCancel();
          return api['exchange.openAsProject']({
            source,
            target: path === null ? { dialog: true } : { path },
            jobId,
          });
        });
      } catch (error) {
        failed(errorMessage(error));
        return;
      }
      const result = outcome.result;
      if (!result) {
        // Cancelled before it was made, or a dialog was cancelled: back to the path (browser), or nothing.
        if (file && outcome.status === 'cancelled') {
          updateDialog(seq, { kind: 'openAsProject', open: { step: 'choosing', file, problem: null } });
        } else close();
        return;
      }
      // The main side has switched to the new project (even if the user pressed Cancel too late).
      close();
      await get().restart();
      get().showToast({
        message: `Opened “${result.name}” as a new project: ${describeCounts(result.report.counts, 'added')}.`,
        tone: 'info',
      });
    },

    async loadConflicts() {
      try {
        set({ conflicts: await api['exchange.conflicts']({}), conflictsLoaded: true });
      } catch (error) {
        get().showToast({ message: errorMessage(error), tone: 'error' });
      }
    },

    async resolveConflict(conflict, take) {
      try {
        await api['exchange.resolve']({
          mergeId: conflict.mergeId,
          table: conflict.table,
          key: conflict.key,
          take,
        });
      } catch (error) {
        get().showToast({ message: errorMessage(error), tone: 'error' });
        await get().loadConflicts();
        return false;
      }
      const jobs: Promise<unknown>[] = [get().loadConflicts()];
      if (take !== conflict.kept) {
        if (conflict.table === 'documents') jobs.push(reloadDocuments(get));
        else jobs.push(get().afterAction(AREAS_BY_TABLE[conflict.table] ?? []));
      } else {
        jobs.push(get().refreshHistory());
      }
      await Promise.all(jobs);
      return true;
    },

    async reloadAfterMerge() {
      const s = get();
      await Promise.all([
        reloadDocuments(get),
        s.loadTags(),
        s.loadEntities(),
        s.loadClaims(),
        s.loadEvents(),
        s.loadOrphans(),
        s.refreshHistory(),
        s.loadSavedSearches(),
        s.loadConflicts(),
      ]);
    },
  };
};

/** The library, and the open document again (its text, metadata or passages may have changed or merged). */
async function reloadDocuments(get: () => DossierState): Promise<void> {
  try {
    await get().loadDocuments();
  } catch (error) {
    get().showToast({ message: errorMessage(error), tone: 'error' });
    return;
  }
  const open = get().openDocumentId;
  if (!open) return;
  if (get().documents.some((d) => d.id === open)) await get().openDocument(open);
  else get().closeDocument();
}

function saveDownload(dataBase64: string, fileName: string): void {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  saveBlob(new Blob([bytes], { type: 'application/zip' }), fileName);
}

/** The kinds of rows a user thinks in; the link tables are counted together. */
export const KINDS: readonly { id: string; label: string; one: string; many: string; tables: string[] }[] = [
  { id: 'documents', label: 'Documents', one: 'document', many: 'documents', tables: ['documents'] },
  { id: 'highlights', label: 'Passages', one: 'passage', many: 'passages', tables: ['highlights'] },
  { id: 'claims', label: 'Claims', one: 'claim', many: 'claims', tables: ['claims'] },
  { id: 'events', label: 'Events', one: 'event', many: 'events', tables: ['events'] },
  { id: 'tags', label: 'Tags', one: 'tag', many: 'tags', tables: ['tags'] },
  {
    id: 'entities',
    label: 'People & places',
    one: 'person or place',
    many: 'people and places',
    tables: ['entities'],
  },
  {
    id: 'saved_searches',
    label: 'Saved searches',
    one: 'saved search',
    many: 'saved searches',
    tables: ['saved_searches'],
  },
];
const NAMED_TABLES = new Set(KINDS.flatMap((k) => k.tables));
export const isLinkTable = (table: string) => !NAMED_TABLES.has(table) && table !== 'document_texts';

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** "5 documents, 2 passages, 1 claim" from counts by table (numbers, or a field of TableCounts). */
export function describeCounts(
  counts: Record<string, number | Record<string, number>>,
  field?: 'added' | 'updated',
): string {
  const value = (table: string) => {
    const c = counts[table];
    if (c === undefined) return 0;
    return typeof c === 'number' ? c : (c[field ?? 'added'] ?? 0);
  };
  const parts = KINDS.map((k) => ({ k, n: k.tables.reduce((sum, t) => sum + value(t), 0) }))
    .filter(({ n }) => n > 0)
    .map(({ k, n }) => plural(n, k.one, k.many));
  const originals = typeof counts.originals === 'number' ? counts.originals : 0;
  if (originals > 0) parts.push(plural(originals, 'imported file', 'imported files'));
  return parts.length > 0 ? parts.join(', ') : 'nothing yet';
}

function exportedMessage(result: {
  fileName: string;
  path: string | null;
  bytes: number;
  counts: Record<string, number>;
}) {
  const where = result.path ? `Saved “${result.fileName}”` : `Exported “${result.fileName}”`;
  return `${where} (${fileSize(result.bytes)}): ${describeCounts(result.counts)}.`;
}
