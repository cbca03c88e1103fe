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
    let firstImported: string | null = null;
    for (const [index, file] of files.entries()) {
      if (get().cancelImportRequested) {
        report.failed.push({
          fileName: `${files.length - index} ${files.length - index === 1 ? 'file' : 'files'} not imported`,
          reason: 'The import was cancelled before they were read; everything imported before stays.',
        });
        break;
      }
      set({
        importProgress: {
          total: files.length,
          done: index,
          failed: report.failed.length,
          current: file.name,
        },
      });
      const result = await importOne(file, maxFileBytes);
      if (result.status === 'imported') {
        report.imported += 1;
        firstImported ??= result.document.id;
        set((s) => ({ documents: [...s.documents, result.document] }));
      } else if (result.status === 'duplicate') {
        report.alreadyPresent.push(result.fileName);
      } else {
        report.failed.push({ fileName: result.fileName, reason: result.reason });
      }
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
