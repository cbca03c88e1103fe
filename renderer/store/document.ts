// The open document's own data, apart from its highlights: metadata corrections, the boilerplate verdict of
// its blocks (and whether the reader shows them), and replacing its file with a corrected version.
import type { StateCreator } from 'zustand';
import type { DocumentDetail, DocumentSummary } from '../../shared/domain';
import type { OpInput } from '../../shared/contract';
import { api } from '../api';
import type { DossierState } from './index';
import { errorMessage } from './index';
import { readAsBase64 } from './library';

export type MetadataChangesInput = OpInput<'documents.updateMetadata'>['changes'];

export interface DocumentSlice {
  /** Show boilerplate blocks (navigation, adverts, comment boxes) in the reader; hidden by default. */
  showFullText: boolean;
  setShowFullText(show: boolean): void;
  /** Saves corrections; rejects with the server's message so a form can show it beside the field. */
  updateMetadata(changes: MetadataChangesInput): Promise<void>;
  /** On the open document, or on `documentId` (an Undo after the user moved on to another document). */
  setBoilerplate(blockIndexes: number[], boilerplate: boolean, documentId?: string): Promise<void>;
  reimportDocument(file: File): Promise<void>;
}

function summaryOf(detail: DocumentDetail): DocumentSummary {
  const {
    text: _text,
    blocks: _blocks,
    textSha256: _t,
    originalSha256: _o,
    originalSize: _s,
    ...summary
  } = detail;
  return summary;
}

export const createDocumentSlice: StateCreator<DossierState, [], [], DocumentSlice> = (set, get) => {
  const replaceSummary = (summary: DocumentSummary) =>
    set((s) => ({
      documents: s.documents.map((d) => (d.id === summary.id ? summary : d)),
      currentDocument:
        s.currentDocument?.id === summary.id ? { ...s.currentDocument, ...summary } : s.currentDocument,
    }));

  return {
    showFullText: false,
    setShowFullText(show) {
      set({ showFullText: show });
    },

    async updateMetadata(changes) {
      const document = get().currentDocument;
      if (!document) return;
      replaceSummary(await api['documents.updateMetadata']({ id: document.id, changes }));
    },

    async setBoilerplate(blockIndexes, boilerplate, documentId) {
      const target = documentId ?? get().currentDocument?.id;
      if (!target || blockIndexes.length === 0) return;
      try {
        const { id, blocks } = await api['documents.setBoilerplate']({
          id: target,
          blockIndexes,
          boilerplate,
        });
        set((s) =>
          s.currentDocument?.id === id ? { currentDocument: { ...s.currentDocument, blocks } } : {},
        );
        const count = blockIndexes.length === 1 ? 'A block' : `${blockIndexes.length} blocks`;
        get().showToast({
          message: boilerplate
            ? `${count} marked as boilerplate (hidden unless “Show full text” is on).`
            : `${count} restored to the article.`,
          tone: 'info',
          action: { label: 'Undo', run: () => void get().setBoilerplate(blockIndexes, !boilerplate, id) },
        });
      } catch (error) {
        get().showToast({ message: errorMessage(error), tone: 'error' });
      }
    },

    async reimportDocument(file) {
      const document = get().currentDocument;
      if (!document) return;
      try {
        const updated = await api['documents.reimportFile']({
          id: document.id,
          fileName: file.name,
          dataBase64: await readAsBase64(file),
        });
        replaceSummary(summaryOf(updated));
        // Highlights were re-anchored on the main side; reopening loads them with the new text.
        await get().openDocument(updated.id);
        // Passages moved or were lost: claims list their sources, and orphans wait to be re-attached.
        void get().afterAction(['claims', 'highlights'], []);
        get().showToast({ message: `Replaced with ${file.name}; your corrections were kept.`, tone: 'info' });
      } catch (error) {
        get().showToast({ message: `Could not replace the file: ${errorMessage(error)}`, tone: 'error' });
      }
    },
  };
};
