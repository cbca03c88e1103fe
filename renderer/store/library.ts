// Library: the project's documents and importing more of them, a batch of files per call (one commit each on
// the main side) so that progress is real and one bad file never stops the rest.
import type { StateCreator } from 'zustand';
import type { DocumentSummary, ImportFileResult } from '../../shared/domain';
import { api } from '../api';
import type { DossierState } from './index';
import { errorMessage } from './index';

export interface ImportProgress {
  total: number;
  /** Files finished, whatever their outcome; `failed` of them could not be imported. */
  done: number;
  failed: number;
  current: string;
}

export interface ImportReport {
  imported: number;
  alreadyPresent: string[];
  failed: { fileName: string; reason: string }[];
}

export interface LibrarySlice {
  documents: DocumentSummary[];
  documentsLoaded: boolean;
  importProgress: ImportProgress | null;
  lastImport: ImportReport | null;
  cancelImportRequested: boolean;
  loadDocuments(): Promise<void>;
  importFiles(files: File[]): Promise<void>;
  cancelImport(): void;
  dismissImportReport(): void;
}

export const createLibrarySlice: StateCreator<DossierState, [], [], LibrarySlice> = (set, get) => ({
  documents: [],
  documentsLoaded: false,
  importProgress: null,
  lastImport: null,
  cancelImportRequested: false,

  async loadDocuments() {
    const documents = await api['documents.list']({});
    set({ documents, documentsLoaded: true });
  },

  async importFiles(files) {
    if (files.length === 0) return;
    if (get().importProgress) {
      get().showToast({
        message: 'An import is already running; add these files when it has finished.',
        tone: 'info',
      });
      return;
    }
    const maxFileBytes = get().appInfo?.limits.maxFileBytes ?? Infinity;
    const report: ImportReport = { imported: 0, alreadyPresent: [], failed: [] };
    set({
      importProgress: { total: files.length, done: 0, failed: 0, current: '' },
      lastImport: null,
      cancelImportRequested: false,
    });
    // Files travel in batches, each stored in one transaction and indexed together on the main side; two
    // batches are in flight so that reading and sending one overlaps with storing the other. The library
    // list is updated a few times a second rather than per file (re-rendering thousands of rows per file
    // would block the window).
    const imported: DocumentSummary[] = [];
    let lastFlush = performance.now();
    const flushImported = () => {
      if (imported.length === 0) return;
      const batch = imported.splice(0);
      set((s) => ({ documents: [...s.documents, ...batch] }));
      lastFlush = performance.now();
    };
    let firstImported: string | null = null;
    let next = 0;
    let finished = 0;
    const take = (result: ImportFileResult) => {
      finished += 1;
      if (result.status === 'imported') {
        report.imported += 1;
        firstImported ??= result.document.id;
        imported.push(result.document);
      } else if (result.status === 'duplicate') {
        report.alreadyPresent.push(result.fileName);
      } else {
        report.failed.push({ fileName: result.fileName, reason: result.reason });
      }
    };
    // Small imports go in smaller batches, so that progress moves more than once or twice.
    const batchFiles = Math.max(1, Math.min(BATCH_FILES, Math.ceil(files.length / 10)));
    let current = '';
    const showProgress = () =>
      set({
        importProgress: { total: files.length, done: finished, failed: report.failed.length, current },
      });
    const lane = async () => {
      for (;;) {
        // Each batch starts in a task of its own: choosing a thousand files must not hold the window while
        // the progress appears, the two lanes start and the first files' sizes are read (Chromium stats a
        // chosen file on its first .size).
        await nextTask();
        if (next >= files.length || get().cancelImportRequested) break;
        const batch = nextBatch(files, next, batchFiles);
        next += batch.length;
        current = batch[0]!.name;
        showProgress();
        for (const result of await importBatch(batch, maxFileBytes)) take(result);
        showProgress();
        if (performance.now() - lastFlush > LIST_UPDATE_MS) flushImported();
      }
    };
    await Promise.all(Array.from({ length: BATCHES_IN_FLIGHT }, lane));
    flushImported();
    const left = files.length - next;
    if (left > 0) {
      report.failed.push({
        fileName: `${left} ${left === 1 ? 'file' : 'files'} not imported`,
        reason: 'The import was cancelled before they were read; everything imported before stays.',
      });
    }
    set({ importProgress: null, lastImport: report });
    if (firstImported && !get().openDocumentId) void get().openDocument(firstImported);
  },

  cancelImport() {
    set({ cancelImportRequested: true });
  },

  dismissImportReport() {
    set({ lastImport: null });
  },
});

/** Batches of files sent to the main side at once during an import. */
const BATCHES_IN_FLIGHT = 2;
/** A batch's files and bytes, at most (a larger file goes alone). */
const BATCH_FILES = 25;
const BATCH_BYTES = 8 * 1024 * 1024;
/** How often the library list takes in the documents imported meanwhile. */
const LIST_UPDATE_MS = 300;

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The files of the batch that starts at `from`. */
function nextBatch(files: File[], from: number, maxFiles: number): File[] {
  const batch = [files[from]!];
  let bytes = files[from]!.size;
  for (let i = from + 1; i < files.length && batch.length < maxFiles; i++) {
    bytes += files[i]!.size;
    if (bytes > BATCH_BYTES) break;
    batch.push(files[i]!);
  }
  return batch;
}

/** Imports a batch of files: one result per file, in order; a file that cannot be sent fails alone. */
async function importBatch(files: File[], maxFileBytes: number): Promise<ImportFileResult[]> {
  const results: (ImportFileResult | null)[] = files.map((file) =>
    file.size > maxFileBytes
      ? {
          status: 'failed',
          fileName: file.name,
          reason: `The file is ${megabytes(file.size)} MB; the limit is ${megabytes(maxFileBytes)} MB.`,
        }
      : null,
  );
  const sent: { slot: number; fileName: string; dataBase64: string }[] = [];
  await Promise.all(
    files.map(async (file, slot) => {
      if (results[slot]) return;
      try {
        sent.push({ slot, fileName: file.name, dataBase64: await readAsBase64(file) });
      } catch (error) {
        results[slot] = { status: 'failed', fileName: file.name, reason: errorMessage(error) };
      }
    }),
  );
  sent.sort((a, b) => a.slot - b.slot);
  if (sent.length > 0) {
    try {
      const stored = await api['documents.importFiles']({
        files: sent.map(({ fileName, dataBase64 }) => ({ fileName, dataBase64 })),
      });
      sent.forEach(({ slot }, i) => (results[slot] = stored[i]!));
    } catch (error) {
      for (const { slot, fileName } of sent) {
        results[slot] = { status: 'failed', fileName, reason: errorMessage(error) };
      }
    }
  }
  return results.map((r) => r!);
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(`Could not read ${file.name}`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
