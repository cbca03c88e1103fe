// Library: the project's documents and importing more of them, one file per call so that progress is real
// and one bad file never stops the rest.
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
    // A few files travel at once so that reading, sending and parsing overlap; the library list is
    // updated a few times a second rather than per file (re-rendering thousands of rows per file would
    // block the window).
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
    const lane = async () => {
      while (next < files.length && !get().cancelImportRequested) {
        const file = files[next++]!;
        set({
          importProgress: {
            total: files.length,
            done: finished,
            failed: report.failed.length,
            current: file.name,
          },
        });
        const result = await importOne(file, maxFileBytes);
        finished += 1;
        if (result.status === 'imported') {
          report.imported += 1;
          firstImported ??= result.document.id;
          imported.push(result.document);
          if (performance.now() - lastFlush > LIST_UPDATE_MS) flushImported();
        } else if (result.status === 'duplicate') {
          report.alreadyPresent.push(result.fileName);
        } else {
          report.failed.push({ fileName: result.fileName, reason: result.reason });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(FILES_IN_FLIGHT, files.length) }, lane));
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

/** Files sent to the main side at once during an import. */
const FILES_IN_FLIGHT = 3;
/** How often the library list takes in the documents imported meanwhile. */
const LIST_UPDATE_MS = 300;

async function importOne(file: File, maxFileBytes: number): Promise<ImportFileResult> {
  if (file.size > maxFileBytes) {
    return {
      status: 'failed',
      fileName: file.name,
      reason: `The file is ${megabytes(file.size)} MB; the limit is ${megabytes(maxFileBytes)} MB.`,
    };
  }
  try {
    return await api['documents.importFile']({ fileName: file.name, dataBase64: await readAsBase64(file) });
  } catch (error) {
    return { status: 'failed', fileName: file.name, reason: errorMessage(error) };
  }
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
